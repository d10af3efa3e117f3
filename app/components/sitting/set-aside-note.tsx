"use client";
// Why an item is not voted: withdrawn or deferred (the chair's reason), or deferred for want of quorum.
import { useLocale, useTranslations } from "next-intl";
import type { ViewItem } from "@/lib/client/selectors";

export function SetAsideNote({ item, variant }: { item: ViewItem; variant: "console" | "wall" | "phone" }) {
  const t = useTranslations("itemStatus");
  const locale = useLocale();
  const a = item.setAside;
  if (!a) return null;
  const reason = locale === "en" ? a.reasonEn : a.reasonFr;
  const cls = variant === "wall" ? "mt-6 rounded-xl bg-contre p-5 text-3xl font-bold" : "rounded-lg bg-red-100 p-3 font-semibold text-contre";
  return (
    <p className={cls} role="status" data-testid="set-aside">
      ⚠ {t(a.kind)} — {reason}
    </p>
  );
}
