"use client";
// An agenda item's text: rapporteur, exposé (collapsible on phones) and the proposals.
import { useTranslations } from "next-intl";
import type { AgendaText } from "@/lib/client/use-agenda";

export function ItemText({ item, open = false }: { item: AgendaText; open?: boolean }) {
  const t = useTranslations("councillor");
  const tc = useTranslations("common");
  return (
    <div className="space-y-3">
      {item.rapporteurs.length ? (
        <p className="text-slate-700">
          {tc("rapporteur")} : {item.rapporteurs.join(", ")}
        </p>
      ) : null}
      <details open={open} className="rounded-lg bg-slate-50 p-3">
        <summary className="cursor-pointer font-semibold">{t("expose")}</summary>
        <div className="mt-2 max-h-96 space-y-2 overflow-y-auto whitespace-pre-line text-slate-800">{item.expose}</div>
      </details>
      {item.proposals.length ? (
        <div>
          <p className="font-semibold">{t("proposals")} :</p>
          <ul className="ml-5 list-disc space-y-1">
            {item.proposals.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
