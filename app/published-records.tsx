"use client";
// The records a council has published (#14.11), for anyone: each sitting's list of deliberations,
// procès-verbal and extracts, as pages and PDFs. Shown on the home page.
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { recordsRoutes, type PublishedLink, type PublishedRecords } from "@/core/api/records";
import { call } from "@/lib/client/api";
import { formatDate } from "./components/format";

function Links({ label, link }: { label: string; link: PublishedLink }) {
  const t = useTranslations("records");
  const locale = useLocale();
  return (
    <li>
      <a className="underline" href={link.href}>
        {label}
      </a>{" "}
      (
      <a className="underline" href={link.pdf} aria-label={`${label} — ${t("pdf")}`}>
        {t("pdf")}
      </a>
      ) — <span className="text-slate-700">{t("publishedOn", { date: formatDate(link.publishedOn, locale) })}</span>
    </li>
  );
}

export function PublishedRecordsSection() {
  const t = useTranslations("records");
  const locale = useLocale();
  const [records, setRecords] = useState<PublishedRecords[] | null>(null);
  useEffect(() => {
    void call(recordsRoutes.published, {}).then((r) => setRecords(r.ok ? r.data : []));
  }, []);
  return (
    <section aria-labelledby="published-records" className="card mt-6 p-6">
      <h2 id="published-records" className="mb-4 text-2xl font-semibold">
        {t("publishedTitle")}
      </h2>
      {records === null ? null : records.length === 0 ? (
        <p className="text-slate-700">{t("none")}</p>
      ) : (
        <ul className="space-y-4">
          {records.map((s) => (
            <li key={s.sittingId}>
              <h3 className="font-semibold">
                {s.council} — {t("sitting", { date: formatDate(s.date, locale) })}
              </h3>
              <ul className="mt-1 ml-4 list-disc space-y-1">
                {s.deliberations ? <Links label={t("list")} link={s.deliberations} /> : null}
                {s.minutes ? <Links label={t("minutes")} link={s.minutes} /> : null}
                {s.extracts.map((x) => (
                  <Links key={x.itemId} label={t("extract", { identifier: x.identifier, title: x.title })} link={x} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
