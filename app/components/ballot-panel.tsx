"use client";
// One ballot (one's own, or a mandant's on its own clearly labelled panel): four large buttons whose
// accessible names are exactly the choices; a tap sends `ballot:cast` on the sitting's connection,
// and the receipt shows once the server has the ballot on disk (a refusal shows here, in words).
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Choice } from "@/core/sitting/protocol";
import type { SittingConnection } from "@/lib/client/sitting-client";
import { useRefusalText } from "@/lib/client/use-command";
import type { MemberView, PublicVoteView } from "@/core/sitting/projection";
import { BallotStatus } from "./ballot-status";
import { CHOICES, CHOICE_STYLE, councilDateTime } from "./format";

type Entitlement = MemberView["entitlements"][number];

/** `timeZone`: the council's, for the receipt's time. */
export function BallotPanel({ vote, ent, send, timeZone }: { vote: PublicVoteView; ent: Entitlement; send: SittingConnection["send"]; timeZone: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const [busy, setBusy] = useState<Choice | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const refusal = useRefusalText();
  const cast = async (choice: Choice): Promise<string | null> => {
    const r = await send({ type: "ballot:cast", voteId: vote.id, choice, ...(ent.onBehalfOf ? { onBehalfOf: ent.onBehalfOf } : {}) });
    return r.ok ? null : refusal(r.error);
  };
  const proxy = ent.onBehalfOf !== "";
  const locked = vote.mode === "secret" && ent.voted;
  const title = proxy ? t("councillor.proxyBallot", { name: ent.onBehalfOfName ?? ent.onBehalfOf }) : t("councillor.myBallot");
  const headingId = `ballot-${ent.onBehalfOf || "own"}`;
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-xl p-4 shadow-sm ${proxy ? "border-4 border-dashed border-marianne bg-blue-50" : "border border-slate-200 bg-white"}`}
      data-testid={proxy ? "proxy-panel" : "own-panel"}
    >
      <h2 id={headingId} className="mb-3 text-xl font-bold">
        {proxy ? "✉ " : ""}
        {title}
      </h2>
      <div className="grid grid-cols-2 gap-3" role="group" aria-labelledby={headingId}>
        {CHOICES.map((c) => {
          const selected = ent.choice === c;
          return (
            <button
              key={c}
              type="button"
              disabled={busy !== null || locked}
              aria-pressed={selected}
              onClick={() => {
                setBusy(c);
                setErr(null);
                void cast(c).then((e) => {
                  setErr(e);
                  setBusy(null);
                });
              }}
              className={`min-h-20 rounded-xl border-4 px-2 py-3 text-lg font-bold leading-tight disabled:opacity-60 ${selected ? `${CHOICE_STYLE[c].bg} border-ink text-white` : `border-slate-300 bg-white ${CHOICE_STYLE[c].text}`} ${c === "nppv" ? "text-base" : "text-2xl"}`}
            >
              <span aria-hidden="true" className="mr-1">
                {selected ? "● " : CHOICE_STYLE[c].symbol + " "}
              </span>
              {t(`choice.${c}`)}
            </button>
          );
        })}
      </div>
      <BallotStatus
        busy={busy !== null}
        err={err}
        voted={ent.voted}
        receipt={
          vote.mode === "secret"
            ? t("councillor.receipt")
            : t("councillor.receiptAt", {
                choice: t(`choice.${ent.choice ?? "nppv"}`),
                time: ent.at ? councilDateTime(ent.at, timeZone, locale, "seconds") : "",
              })
        }
        byChair={!!ent.byChair}
      >
        {ent.voted && vote.mode !== "secret" && vote.status === "open" ? <p className="text-sm text-slate-600">{t("councillor.changeUntilClose")}</p> : null}
      </BallotStatus>
    </section>
  );
}
