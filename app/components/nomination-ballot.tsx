"use client";
// A nomination ballot (one's own, or a mandant's on its own panel): one large button per candidate and
// one for a blank ballot; a tap sends `ballot:nominate`, the receipt shows once the ballot is on disk
// (never the choice of a secret round), a refusal in words.
import { BallotStatus } from "./ballot-status";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { SittingConnection } from "@/lib/client/sitting-client";
import { useRefusalText } from "@/lib/client/use-command";
import type { MemberView, PublicVoteView } from "@/core/sitting/projection";

type Entitlement = MemberView["entitlements"][number];

export function NominationBallot({ vote, ent, send }: { vote: PublicVoteView; ent: Entitlement; send: SittingConnection["send"] }) {
  const t = useTranslations();
  const [busy, setBusy] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const refusal = useRefusalText();
  const candidates = vote.nomination?.candidates ?? [];
  const proxy = ent.onBehalfOf !== "";
  const locked = vote.mode === "secret" && ent.voted;
  const headingId = `nomination-${ent.onBehalfOf || "own"}`;
  const pick = async (candidateId: string | null) => {
    setBusy(candidateId ?? "blank");
    setErr(null);
    const r = await send({ type: "ballot:nominate", voteId: vote.id, candidateId, ...(proxy ? { onBehalfOf: ent.onBehalfOf } : {}) });
    setErr(r.ok ? null : refusal(r.error));
    setBusy(null);
  };
  const options: { id: string | null; label: string }[] = [
    ...candidates.map((c) => ({ id: c.id, label: c.label })),
    { id: null, label: t("nomination.blank") },
  ];
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-xl p-4 shadow-sm ${proxy ? "border-4 border-dashed border-marianne bg-blue-50" : "border border-slate-200 bg-white"}`}
      data-testid={proxy ? "proxy-panel" : "own-panel"}
    >
      <h2 id={headingId} className="mb-3 text-xl font-bold">
        {proxy ? `✉ ${t("councillor.proxyBallot", { name: ent.onBehalfOfName ?? ent.onBehalfOf })}` : t("councillor.myBallot")}
      </h2>
      <div className="grid gap-3" role="group" aria-labelledby={headingId}>
        {options.map((o) => {
          const selected = vote.mode !== "secret" && ent.voted && (ent.candidateId ?? null) === o.id;
          return (
            <button
              key={o.id ?? "blank"}
              type="button"
              disabled={busy !== null || locked}
              aria-pressed={selected}
              onClick={() => void pick(o.id)}
              className={`min-h-16 rounded-xl border-4 px-3 py-3 text-left text-xl font-bold disabled:opacity-60 ${selected ? "border-ink bg-marianne text-white" : o.id === null ? "border-slate-300 bg-slate-50 text-slate-800" : "border-slate-300 bg-white text-marianne"}`}
            >
              <span aria-hidden="true" className="mr-2">
                {selected ? "●" : o.id === null ? "○" : "☐"}
              </span>
              {o.label}
            </button>
          );
        })}
      </div>
      <BallotStatus
        busy={busy !== null}
        err={err}
        voted={ent.voted}
        receipt={vote.mode === "secret" ? t("councillor.receipt") : t("nomination.receiptOpen")}
        byChair={!!ent.byChair}
      />
    </section>
  );
}
