"use client";
// The council's rule set, the four switches of a sitting and what its records need (population and
// publication regime, clock, administrative court). Saved together; the sittings not yet closed take
// them at once.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { formFields } from "@/lib/client/form-fields";
import { api, useBilingual, useErrorText, type CouncilSetup } from "./clerk-api";
import { DebateSettings, debateSettingsFrom } from "./debate-settings";

type Switch = "selfCheckIn" | "midSittingProxies" | "liveTally" | "presidentVotesLast";
const SWITCHES: Switch[] = ["selfCheckIn", "midSittingProxies", "liveTally", "presidentVotesLast"];

export function SettingsSection({ setup, onSaved }: { setup: CouncilSetup; onSaved: (next: CouncilSetup) => void }) {
  const t = useTranslations("clerk.settingsForm");
  const pick = useBilingual();
  const errorText = useErrorText();
  const [ruleSet, setRuleSet] = useState(setup.ruleSet);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = setup.ruleSets.find((rs) => rs.id === ruleSet);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = formFields(e.currentTarget);
    const on = (k: Switch) => f(k) === "on";
    const population = f("population").trim();
    const body = {
      ...(ruleSet !== setup.ruleSet ? { ruleSet } : {}),
      selfCheckIn: on("selfCheckIn"),
      midSittingProxies: on("midSittingProxies"),
      revealMode: on("liveTally") ? "live" : "at-close",
      presidentVotesLast: on("presidentVotesLast"),
      population: population === "" ? null : Number(population),
      publicationMode: f("publicationMode"),
      timeZone: f("timeZone").trim(),
      administrativeCourt: f("administrativeCourt").trim(),
      ...debateSettingsFrom(f),
    };
    const r = await api<CouncilSetup>("PATCH", "/api/clerk/council/settings", body);
    if (r.ok) {
      setError(null);
      setMessage(t("saved"));
      onSaved(r.data);
    } else {
      setMessage(null);
      setError(errorText(r.error));
    }
  };

  const checked: Record<Switch, boolean> = {
    selfCheckIn: setup.settings.selfCheckIn,
    midSittingProxies: setup.settings.midSittingProxies,
    liveTally: setup.settings.revealMode === "live",
    presidentVotesLast: setup.settings.presidentVotesLast,
  };
  return (
    <section id="reglages" aria-labelledby="settings-title" className="card p-5 print:hidden">
      <h2 id="settings-title" className="mb-3 text-2xl font-semibold">
        {t("title")}
      </h2>
      <form onSubmit={(e) => void submit(e)} className="space-y-4">
        <label className="block max-w-xl font-semibold">
          {t("ruleSet")}
          <select
            value={ruleSet}
            onChange={(e) => setRuleSet(e.target.value)}
            aria-describedby="rule-set-description"
            className="mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal"
          >
            {setup.ruleSets.map((rs) => (
              <option key={rs.id} value={rs.id}>
                {pick(rs.label)}
              </option>
            ))}
          </select>
        </label>
        <p id="rule-set-description" className="max-w-xl text-sm text-slate-700">
          {current ? pick(current.description) : null}
        </p>
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("switches")}</legend>
          {SWITCHES.map((k) => (
            <div key={k} className="flex items-start gap-3">
              <input
                id={`switch-${k}`}
                name={k}
                type="checkbox"
                role="switch"
                defaultChecked={checked[k]}
                className="mt-1 h-5 w-5 accent-marianne"
                aria-describedby={`switch-${k}-help`}
              />
              <div>
                <label htmlFor={`switch-${k}`} className="font-semibold">
                  {t(`${k}.label`)}
                </label>
                <p id={`switch-${k}-help`} className="text-sm text-slate-700">
                  {t(`${k}.help`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <DebateSettings setup={setup} />
        <RecordsSettings setup={setup} />
        <div aria-live="polite">{message ? <p className="rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{message}</p> : null}</div>
        {error ? (
          <p role="alert" className="rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary">
          {t("save")}
        </button>
      </form>
    </section>
  );
}

/** Zones of French communes (metropolitan and overseas); another IANA name may be typed. */
const ZONES = [
  "Europe/Paris",
  "America/Guadeloupe",
  "America/Martinique",
  "America/Cayenne",
  "Indian/Reunion",
  "Indian/Mayotte",
  "America/Miquelon",
  "Pacific/Noumea",
  "Pacific/Tahiti",
  "Pacific/Wallis",
];

/** What the records need (#14.1, #14.3, #14.9): the regime of publication, the clock, the court. */
function RecordsSettings({ setup }: { setup: CouncilSetup }) {
  const t = useTranslations("clerk.records.settings");
  const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal";
  return (
    <fieldset className="grid max-w-3xl gap-3 sm:grid-cols-2">
      <legend className="mb-1 font-semibold">{t("legend")}</legend>
      <label className="block font-semibold">
        {t("population")}
        <input
          name="population"
          type="number"
          min={0}
          step={1}
          defaultValue={setup.council.population ?? ""}
          aria-describedby="population-help"
          className={field}
        />
        <span id="population-help" className="mt-1 block text-sm font-normal text-slate-700">
          {t("populationHelp")}
        </span>
      </label>
      <label className="block font-semibold">
        {t("publicationMode")}
        <select name="publicationMode" defaultValue={setup.settings.publicationMode} aria-describedby="publication-mode-help" className={field}>
          <option value="electronic">{t("modes.electronic")}</option>
          <option value="posting">{t("modes.posting")}</option>
        </select>
        <span id="publication-mode-help" className="mt-1 block text-sm font-normal text-slate-700">
          {t("publicationModeHelp")}
        </span>
      </label>
      <label className="block font-semibold">
        {t("timeZone")}
        <input name="timeZone" list="time-zones" required defaultValue={setup.settings.timeZone} aria-describedby="time-zone-help" className={field} />
        <datalist id="time-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <span id="time-zone-help" className="mt-1 block text-sm font-normal text-slate-700">
          {t("timeZoneHelp")}
        </span>
      </label>
      <label className="block font-semibold">
        {t("court")}
        <input
          name="administrativeCourt"
          maxLength={120}
          defaultValue={setup.settings.administrativeCourt}
          placeholder={t("courtPlaceholder")}
          className={field}
        />
      </label>
    </fieldset>
  );
}
