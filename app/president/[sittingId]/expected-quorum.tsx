"use client";
// Before the opening (#19.4): the quorum the declarations in advance and the roll call so far let the
// chair expect — announced present, apologies, proxies, no answer — and whether it is within reach.
import { useLocale, useTranslations } from "next-intl";
import type { ChairView, PublicView } from "@/core/sitting/projection";

export function ExpectedQuorum({ view, chair }: { view: PublicView; chair: ChairView | null }) {
  const t = useTranslations("convocation.chair");
  const locale = useLocale();
  const f = chair?.forecast;
  if (view.status !== "convened" || !f) return null;
  const tone = f.outlook === "impossible" ? "bg-red-100 text-red-950" : f.outlook === "assured" ? "bg-green-100 text-green-950" : "bg-amber-100 text-amber-950";
  return (
    <section aria-label={t("title")} className={`px-4 py-2 ${tone}`} data-testid="expected-quorum">
      {/* The label on its own line: the forecast's own sentence begins with "Quorum" already. */}
      <p className="text-xs font-semibold tracking-wide uppercase">{t("title")}</p>
      <p className="font-semibold">{locale === "en" ? f.text.en : f.text.fr}</p>
      <p className="text-sm">
        {t("counts", { confirmed: f.confirmed, apologies: f.apologies, proxies: f.proxies, noAnswer: f.noAnswer })}
        {view.convocation.urgencyReason ? ` · ${t("urgency", { reason: view.convocation.urgencyReason })}` : ""}
        {!view.convocation.sentOn ? ` · ${t("notSent")}` : ""}
      </p>
    </section>
  );
}
