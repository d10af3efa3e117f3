"use client";
// A vote's result as every screen states it: adopted or rejected (unanimously when it was), with the
// rules engine's reason in the screen's language; on a phone, the main figures instead of the reason.
import { useLocale, useTranslations } from "next-intl";
import type { ResultSnapshot } from "@/core/sitting/state";

export function ResultBanner({ result, variant }: { result: ResultSnapshot; variant: "console" | "wall" | "phone" }) {
  const t = useTranslations();
  const locale = useLocale();
  const colour = result.outcome === "adopted" ? "bg-pour" : "bg-contre";
  const outcome = `${t(`outcome.${result.outcome}`)}${result.unanimous ? ` ${t("outcome.unanimous")}` : ""}`;
  const reason = locale === "en" ? result.reasonEn : result.reasonFr;
  if (variant === "wall")
    return (
      <div className={`mt-5 rounded-2xl px-6 py-5 ${colour}`} role="status" data-testid="result">
        <p className="text-5xl font-black leading-tight">
          {result.outcome === "adopted" ? "✓ " : "✕ "}
          {outcome}
        </p>
        <p className="mt-2 text-2xl">{reason}</p>
      </div>
    );
  if (variant === "phone")
    return (
      <p className={`rounded-lg p-3 text-lg font-bold text-white ${colour}`}>
        {t(`outcome.${result.outcome}`)} — {result.tally.pour} {t("choice.pour")}, {result.tally.contre} {t("choice.contre")}
      </p>
    );
  // The rules' sentence begins with the outcome itself ("Adoptée à la majorité des suffrages exprimés —
  // …"): the console's one line says it once.
  return (
    <p className={`rounded-lg p-3 text-xl font-bold text-white ${colour}`} data-testid="result">
      {reason}
    </p>
  );
}
