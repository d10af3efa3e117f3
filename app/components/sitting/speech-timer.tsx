"use client";
// A speech's countdown, the same on the speaker's phone, the chair's console and the wall screen: it
// counts on the server's clock (the offset measured by sitting-client.ts) from the instants in the
// view, so three screens agree and a reload or a restart resumes where it was. Past the end it says
// "temps dépassé" in words and counts the overrun; nothing cuts a microphone.
import { useTranslations } from "next-intl";
import type { CurrentSpeechView } from "@/core/sitting/debate-view";
import { useServerNow } from "@/lib/client/server-clock";

/** "4:05", "0:09", "1:02:03". */
export function clockText(totalSeconds: number): string {
  const s = Math.max(0, totalSeconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export interface SpeechClock {
  limited: boolean;
  /** Whole seconds left (ceil), negative once overrun (the overrun's whole seconds). */
  remaining: number;
  elapsed: number;
  overrun: boolean;
  /** Share of the allowed time used, 0–1. */
  used: number;
}

export function speechClock(current: CurrentSpeechView, nowMs: number): SpeechClock {
  const elapsedMs = Math.max(0, nowMs - Date.parse(current.startedAt));
  const end = current.endsAt ? Date.parse(current.endsAt) : null;
  if (end === null) return { limited: false, remaining: 0, elapsed: Math.floor(elapsedMs / 1000), overrun: false, used: 0 };
  const leftMs = end - nowMs;
  const overrun = leftMs <= 0 || current.timeUpAt !== null;
  const total = Math.max(1, end - Date.parse(current.startedAt));
  return {
    limited: true,
    remaining: leftMs > 0 ? Math.ceil(leftMs / 1000) : -Math.floor(-leftMs / 1000),
    elapsed: Math.floor(elapsedMs / 1000),
    overrun,
    used: Math.min(1, elapsedMs / total),
  };
}

const SIZES = {
  wall: { digits: "text-8xl", label: "text-2xl", bar: "h-4" },
  console: { digits: "text-6xl", label: "text-base", bar: "h-3" },
  phone: { digits: "text-7xl", label: "text-lg", bar: "h-3" },
  desk: { digits: "text-4xl", label: "text-sm", bar: "h-2" },
} as const;

export function SpeechTimer({ current, clockOffset, variant }: { current: CurrentSpeechView; clockOffset: number; variant: keyof typeof SIZES }) {
  const t = useTranslations("debate");
  const now = useServerNow(clockOffset, true, 200);
  // Rendered on the server (the public wall's first HTML): the clock shows once the page is live.
  if (now === null) return null;
  const c = speechClock(current, now);
  const size = SIZES[variant];
  const dark = variant === "wall";
  const label = !c.limited ? t("elapsed") : c.overrun ? t("overrun") : t("remaining");
  const digits = !c.limited ? clockText(c.elapsed) : c.overrun ? `+${clockText(-c.remaining)}` : clockText(c.remaining);
  const tone = c.overrun ? "bg-contre text-white" : dark ? "bg-white/10 text-white" : "bg-slate-100 text-ink";
  return (
    <div
      className={`rounded-xl px-4 py-3 ${tone}`}
      data-testid="speech-timer"
      data-remaining={c.limited ? c.remaining : ""}
      data-elapsed={c.elapsed}
      data-overrun={c.overrun ? "yes" : "no"}
    >
      <p className={`font-semibold ${size.label}`}>
        {c.overrun ? "⚠ " : ""}
        {label}
      </p>
      <p role="timer" aria-label={`${label} ${digits}`} className={`leading-none font-black tracking-tight tabular-nums ${size.digits}`}>
        {digits}
      </p>
      {c.limited ? (
        <div className={`mt-3 w-full overflow-hidden rounded-full ${dark || c.overrun ? "bg-white/25" : "bg-slate-300"} ${size.bar}`} aria-hidden="true">
          <div
            className={`${size.bar} rounded-full ${c.overrun ? "bg-white" : c.used > 0.8 ? "bg-abst" : dark ? "bg-white" : "bg-marianne"}`}
            style={{ width: `${Math.round(c.used * 100)}%` }}
          />
        </div>
      ) : null}
      {/* Said once to screen readers when the time runs out (the digits change every second, silently). */}
      <p className="sr-only" role="status">
        {c.overrun ? t("overrun") : ""}
      </p>
    </div>
  );
}
