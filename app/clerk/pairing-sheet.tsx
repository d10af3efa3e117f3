"use client";
// The pairing codes issued in this visit, with their QR codes: the one part of the page that prints,
// so the clerk hands each councillor a sheet to pair their device.
import { useLocale, useTranslations } from "next-intl";
import { councilDateTime } from "../components/format";

export interface Pairing {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
  member: string;
}

export function PairingSheet({ pairings, timeZone }: { pairings: Pairing[]; timeZone: string }) {
  const t = useTranslations("clerk");
  const locale = useLocale();
  const until = (iso: string) => councilDateTime(iso, timeZone, locale, "long");
  return (
    <section id="appairage" aria-labelledby="sheet" className={`card p-5 ${pairings.length ? "" : "print:hidden"}`}>
      <div className="mb-3 flex items-center justify-between print:hidden">
        <h2 id="sheet" className="text-2xl font-semibold">
          {t("pairing")}
        </h2>
        {pairings.length ? (
          <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
            {t("printSheet")}
          </button>
        ) : null}
      </div>
      {pairings.length === 0 ? <p className="text-slate-700 print:hidden">{t("pairingHelp")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {pairings.map((p) => (
          <li key={p.code} className="rounded-lg border border-slate-300 p-3 text-center" data-testid="pairing">
            <p className="font-semibold">{p.member}</p>
            <div className="mx-auto my-2 w-40" aria-label={`QR ${p.url}`} role="img" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
            <p className="font-mono text-2xl tracking-widest" data-testid="pairing-code">
              {p.code}
            </p>
            <p className="text-sm font-semibold" data-testid="pairing-expiry">
              {t("pairingExpires", { when: until(p.expiresAt) })}
            </p>
            <p className="text-xs text-slate-600">{p.url}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
