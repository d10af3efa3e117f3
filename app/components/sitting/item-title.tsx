"use client";
// The item under discussion: its number and title, in the size each screen needs.
import { useTranslations } from "next-intl";
import type { ViewItem } from "@/lib/client/selectors";

export function ItemTitle({ item, variant, compact = false }: { item: ViewItem; variant: "console" | "wall" | "phone"; compact?: boolean }) {
  const t = useTranslations("common");
  // On the wall, a vote and its result need the room: the title steps down a size (it stays the largest text).
  if (variant === "wall")
    return (
      <p className={`mt-2 font-black leading-tight ${compact ? "text-3xl" : "text-4xl xl:text-5xl"}`} data-testid="current-title">
        <span className="mr-3 text-slate-300">
          {t("no")} {item.order}
        </span>
        {item.title}
      </p>
    );
  if (variant === "phone")
    return (
      <h2 id="item-title" className="mb-2 text-xl font-bold" data-testid="current-title">
        {item.title}
      </h2>
    );
  return (
    <p className="text-2xl font-bold" data-testid="current-title">
      {t("no")} {item.order} — {item.title}
    </p>
  );
}
