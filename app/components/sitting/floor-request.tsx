"use client";
// The councillor's side of the debate (#15), on the phone: ask for the floor on the item under
// discussion (or raise a point of order), see one's place in the list, withdraw; when given the
// floor, the countdown in large; otherwise who is speaking.
import { useTranslations } from "next-intl";
import type { MemberView, PublicView } from "@/core/sitting/projection";
import type { CommandBody } from "@/core/sitting/protocol";
import { currentItem } from "@/lib/client/selectors";
import { SpeakersPanel } from "./speakers-panel";
import { SpeechTimer } from "./speech-timer";

export function FloorRequest({
  view,
  me,
  clockOffset,
  run,
}: {
  view: PublicView;
  me: MemberView | null;
  clockOffset: number;
  run: (command: CommandBody) => Promise<unknown>;
}) {
  const t = useTranslations("debate");
  const item = currentItem(view);
  const d = view.debate;
  if (!me || view.status !== "opened" || !item) return <SpeakersPanel view={view} clockOffset={clockOffset} variant="phone" />;
  if (d.current?.memberId === me.memberId)
    return (
      <section className="card space-y-3 border-2 border-marianne p-4" aria-labelledby="my-floor" data-testid="my-floor">
        <h2 id="my-floor" className="text-2xl font-black text-marianne">
          {t("youHaveFloor")}
        </h2>
        <SpeechTimer current={d.current} clockOffset={clockOffset} variant="phone" />
      </section>
    );
  const debating = item.status === "called";
  const canAsk = me.present && !me.interests.includes(item.id);
  const mine = d.queue.flatMap((q, i) => (q.memberId === me.memberId ? [{ ...q, position: i + 1 }] : []));
  const asked = (kind: "speech" | "point-of-order") => mine.find((q) => q.kind === kind);
  const ask = (kind: "speech" | "point-of-order") => void run({ type: "speech:request", itemId: item.id, kind });
  const speech = asked("speech");
  const poo = asked("point-of-order");
  return (
    <div className="space-y-3">
      {me.present && (debating || item.status === "voting") ? (
        <section className="card space-y-3 p-4" aria-label={t("title")} data-testid="floor-request">
          {mine.map((q) => (
            <div key={q.requestId} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-blue-50 p-3">
              <p className="text-lg font-semibold" role="status">
                {q.kind === "point-of-order" ? t("myPointOfOrder", { position: q.position }) : t("myRequest", { position: q.position })}
              </p>
              <button type="button" className="btn btn-secondary" onClick={() => void run({ type: "speech:withdraw", requestId: q.requestId })}>
                {t("withdraw")}
              </button>
            </div>
          ))}
          {debating && canAsk && !speech ? (
            <button type="button" className="btn btn-primary w-full py-4 text-xl" onClick={() => ask("speech")}>
              {t("request")}
            </button>
          ) : null}
          {!poo ? (
            <button type="button" className="btn btn-secondary w-full" onClick={() => ask("point-of-order")}>
              {t("pointOfOrder")}
            </button>
          ) : null}
        </section>
      ) : null}
      {d.current || (debating && d.queue.length) ? <SpeakersPanel view={view} clockOffset={clockOffset} variant="phone" /> : null}
    </div>
  );
}
