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
  const counts = { counted: q.counted, required: q.required };
  // Before the opening the roll call is still being taken: not an alarm. Once the sitting is closed,
  // the quorum is the opening's (the register's), said as such beside today's counts.
  const tone = view.status === "closed" ? "calm" : q.reached ? "reached" : view.status === "convened" ? "calm" : "lost";
  const sentence =
    view.status === "closed"
      ? t("quorumAtOpening", counts)
      : q.reached
        ? t("quorumReached", counts)
        : view.status === "convened"
          ? t("quorumNotYet", counts)
          : t("quorumLost", counts);
  const mark = tone === "reached" ? "✓ " : tone === "lost" ? "⚠ " : "";
  if (variant === "wall")
    return (
      <p
        className={`rounded-xl px-5 py-3 text-2xl font-bold text-white ${tone === "reached" ? "bg-pour" : tone === "lost" ? "bg-contre" : "bg-white/15"}`}
        data-testid="quorum"
        data-tone={tone}
      >
        {mark}
        {sentence}
      </p>
    );
  return (
    <p
      role="status"
      data-testid="quorum-banner"
      data-tone={tone}
      className={`px-4 py-2 text-lg font-bold ${tone === "reached" ? "bg-pour text-white" : tone === "lost" ? "bg-contre text-white" : "bg-slate-200 text-ink"}`}
    >
      {mark}
      {sentence} · {t("present")} {view.counts.present} · {t("represented")} {view.counts.represented}
    </p>
  );
}
