"use client";
// The clerk's setup screen, one page in sections reached from the top links: the sittings (details,
// agenda, import of draft deliberations), the records desk (extracts, list, minutes, publication,
// annexes, open data), the members (CSV export and import), the pairing codes of councillors'
// devices (QR codes and a printable sheet), the council's settings and the accounts.
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { LocaleSwitch } from "../components/locale-switch";
import { api, useBilingual, useErrorText, type ApiError, type ClerkMember, type CouncilSetup, type SittingSummary } from "./clerk-api";
import { PairingSheet, type Pairing } from "./pairing-sheet";
import { RosterSection } from "./roster-section";
import { SettingsSection } from "./settings-section";
import { SittingsSection } from "./sittings-section";
import { AccountsSection } from "./accounts-section";
import { RecordsDeskSection } from "./records-desk";
import { DEFAULT_TIME_ZONE } from "@/core/time";

export default function ClerkPage() {
  const t = useTranslations("clerk");
  const pick = useBilingual();
  const errorText = useErrorText();
  const [setup, setSetup] = useState<CouncilSetup | null>(null);
  const [members, setMembers] = useState<ClerkMember[] | null>(null);
  const [sittings, setSittings] = useState<SittingSummary[] | null>(null);
  const [pairings, setPairings] = useState<Pairing[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const [c, m, o] = await Promise.all([
      api<CouncilSetup>("GET", "/api/clerk/council"),
      api<ClerkMember[]>("GET", "/api/clerk/members"),
      api<{ sittings: SittingSummary[] }>("GET", "/api/clerk/overview"),
    ]);
    for (const r of [c, m, o]) if (!r.ok) return setError(r.error);
    if (c.ok) setSetup(c.data);
    if (m.ok) setMembers(m.data);
    if (o.ok) setSittings(o.data.sittings);
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after the fetch resolves, not during the effect
    void load();
  }, [load]);

  const issue = async (memberId: string) => {
    const r = await api<Pairing>("POST", "/api/clerk/pairings", { memberId });
    if (r.ok) setPairings((p) => [r.data, ...p.filter((x) => x.member !== r.data.member)]);
    else setError(r.error);
  };

  const current = setup?.ruleSets.find((rs) => rs.id === setup.ruleSet);
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <header className="space-y-3 print:hidden">
        <div className="flex items-center justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold text-marianne">{t("title")}</h1>
            {setup ? (
              <p className="text-slate-700">
                {setup.council.name} · SIREN {setup.council.siren} · {t("settings")} : {current ? pick(current.label) : setup.ruleSet}
              </p>
            ) : null}
          </div>
          <LocaleSwitch />
        </div>
        <nav aria-label={t("nav.label")}>
          <ul className="flex flex-wrap gap-2">
            {(
              [
                ["#seances", t("sittings")],
                ["#registre", t("nav.records")],
                ["#membres", t("roster")],
                ["#appairage", t("pairing")],
                ["#reglages", t("settings")],
                ["#comptes", t("nav.accounts")],
              ] as const
            ).map(([href, text]) => (
              <li key={href}>
                <a href={href} className="inline-block rounded-md bg-slate-100 px-3 py-2 font-semibold underline-offset-4 hover:underline">
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {error ? (
        <p role="alert" className="rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {errorText(error)}
        </p>
      ) : null}
      {!setup || !members || !sittings ? <p role="status">{t("loading")}</p> : null}
      {members && sittings ? <SittingsSection sittings={sittings} members={members} onChanged={() => void load()} /> : null}
      {sittings ? <RecordsDeskSection sittings={sittings} /> : null}
      {members ? <RosterSection members={members} issued={pairings[0] ?? null} onIssue={(id) => void issue(id)} onChanged={() => void load()} /> : null}
      <PairingSheet pairings={pairings} timeZone={setup?.settings.timeZone ?? DEFAULT_TIME_ZONE} />
      {setup ? <SettingsSection setup={setup} onSaved={setSetup} /> : null}
      {members && setup ? <AccountsSection members={members} timeZone={setup.settings.timeZone} /> : null}
    </main>
  );
}
