"use client";
// The quorum as every screen states it: reached or not, counted against required, in words (never by
// colour alone). The console adds the attendance counts; the wall screen shows it as a large badge.
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";

export function QuorumBanner({ view, variant }: { view: PublicView; variant: "console" | "wall" }) {
  const t = useTranslations("attendance");
  const q = view.quorum;
  if (!q) {
    return variant === "console" ? (
      <p className="bg-slate-200 px-4 py-2 text-lg font-semibold" role="status">
        {t("present")} : {view.counts.present} / {view.membersInOffice}
      </p>
    ) : null;
  }
  const sentence = q.reached ? t("quorumReached", { counted: q.counted, required: q.required }) : t("quorumLost", { counted: q.counted, required: q.required });
  if (variant === "wall")
    return (
      <p className={`rounded-xl px-5 py-3 text-2xl font-bold text-white ${q.reached ? "bg-pour" : "bg-contre"}`} data-testid="quorum">
        {q.reached ? "✓ " : "⚠ "}
        {sentence}
      </p>
    );
  return (
    <p role="status" data-testid="quorum-banner" className={`px-4 py-2 text-lg font-bold text-white ${q.reached ? "bg-pour" : "bg-contre"}`}>
      {q.reached ? "✓ " : "⚠ "}
      {sentence} · {t("present")} {view.counts.present} · {t("represented")} {view.counts.represented}
    </p>
  );
}
