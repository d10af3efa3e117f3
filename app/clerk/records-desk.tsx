"use client";
// The records desk (#14.11): for one sitting, every act with its extract, publication dates, ACTES id,
// annexes and publication; the list of deliberations, the procès-verbal and the open-data file.
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { recordsDeskRoutes, type RecordsDesk } from "@/core/api/records-desk";
import { errorText, type WireError } from "@/core/refusal";
import { call } from "@/lib/client/api";
import type { SittingSummary } from "./clerk-api";
import { useShortDate } from "./clerk-api";
import { ActRow } from "./records-desk-act";
import { SittingRecords } from "./records-desk-sitting";

export interface DeskFeedback {
  done: (message: string) => Promise<void>;
  failed: (error: WireError) => void;
}

export function RecordsDeskSection({ sittings }: { sittings: SittingSummary[] }) {
  const t = useTranslations("clerk.records");
  const ts = useTranslations("status");
  const locale = useLocale();
  const short = useShortDate();
  // Records concern sittings that were held: the latest one by default.
  const held = [...sittings].sort((a, b) => b.date.localeCompare(a.date));
  const [selected, setSelected] = useState<string | null>(held.find((s) => s.status === "closed")?.id ?? held[0]?.id ?? null);
  const [desk, setDesk] = useState<RecordsDesk | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (id: string) => {
    const r = await call(recordsDeskRoutes.desk, { sittingId: id });
    if (r.ok) setDesk(r.data);
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after the fetch resolves, not during the effect
    if (selected) void load(selected);
  }, [selected, load]);

  const feedback: DeskFeedback = {
    done: async (text) => {
      setError(null);
      setMessage(text);
      if (selected) await load(selected);
    },
    failed: (e) => {
      setMessage(null);
      setError(errorText(e, locale));
    },
  };

  return (
    <section id="registre" aria-labelledby="records-title" className="card p-5 print:hidden">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <h2 id="records-title" className="text-2xl font-semibold">
          {t("title")}
        </h2>
        {held.length ? (
          <label className="block text-sm font-semibold">
            {t("pick")}
            <select
              value={selected ?? ""}
              onChange={(e) => setSelected(e.target.value)}
              className="mt-1 block min-w-80 rounded-md border border-slate-400 px-2 py-1"
            >
              {held.map((s) => (
                <option key={s.id} value={s.id}>
                  {short(s.date)} {s.time} — {s.place} ({ts(s.status)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div aria-live="polite">{message ? <p className="mb-3 rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{message}</p> : null}</div>
      {error ? (
        <p role="alert" className="mb-3 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {error}
        </p>
      ) : null}
      {!desk ? null : (
        <>
          <p className="mb-3 text-sm text-slate-700" data-testid="regime">
            {locale === "en" ? desk.regime.basis.en : desk.regime.basis.fr}
          </p>
          <SittingRecords desk={desk} feedback={feedback} />
          <h3 className="mt-6 mb-2 text-lg font-semibold">{t("acts.title")}</h3>
          {desk.sitting.status !== "closed" ? <p className="mb-2 text-sm text-slate-700">{t("acts.notClosed")}</p> : null}
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="records-acts">
              <caption className="sr-only">{t("acts.caption")}</caption>
              <thead>
                <tr className="border-b-2 border-slate-400 text-left align-bottom">
                  <th scope="col" className="p-2">
                    {t("acts.order")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("acts.act")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("acts.dates")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("acts.publication")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("acts.annexes")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {desk.items.map((it) => (
                  <ActRow key={it.id} desk={desk} item={it} feedback={feedback} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
