"use client";
// The item under discussion on the console: its title and figures at the call, its text, then the
// vote (opening it, following it) and the result.
import { useTranslations } from "next-intl";
import type { AgendaText } from "@/core/api/public";
import type { CommandBody } from "@/core/sitting/protocol";
import type { ChairView, MemberView, PublicView } from "@/core/sitting/projection";
import { currentItem, currentVote, memberName } from "@/lib/client/selectors";
import type { SendReply } from "@/lib/client/sitting-client";
import { ItemText } from "../../components/item-text";
import { ItemTitle } from "../../components/sitting/item-title";
import { ResultBanner } from "../../components/sitting/result-banner";
import { OpenVoteForm } from "./open-vote-form";
import type { Send } from "./send";
import { VoteControl } from "./vote-control";

export function CurrentItemPanel(props: {
  view: PublicView;
  agenda: AgendaText[];
  me: MemberView | null;
  chair: ChairView | null;
  run: Send;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}) {
  const { view, agenda } = props;
  const t = useTranslations();
  const current = currentItem(view);
  const vote = currentVote(view);
  const text = current ? agenda.find((a) => a.id === current.id) : undefined;
  return (
    <section className="card space-y-4 p-4" aria-labelledby="current">
      <h2 id="current" className="text-sm font-semibold uppercase text-slate-600">
        {t("public.currentItem")}
      </h2>
      {current ? (
        <>
          <ItemTitle item={current} variant="console" />
          {current.status === "deferred" ? <p className="rounded bg-red-100 p-2 font-semibold text-contre">⚠ {t("itemStatus.deferred")}</p> : null}
          {current.call ? (
            <p className="text-sm text-slate-700">
              {t("attendance.present")} {current.call.presentIds.length} · {t("attendance.represented")} {current.call.proxies.length}
              {current.call.recusedIds.length ? ` · ${t("president.interest")} : ${current.call.recusedIds.map((id) => memberName(view, id)).join(", ")}` : ""}
              {current.ballotRequests.public || current.ballotRequests.secret
                ? ` · ${t("president.requests", { public: current.ballotRequests.public, secret: current.ballotRequests.secret })}`
                : ""}
            </p>
          ) : null}
          {text ? <ItemText item={text} /> : null}
          {current.status === "called" && !vote?.status.startsWith("open") ? <OpenVoteForm item={current} run={props.run} /> : null}
          {vote ? <VoteControl view={view} vote={vote} me={props.me} chair={props.chair} run={props.run} send={props.send} /> : null}
          {current.result ? <ResultBanner result={current.result} variant="console" /> : null}
        </>
      ) : (
        <p className="text-lg">{view.status === "opened" ? t("public.noItem") : t("public.waiting")}</p>
      )}
    </section>
  );
}
