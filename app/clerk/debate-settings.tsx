"use client";
// The speaking times of the règlement intérieur (#15), typed in minutes: per speech, per rapporteur
// presentation, per point of order, and each group's budget per item or per sitting (0: no limit).
import { useTranslations } from "next-intl";
import type { CouncilSetup } from "./clerk-api";

const FIELDS = ["speechSeconds", "rapporteurSeconds", "pointOfOrderSeconds", "groupBudgetSeconds"] as const;

/** The settings' seconds from the form's minutes (a blank reads as no limit, the server checks the rest). */
export function debateSettingsFrom(f: (name: string) => string): Record<string, number | string> {
  const out: Record<string, number | string> = { groupBudgetScope: f("groupBudgetScope") };
  for (const k of FIELDS) out[k] = Math.round(Number(f(k).replace(",", ".") || "0") * 60);
  return out;
}

export function DebateSettings({ setup }: { setup: CouncilSetup }) {
  const t = useTranslations("clerk.debateSettings");
  const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal";
  return (
    <fieldset className="grid max-w-3xl gap-3 sm:grid-cols-2" aria-describedby="debate-settings-help">
      <legend className="mb-1 font-semibold">{t("legend")}</legend>
      <p id="debate-settings-help" className="text-sm text-slate-700 sm:col-span-2">
        {t("help")}
      </p>
      {FIELDS.map((k) => (
        <label key={k} className="block font-semibold">
          {t(k)}
          <input name={k} type="number" min={0} step={0.5} inputMode="decimal" defaultValue={setup.settings[k] / 60} className={field} />
        </label>
      ))}
      <label className="block font-semibold">
        {t("groupBudgetScope")}
        <select name="groupBudgetScope" defaultValue={setup.settings.groupBudgetScope} className={field}>
          <option value="item">{t("scope.item")}</option>
          <option value="sitting">{t("scope.sitting")}</option>
        </select>
      </label>
    </fieldset>
  );
}
