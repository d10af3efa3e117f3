"use client";
// A show of hands: the chair types the totals counted in the room and the president's own vote.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { CHOICES, EMPTY_TALLY, type Choice, type Tally } from "@/core/vocabulary";
import type { Send } from "./send";

export function HandsForm({ voteId, send }: { voteId: string; send: Send }) {
  const t = useTranslations();
  const [tally, setTally] = useState<Tally>({ ...EMPTY_TALLY });
  const [pv, setPv] = useState<Choice | "none">("pour");
  return (
    <form
      className="grid grid-cols-2 gap-2 sm:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ type: "vote:record-hands", voteId, tally, presidentVote: pv });
      }}
    >
      {CHOICES.map((c) => (
        <label key={c} className="flex flex-col text-sm font-semibold">
          {t(`choice.${c}`)}
          <input
            type="number"
            min={0}
            max={999}
            value={tally[c]}
            onChange={(e) => setTally({ ...tally, [c]: Math.max(0, Number(e.target.value) || 0) })}
            className="rounded border border-slate-400 p-2 text-xl"
          />
        </label>
      ))}
      <label className="flex flex-col text-sm font-semibold">
        {t("president.presidentVote")}
        <select value={pv} onChange={(e) => setPv(e.target.value as Choice | "none")} className="rounded border border-slate-400 p-2">
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`choice.${c}`)}
            </option>
          ))}
          <option value="none">—</option>
        </select>
      </label>
      <button className="btn btn-primary col-span-2 sm:col-span-5" type="submit">
        {t("president.recordHands")}
      </button>
    </form>
  );
}
