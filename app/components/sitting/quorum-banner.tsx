"use client";
// The quorum as every screen states it: reached or not, counted against required, in words (never by
// colour alone). The console adds the attendance counts; the wall screen shows it as a large badge.
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";

/** How each quorum sentence is shown: an alarm only while the sitting is open and short of it. */
const SAID = {
  quorumReached: { tone: "reached", mark: "✓ " },
  quorumLost: { tone: "lost", mark: "⚠ " },
  quorumNotYet: { tone: "calm", mark: "" },
  quorumAtOpening: { tone: "calm", mark: "" },
} as const;

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
  // Before the opening the roll call is still being taken: not an alarm. Once the sitting is closed,
  // the quorum is the opening's (the register's), said as such beside today's counts.
  const said = view.status === "closed" ? "quorumAtOpening" : q.reached ? "quorumReached" : view.status === "convened" ? "quorumNotYet" : "quorumLost";
  const { tone, mark } = SAID[said];
  const sentence = t(said, { counted: q.counted, required: q.required });
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
