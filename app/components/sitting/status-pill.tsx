"use client";
// The sitting's status in words (convened, open, suspended, closed).
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";

const LOOKS = {
  console: "rounded-full bg-white px-3 py-1 font-bold text-marianne",
  wall: "rounded-full bg-white px-5 py-2 text-2xl font-bold text-ink",
  phone: "font-semibold",
} as const;

export function StatusPill({ status, variant }: { status: PublicView["status"]; variant: keyof typeof LOOKS }) {
  const t = useTranslations("status");
  const Tag = variant === "console" ? "span" : "p";
  return (
    <Tag className={LOOKS[variant]} data-testid="sitting-status">
      {t(status)}
    </Tag>
  );
}
