"use client";
// A nomination on the console (NOM-*): the seats and candidates (members of the council), the
// council's unanimous decision to vote openly, each round's figures, then the next round — or the
// single candidate appointed without a vote.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import type { ViewItem } from "@/lib/client/selectors";
import { ConfirmButton } from "../../components/confirm-button";
import { NominationFigures } from "../../components/sitting/nomination-figures";
import type { Send } from "./send";

function CandidatesForm({ view, item, run }: { view: PublicView; item: ViewItem; run: Send }) {
  const t = useTranslations("nomination");
  const n = item.nomination;
  const [seats, setSeats] = useState(n?.seats ?? 1);
  const [chosen, setChosen] = useState<string[]>(n?.candidates.flatMap((c) => (c.memberIds.length === 1 ? c.memberIds : [])) ?? []);
  const [next, setNext] = useState("");
  const name = (id: string) => view.roster.find((m) => m.id === id)?.name ?? id;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: "nomination:set", itemId: item.id, seats, candidates: chosen.map((id) => ({ memberIds: [id] })) });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm font-semibold">
          {t("seats")}
          <input
            type="number"
            min={1}
            max={20}
            value={seats}
            onChange={(e) => setSeats(Math.max(1, Number(e.target.value) || 1))}
            className="w-24 rounded border border-slate-400 p-2"
          />
        </label>
        <label className="flex flex-col text-sm font-semibold">
          {t("addCandidate")}
          <select value={next} onChange={(e) => setNext(e.target.value)} className="rounded border border-slate-400 p-2">
            <option value="">—</option>
            {view.roster
              .filter((m) => !chosen.includes(m.id))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.seat} {m.name}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!next}
          onClick={() => {
            setChosen([...chosen, next]);
            setNext("");
          }}
        >
          {t("add")}
        </button>
      </div>
      <ul className="flex flex-wrap gap-2" aria-label={t("candidates")}>
        {chosen.map((id) => (
          <li key={id} className="flex items-center gap-1 rounded-full bg-blue-50 py-1 pr-1 pl-3 font-semibold">
            {name(id)}
            <button
              type="button"
              className="rounded-full px-2 hover:bg-blue-200"
              aria-label={t("remove", { name: name(id) })}
              onClick={() => setChosen(chosen.filter((x) => x !== id))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button type="submit" className="btn btn-primary" disabled={!chosen.length}>
        {t("saveCandidates")}
      </button>
    </form>
  );
}

export function NominationPanel({ view, item, run, voteOpen }: { view: PublicView; item: ViewItem; run: Send; voteOpen: boolean }) {
  const t = useTranslations("nomination");
  const n = item.nomination;
  const labelOf = (id: string) => n?.candidates.find((c) => c.id === id)?.label ?? id;
  const remaining = n ? n.candidates.filter((c) => !n.elected.includes(c.id)) : [];
  const lists = !!n?.candidates.some((c) => c.memberIds.length > 1);
  const filled = !!n && (lists ? n.elected.length > 0 : n.elected.length >= n.seats);
  const lastRound = n?.rounds[n.rounds.length - 1];
  const seat = lists ? 1 : (n?.elected.length ?? 0) + 1;
  const round = (n?.rounds.filter((r) => r.seat === seat && r.outcome === "no-winner").length ?? 0) + 1;
  const called = item.status === "called" && !voteOpen;
  return (
    <section aria-labelledby="nomination" className="space-y-3 rounded-lg border border-slate-300 p-3" data-testid="nomination-panel">
      <h3 id="nomination" className="font-bold">
        {t("title")} — {t("seatsCount", { n: n?.seats ?? 1 })}
      </h3>
      <p className="text-sm">{n?.candidates.length ? `${t("candidates")} : ${n.candidates.map((c) => c.label).join(", ")}` : t("noCandidates")}</p>
      <p className="text-sm font-semibold" data-testid="ballot-kind">
        {n?.openBallot ? `✓ ${t("openBallotDecided")}` : `🔒 ${t("secretByDefault")}`}
      </p>
      {lastRound ? <NominationFigures round={lastRound} labelOf={labelOf} variant="console" /> : null}
      {called && !filled ? (
        <>
          {!n?.rounds.length ? (
            <details>
              <summary className="cursor-pointer font-semibold">{t("editCandidates")}</summary>
              <CandidatesForm view={view} item={item} run={run} />
            </details>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {remaining.length === 1 ? (
              <ConfirmButton
                className="btn btn-primary py-3 text-lg"
                label={t("appoint")}
                question={t("appointConfirm", { name: remaining[0]?.label ?? "" })}
                onConfirm={() => void run({ type: "nomination:appoint", itemId: item.id })}
              />
            ) : remaining.length > 1 && round <= 3 ? (
              <button type="button" className="btn btn-primary py-3 text-lg" onClick={() => void run({ type: "vote:open", itemId: item.id })}>
                {t("openRound", { round, seat })}
              </button>
            ) : null}
            {!n?.openBallot && !n?.rounds.length ? (
              <ConfirmButton
                className="btn btn-secondary"
                label={t("openBallot")}
                question={t("openBallotConfirm")}
                onConfirm={() => void run({ type: "nomination:open-ballot", itemId: item.id })}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
