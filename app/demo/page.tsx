"use client";
// Demo mode only (the server answers 404 otherwise): one link per role that signs in directly.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { LocaleSwitch } from "../components/locale-switch";

interface DemoLink {
  userId: string;
  role: string;
  name: string;
  seat: number | null;
  href: string;
}

export default function DemoPage() {
  const t = useTranslations("demo");
  const [data, setData] = useState<{ links: DemoLink[]; publicLinks: { sittingId: string; date: string; href: string }[] } | null>(null);
  useEffect(() => {
    fetch("/api/demo/links")
      .then((r) => r.json() as Promise<{ ok: boolean; data: { links: DemoLink[]; publicLinks: { sittingId: string; date: string; href: string }[] } }>)
      .then((j) => setData(j.data))
      .catch(() => setData({ links: [], publicLinks: [] }));
  }, []);
  const of = (role: string) => data?.links.filter((l) => l.role === role) ?? [];
  // The mayor is listed once, as the president: not again among the councillors.
  const presidents = new Set(of("president").map((l) => l.name));
  const councillors = of("councillor").filter((l) => !presidents.has(l.name));
  const section = (title: string, links: DemoLink[]) => (
    <section className="card p-5" aria-label={title}>
      <h2 className="mb-3 text-xl font-semibold">{title}</h2>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {links.map((l) => (
          <li key={l.userId}>
            <a className="block rounded-lg border border-slate-300 px-3 py-2 hover:bg-blue-50" href={l.href}>
              {l.seat ? <span className="mr-2 inline-block w-8 text-right font-mono text-slate-600">{l.seat}</span> : null}
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <main className="mx-auto max-w-6xl space-y-5 p-6">
      <header className="flex items-center justify-between">
        <div>
          <h1 className="text-3xl font-bold text-marianne">Séance — {t("title")}</h1>
          <p className="text-slate-700">{t("intro")}</p>
        </div>
        <LocaleSwitch />
      </header>
      {data === null ? <p>…</p> : null}
      {section(t("president"), of("president"))}
      {section(t("clerk"), of("clerk"))}
      {section(t("secretary"), of("secretary"))}
      <section className="card p-5" aria-label={t("publicScreen")}>
        <h2 className="mb-3 text-xl font-semibold">{t("publicScreen")}</h2>
        {data?.publicLinks.map((p) => (
          <a key={p.sittingId} className="btn btn-secondary mr-2" href={p.href}>
            {t("publicScreen")} — {p.date}
          </a>
        ))}
      </section>
      {section(t("councillors"), councillors)}
    </main>
  );
}
