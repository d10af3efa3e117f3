"use client";
// The agenda with each item's state (pending, called, voting, decided with its figures, deferred),
// the current one marked; the console adds an action per item (call it).
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import type { ViewItem } from "@/lib/client/selectors";

export function itemStateText(it: ViewItem, t: ReturnType<typeof useTranslations>, locale = "fr"): string {
  if (it.setAside) return `${t(`itemStatus.${it.setAside.kind}`)} — ${locale === "en" ? it.setAside.reasonEn : it.setAside.reasonFr}`;
  const n = it.nomination;
  if (n && it.status === "decided" && n.elected.length)
    return `${t("nomination.designated")} : ${n.elected.map((id) => n.candidates.find((c) => c.id === id)?.label ?? id).join(", ")}`;
  return it.result ? `${t(`outcome.${it.result.outcome}`)} (${it.result.tally.pour}–${it.result.tally.contre})` : t(`itemStatus.${it.status}`);
}

/** #19: an item not in a convocation sent within the delay, which the council must agree to examine. */
function LateFlag({ item }: { item: ViewItem }) {
  const t = useTranslations("convocation.public");
  return item.addedAfterConvocation ? <span className="ml-2 rounded bg-amber-100 px-2 text-sm font-semibold text-amber-900">{t("addedAfter")}</span> : null;
}

/** The wall shows at most `max` items around the current one (a real agenda has thirty): how many are left out before and after. */
export function wallWindow<T extends { id: string }>(items: readonly T[], currentId: string | null, max = 6): { shown: T[]; before: number; after: number } {
  if (items.length <= max) return { shown: [...items], before: 0, after: 0 };
  const at = Math.max(
    0,
    items.findIndex((it) => it.id === currentId),
  );
  const start = Math.min(Math.max(0, at - 2), items.length - max);
  return { shown: items.slice(start, start + max), before: start, after: items.length - start - max };
}

export function AgendaList({
  view,
  variant,
  action,
  wallItems = 5,
}: {
  view: PublicView;
  variant: "console" | "wall";
  action?: (item: ViewItem) => ReactNode;
  /** How many items the wall shows around the current one. */
  wallItems?: number;
}) {
  const t = useTranslations();
  const locale = useLocale();
  if (!view.items.length && !view.convocation.agendaPublic) return <p className="text-lg">{t("convocation.public.notPublished")}</p>;
  if (variant === "wall") {
    const { shown, before, after } = wallWindow(view.items, view.currentItemId, wallItems);
    return (
      <ol className="space-y-2">
        {before ? <li className="px-3 text-base text-slate-300">{t("public.earlierItems", { n: before })}</li> : null}
        {shown.map((it) => (
          <li key={it.id} className={`rounded-lg px-3 py-2 text-lg ${it.id === view.currentItemId ? "bg-white text-ink" : "bg-white/5"}`}>
            <span className="block truncate" title={it.title}>
              <span className="font-bold">
                {t("common.no")} {it.order}
              </span>{" "}
              {it.title}
            </span>
            <LateFlag item={it} />
            <span className="block text-base font-semibold">{itemStateText(it, t, locale)}</span>
          </li>
        ))}
        {after ? <li className="px-3 text-base text-slate-300">{t("public.moreItems", { n: after })}</li> : null}
      </ol>
    );
  }
  return (
    <ol className="space-y-2">
      {view.items.map((it) => (
        <li
          key={it.id}
          className={`flex items-center justify-between gap-2 rounded-lg border p-2 ${it.id === view.currentItemId ? "border-marianne bg-blue-50" : "border-slate-200"}`}
        >
          <div>
            <p className="font-semibold">
              {t("common.no")} {it.order} — {it.title}
              <LateFlag item={it} />
            </p>
            <p className="text-sm text-slate-700">{itemStateText(it, t, locale)}</p>
          </div>
          {action?.(it)}
        </li>
      ))}
    </ol>
  );
}
