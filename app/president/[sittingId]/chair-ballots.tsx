"use client";
// Every present member counts (CHAIR-*): the chair records the ballot of a member without a device in a
// named vote — pick the member, then the choice (or the candidate) — and, in a secret ballot, enters the
// paper urn: who signed for a paper, and its totals (they go to the sealed urn, never in the log).
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ChairView, PublicView } from "@/core/sitting/projection";
import { CHOICES, EMPTY_TALLY, type Tally } from "@/core/vocabulary";
import { memberName, type ViewVote } from "@/lib/client/selectors";
import { CHOICE_STYLE } from "../../components/format";
import type { Send } from "./send";

type Entitlement = ChairView["notYetVoted"][number];
const keyOf = (e: Entitlement) => `${e.memberId}|${e.onBehalfOf}`;

function useEntitlementName(view: PublicView): (e: Entitlement) => string {
  const t = useTranslations("president");
  return (e) =>
    e.onBehalfOf ? `${memberName(view, e.memberId)} (${t("forMandant", { name: memberName(view, e.onBehalfOf) })})` : memberName(view, e.memberId);
}

/** A named ballot recorded for a member without a device. */
export function RecordBallot({ view, vote, chair, run }: { view: PublicView; vote: ViewVote; chair: ChairView; run: Send }) {
  const t = useTranslations();
  const nameOf = useEntitlementName(view);
  const [who, setWho] = useState("");
  const waiting = chair.notYetVoted.filter((e) => !vote.othersClosed || e.memberId === view.presidentMemberId);
  const picked = waiting.find((e) => keyOf(e) === who);
  const record = (choice: { choice: (typeof CHOICES)[number] } | { candidateId: string | null }) => {
    if (!picked) return;
    void run({
      type: "ballot:record",
      voteId: vote.id,
      memberId: picked.memberId,
      ...(picked.onBehalfOf ? { onBehalfOf: picked.onBehalfOf } : {}),
      ...choice,
    }).then(() => setWho(""));
  };
  return (
    <details className="rounded-lg border border-slate-300 p-2" data-testid="record-ballot">
      <summary className="cursor-pointer font-semibold">{t("chairBallot.title")}</summary>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm font-semibold">
          {t("chairBallot.member")}
          <select value={who} onChange={(e) => setWho(e.target.value)} className="max-w-72 rounded border border-slate-400 p-2">
            <option value="">—</option>
            {waiting.map((e) => (
              <option key={keyOf(e)} value={keyOf(e)}>
                {nameOf(e)}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label={t("chairBallot.choice")} className="flex flex-wrap gap-1">
          {vote.nomination
            ? [
                ...vote.nomination.candidates.map((c): { id: string | null; label: string } => ({ id: c.id, label: c.label })),
                { id: null, label: t("nomination.blank") },
              ].map((c) => (
                <button key={c.id ?? "blank"} type="button" className="btn btn-secondary" disabled={!picked} onClick={() => record({ candidateId: c.id })}>
                  {c.label}
                </button>
              ))
            : CHOICES.map((c) => (
                <button
                  key={c}
                  type="button"
                  className={`btn border-2 bg-white ${CHOICE_STYLE[c].text}`}
                  disabled={!picked}
                  onClick={() => record({ choice: c })}
                >
                  {CHOICE_STYLE[c].symbol} {t(`choice.${c}`)}
                </button>
              ))}
        </div>
      </div>
      {chair.recordedByChair.length ? (
        <p className="mt-2 text-sm">
          {t("chairBallot.recorded")} : {chair.recordedByChair.map((k) => memberName(view, k.split("|")[1] || (k.split("|")[0] ?? ""))).join(", ")}
        </p>
      ) : null}
    </details>
  );
}

/** The paper urn of a secret ballot: who voted on paper, and the urn's totals once counted. */
export function PaperUrn({ view, vote, chair, run }: { view: PublicView; vote: ViewVote; chair: ChairView; run: Send }) {
  const t = useTranslations();
  const nameOf = useEntitlementName(view);
  const [voters, setVoters] = useState<string[]>([]);
  const [tally, setTally] = useState<Tally>({ ...EMPTY_TALLY });
  const candidates = vote.nomination?.candidates ?? [];
  const [votes, setVotes] = useState<number[]>([]);
  const [blank, setBlank] = useState(0);
  const papers = vote.nomination ? votes.reduce((a, b) => a + b, 0) + blank : tally.pour + tally.contre + tally.abstention + tally.nppv;
  const num = (value: number, set: (n: number) => void, label: string) => (
    <label key={label} className="flex flex-col text-sm font-semibold">
      {label}
      <input
        type="number"
        min={0}
        max={999}
        value={value}
        onChange={(e) => set(Math.max(0, Number(e.target.value) || 0))}
        className="w-24 rounded border border-slate-400 p-2 text-lg"
      />
    </label>
  );
  return (
    <details className="rounded-lg border border-slate-300 p-2" data-testid="paper-urn">
      <summary className="cursor-pointer font-semibold">{t("paperUrn.title")}</summary>
      <form
        className="mt-2 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          const list = voters.map((k) => {
            const [memberId = "", onBehalfOf = ""] = k.split("|");
            return { memberId, ...(onBehalfOf ? { onBehalfOf } : {}) };
          });
          void run({
            type: "vote:paper",
            voteId: vote.id,
            voters: list,
            ...(vote.nomination ? { candidates: candidates.map((_, i) => votes[i] ?? 0), blank } : { tally }),
          }).then(() => {
            setVoters([]);
            setTally({ ...EMPTY_TALLY });
            setVotes([]);
            setBlank(0);
          });
        }}
      >
        <fieldset>
          <legend className="text-sm font-semibold">{t("paperUrn.signed")}</legend>
          <div className="max-h-40 overflow-y-auto rounded border border-slate-200 p-1">
            {chair.notYetVoted.map((e) => (
              <label key={keyOf(e)} className="flex items-center gap-2 py-0.5">
                <input
                  type="checkbox"
                  checked={voters.includes(keyOf(e))}
                  onChange={(ev) => setVoters(ev.target.checked ? [...voters, keyOf(e)] : voters.filter((k) => k !== keyOf(e)))}
                />
                {nameOf(e)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap gap-2">
          {vote.nomination
            ? [
                ...candidates.map((c, i) => num(votes[i] ?? 0, (n) => setVotes(candidates.map((_, j) => (j === i ? n : (votes[j] ?? 0)))), c.label)),
                num(blank, setBlank, t("nomination.blankOrSpoilt")),
              ]
            : CHOICES.map((c) => num(tally[c], (n) => setTally({ ...tally, [c]: n }), t(`choice.${c}`)))}
        </div>
        <p className={`text-sm font-semibold ${papers === voters.length ? "text-pour" : "text-contre"}`} aria-live="polite">
          {t("paperUrn.check", { papers, voters: voters.length })}
        </p>
        <button type="submit" className="btn btn-primary" disabled={!voters.length || papers !== voters.length}>
          {t("paperUrn.submit")}
        </button>
      </form>
    </details>
  );
}
