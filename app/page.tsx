"use client";
// Home: what Séance is, the sittings anyone can follow, the records once published, and where to sign in.
import Link from "next/link";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { LocaleSwitch } from "./components/locale-switch";
import { formatDate } from "./components/format";
import { PublishedRecordsSection } from "./published-records";

interface SittingRow {
  id: string;
  council: string;
  date: string;
  time: string;
  place: string;
  status: "convened" | "opened" | "suspended" | "closed";
  url: string;
}

export default function Home() {
  const t = useTranslations();
  const locale = useLocale();
  const [sittings, setSittings] = useState<SittingRow[] | null>(null);
  useEffect(() => {
    fetch("/api/public/sittings")
      .then((r) => r.json() as Promise<{ ok: boolean; data: SittingRow[] }>)
      .then((j) => setSittings(j.ok ? j.data : []))
      .catch(() => setSittings([]));
  }, []);
  return (
    <main className="mx-auto max-w-4xl p-6">
      <header className="mb-8 flex items-center justify-between">
        <div>
          <h1 className="text-4xl font-bold text-marianne">{t("common.appName")}</h1>
          <p className="mt-1 text-lg text-slate-700">{t("common.tagline")}</p>
        </div>
        <div className="flex items-center gap-3">
          <LocaleSwitch />
          <Link className="btn btn-primary" href="/signin">
            {t("common.signIn")}
          </Link>
        </div>
      </header>
      <section aria-labelledby="sittings" className="card p-6">
        <h2 id="sittings" className="mb-4 text-2xl font-semibold">
          {t("clerk.sittings")}
        </h2>
        {sittings === null ? (
          <p>{t("common.loading")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {sittings.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-semibold">{s.council}</p>
                  <p className="text-slate-700">
                    {formatDate(s.date, locale)} — {s.time} · {s.place}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <span className="rounded-full bg-slate-200 px-3 py-1 text-sm font-medium">{t(`status.${s.status}`)}</span>
                  <Link className="btn btn-secondary" href={s.url}>
                    {t("public.title")}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="councillors-sign-in" className="card mt-6 p-6" data-testid="councillors-sign-in">
        <h2 id="councillors-sign-in" className="mb-2 text-2xl font-semibold">
          {t("home.councillorsTitle")}
        </h2>
        <p className="text-lg">{t("home.councillorsText")}</p>
        <Link className="btn btn-secondary mt-3" href="/signin">
          {t("home.councillorsLink")}
        </Link>
      </section>
      <PublishedRecordsSection />
    </main>
  );
}
