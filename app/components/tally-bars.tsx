"use client";
// The tally as a bar chart: every bar has its word, its number and a symbol, never colour alone.
import { useTranslations } from "next-intl";
import type { Tally } from "@/core/sitting/protocol";
import { CHOICES, CHOICE_STYLE } from "./format";

export function TallyBars({ tally, size = "lg" }: { tally: Tally; size?: "lg" | "md" }) {
  const t = useTranslations("choice");
  const tp = useTranslations("public");
  const max = Math.max(1, ...CHOICES.map((c) => tally[c]));
  const big = size === "lg";
  return (
    <ul className={big ? "space-y-4" : "space-y-2"} aria-label={tp("tally")}>
      {CHOICES.map((c) => (
        <li key={c} className="grid grid-cols-[minmax(8rem,14rem)_1fr_4rem] items-center gap-3 sm:grid-cols-[minmax(10rem,22rem)_1fr_5rem]">
          <span className={`${big ? "text-3xl xl:text-4xl" : "text-lg"} font-bold`}>
            <span aria-hidden="true" className="mr-2">
              {CHOICE_STYLE[c].symbol}
            </span>
            {t(c)}
          </span>
          <span className={`block ${big ? "h-10 xl:h-12" : "h-5"} rounded bg-white/10`} aria-hidden="true">
            <span className={`block h-full rounded ${CHOICE_STYLE[c].bg}`} style={{ width: `${(tally[c] / max) * 100}%`, transition: "width 200ms" }} />
          </span>
          <span className={`${big ? "text-4xl xl:text-5xl" : "text-xl"} text-right font-black tabular-nums`} data-choice={c}>
            {tally[c]}
          </span>
        </li>
      ))}
    </ul>
  );
}
