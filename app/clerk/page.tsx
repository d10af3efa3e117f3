"use client";
// The clerk's setup: the council and its roster, the sittings and their agenda, and pairing codes
// (with QR codes and a printable sheet) for councillors' devices.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { LocaleSwitch } from "../components/locale-switch";

interface Overview {
  council: { id: string; name: string; siren: string; siret: string; departement: string; ruleSet: string; settings: Record<string, unknown> };
  members: { id: string; civility: string; firstName: string; lastName: string; role: string; group: string | null; seat: number | null }[];
  sittings: {
    id: string;
    date: string;
    time: string;
    place: string;
    status: string;
    items: { id: string; order: number; identifier: string; title: string }[];
  }[];
}
interface Pairing {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
  member: string;
}

const ROLE_LABEL: Record<string, string> = {
  maire: "Maire",
  adjoint: "Adjoint·e",
  "conseiller-delegue": "Conseiller·e délégué·e",
  conseiller: "Conseiller·e municipal·e",
};

export default function ClerkPage() {
  const t = useTranslations();
  const [data, setData] = useState<Overview | null>(null);
  const [pairings, setPairings] = useState<Pairing[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/clerk/overview")
      .then((r) => r.json() as Promise<{ ok: boolean; data: Overview; error?: { message: string } }>)
      .then((j) => (j.ok ? setData(j.data) : setError(j.error?.message ?? "error")))
      .catch(() => setError("network"));
  }, []);
  const issue = async (memberId: string) => {
    const r = await fetch("/api/clerk/pairings", {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-seance-client": "1" },
      body: JSON.stringify({ memberId }),
    });
    const j = (await r.json()) as { ok: boolean; data: Pairing; error?: { message: string } };
    if (j.ok) setPairings((p) => [j.data, ...p.filter((x) => x.member !== j.data.member)]);
    else setError(j.error?.message ?? "error");
  };
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <header className="flex items-center justify-between print:hidden">
        <div>
          <h1 className="text-3xl font-bold text-marianne">{t("clerk.title")}</h1>
          {data ? (
            <p className="text-slate-700">
              {data.council.name} · SIREN {data.council.siren} · {t("clerk.settings")} : {data.council.ruleSet}
            </p>
          ) : null}
        </div>
        <LocaleSwitch />
      </header>
      {error ? <p role="alert">{error}</p> : null}
      {pairings.length ? (
        <section aria-labelledby="sheet" className="card p-5">
          <div className="mb-3 flex items-center justify-between print:hidden">
            <h2 id="sheet" className="text-xl font-semibold">
              {t("clerk.pairing")}
            </h2>
            <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
              {t("clerk.printSheet")}
            </button>
          </div>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {pairings.map((p) => (
              <li key={p.code} className="rounded-lg border border-slate-300 p-3 text-center" data-testid="pairing">
                <p className="font-semibold">{p.member}</p>
                <div className="mx-auto my-2 w-40" aria-label={`QR ${p.url}`} role="img" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
                <p className="font-mono text-2xl tracking-widest" data-testid="pairing-code">
                  {p.code}
                </p>
                <p className="text-xs text-slate-600">{p.url}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data ? (
        <>
          <section aria-labelledby="sittings" className="card p-5 print:hidden">
            <h2 id="sittings" className="mb-3 text-xl font-semibold">
              {t("clerk.sittings")}
            </h2>
            {data.sittings.map((s) => (
              <div key={s.id} className="mb-4">
                <p className="font-semibold">
                  {s.date} {s.time} — {s.place} · {t(`status.${s.status}` as "status.opened")}
                </p>
                <p className="space-x-3 text-sm">
                  <a className="underline" href={`/president/${s.id}`}>
                    {t("president.title")}
                  </a>
                  <a className="underline" href={`/public/${s.id}`}>
                    {t("public.title")}
                  </a>
                  <a className="underline" href={`/minutes/${s.id}`}>
                    {t("minutes.title")}
                  </a>
                </p>
                <ol className="ml-5 list-decimal text-sm">
                  {s.items.map((it) => (
                    <li key={it.id} value={it.order}>
                      {it.identifier} — {it.title}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </section>
          <section aria-labelledby="roster" className="card p-5 print:hidden">
            <h2 id="roster" className="mb-3 text-xl font-semibold">
              {t("clerk.roster")} ({data.members.length})
            </h2>
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className="py-1">Siège</th>
                  <th>Nom</th>
                  <th>Fonction</th>
                  <th>Groupe</th>
                  <th>
                    <span className="sr-only">{t("clerk.pairing")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.id} className="border-t border-slate-200">
                    <td className="py-1 font-mono">{m.seat}</td>
                    <td>
                      {m.civility} {m.firstName} {m.lastName}
                    </td>
                    <td>{ROLE_LABEL[m.role] ?? m.role}</td>
                    <td>{m.group}</td>
                    <td className="text-right">
                      <button
                        type="button"
                        className="btn btn-secondary px-2 py-1 text-xs"
                        onClick={() => void issue(m.id)}
                        aria-label={`${t("clerk.issueCode")} — ${m.firstName} ${m.lastName}`}
                      >
                        {t("clerk.issueCode")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </main>
  );
}
