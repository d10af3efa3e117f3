"use client";
// What the records desk shows and asks for any record it publishes: the versions published so far,
// and the form that puts a record online on a given day (a rectification with its reason).
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { RecordsDesk } from "@/core/api/records-desk";
import type { PublishedVersion } from "@/core/records/publication";
import { councilDate } from "@/core/time";
import { useShortDate } from "./clerk-api";

const input = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal";

/** Today on the council's clock: no record is published on a day to come. */
export function todayOn(timeZone: string): string {
  return councilDate(new Date().toISOString(), timeZone) ?? new Date().toISOString().slice(0, 10);
}

export function Versions({ versions, size }: { versions: PublishedVersion[]; size: "text-xs" | "text-sm" }) {
  const t = useTranslations("clerk.records.publish");
  const short = useShortDate();
  if (!versions.length) return <p className={`${size} text-slate-700`}>{t("notYet")}</p>;
  return (
    <ul className={size}>
      {versions.map((v) => (
        <li key={v.version}>
          {t("version", { version: v.version, date: short(v.publishedOn) })}
          {v.reason ? ` — ${v.reason}` : ""}
        </li>
      ))}
    </ul>
  );
}

/** The day a record goes online, and the reason when it was published before; `lateAfter` warns past a deadline. */
export function PublishForm(props: {
  desk: RecordsDesk;
  label: string;
  publishLabel: string;
  again: boolean;
  size: "text-xs" | "text-sm";
  lateAfter?: { date: string; text: string };
  onPublish: (publishedOn: string, reason: string | null) => Promise<void>;
}) {
  const t = useTranslations("clerk.records.publish");
  const { desk, size } = props;
  const [on, setOn] = useState(todayOn(desk.sitting.timeZone));
  const [reason, setReason] = useState("");
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void props.onPublish(on, props.again ? reason : null);
  };
  return (
    <form onSubmit={submit} className="mt-2 grid gap-2" aria-label={props.label}>
      <label className={`block ${size} font-semibold`}>
        {t("on")}
        <input
          type="date"
          required
          value={on}
          min={desk.sitting.date}
          max={todayOn(desk.sitting.timeZone)}
          onChange={(e) => setOn(e.currentTarget.value)}
          className={input}
        />
      </label>
      {props.lateAfter && on > props.lateAfter.date ? <p className={`${size} font-semibold text-abst`}>{props.lateAfter.text}</p> : null}
      {props.again ? (
        <label className={`block ${size} font-semibold`}>
          {t("reason")}
          <input required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} className={input} />
        </label>
      ) : null}
      <button type="submit" className="btn btn-primary px-2 py-1">
        {props.again ? t("republish") : props.publishLabel}
      </button>
    </form>
  );
}
