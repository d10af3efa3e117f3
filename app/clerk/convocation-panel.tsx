"use client";
// The convocation of the selected sitting (#19): the legal delay if sent today, the mayor's letter and
// an urgency's reason, the notes of synthesis still missing, the printable convocation and ordre du
// jour, the dispatch, the ordre du jour's publication, and each member's copy (convocation-recipients).
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { convocationRoutes, type ClerkConvocation } from "@/core/api/convocation";
import type { DelayCheck } from "@/core/convocation/delay";
import { errorText } from "@/core/refusal";
import { call } from "@/lib/client/api";
import { formFields } from "@/lib/client/form-fields";
import { ConfirmButton } from "../components/confirm-button";
import type { ClerkMember } from "./clerk-api";
import { useShortDate } from "./clerk-api";
import { ConvocationRecipients } from "./convocation-recipients";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function ConvocationPanel({
  version,
  sittingId,
  members,
  onDone,
  onError,
}: {
  /** Changes whenever the sitting or its agenda changed elsewhere on the screen. */
  version: number;
  sittingId: string;
  members: ClerkMember[];
  onDone: (m: string) => void;
  onError: (m: string) => void;
}) {
  const t = useTranslations("convocation.clerk");
  const locale = useLocale();
  const short = useShortDate();
  const [c, setC] = useState<ClerkConvocation | null>(null);
  // The outcome is said here, where the clerk clicked (and at the top of the section).
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call(convocationRoutes.clerkView, { sittingId });
    if (r.ok) setC(r.data);
  }, [sittingId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after the fetch resolves, not during the effect
    void load();
  }, [load, version]);
  // E-mails go in the background: follow them while some are pending.
  const pending = c?.recipients.some((r) => r.emailStatus === "pending") ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [pending, load]);
  if (!c) return null;
  const sent = c.dispatches.length > 0;

  const done = async (text: string) => {
    setNotice(text);
    await load();
    onDone(text);
  };
  const save = async (form: HTMLFormElement) => {
    const s = formFields(form);
    const r = await call(convocationRoutes.update, { sittingId }, { letter: s("letter"), urgencyReason: s("urgencyReason").trim() || null });
    if (!r.ok) return onError(errorText(r.error, locale));
    await done(t("saved"));
  };
  const send = async () => {
    const r = await call(convocationRoutes.send, { sittingId });
    if (!r.ok) return onError(errorText(r.error, locale));
    await done(t("sent", { recipients: r.data.recipients, emails: r.data.emails, date: short(r.data.on) }));
  };
  const publish = async () => {
    const r = await call(convocationRoutes.publishAgenda, { sittingId }, {});
    if (!r.ok) return onError(errorText(r.error, locale));
    await done(t("published"));
  };

  return (
    <section aria-labelledby="convocation-title" className="mt-6 rounded-lg border border-slate-300 p-4" data-testid="convocation">
      <h3 id="convocation-title" className="mb-3 text-xl font-semibold">
        {t("title")}
      </h3>
      <DelayBox delay={c.delayToday} today={c.today} sent={sent} />
      {sent ? (
        <ul className="mb-3 space-y-1" aria-label={t("dispatches")}>
          {c.dispatches.map((d, i) => (
            <li key={d.at} className="rounded-md bg-green-50 px-3 py-2">
              ✓{" "}
              {t(i === 0 ? "dispatched" : "complement", {
                date: short(d.on),
                items: d.items,
                recipients: d.recipients,
                clear: d.clearDays,
                required: d.required,
              })}
              {d.urgencyReason ? ` — ${t("urgent")} : ${d.urgencyReason}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mb-3 text-sm text-slate-700">{c.mail.enabled ? t("mailOn", { from: c.mail.from ?? "" }) : t("mailOff")}</p>
      {c.missingSynthesis.length ? (
        <p role="alert" className="mb-3 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {t("missingSynthesis", { items: c.missingSynthesis.map((m) => m.order).join(", ") })}
        </p>
      ) : null}
      <LetterForm c={c} sittingId={sittingId} disabled={sent || !c.editable} onSave={(f) => void save(f)} />
      <div className="mt-4 flex flex-wrap gap-3">
        <ConfirmButton
          label={sent ? t("sendComplement") : t("send")}
          question={sent ? t("confirmComplement") : t("confirmSend")}
          onConfirm={() => void send()}
          className={sent ? "btn btn-secondary" : "btn btn-primary"}
          disabled={!c.editable || (!sent && !c.delayToday.ok) || c.missingSynthesis.length > 0}
        />
        <ConfirmButton
          label={c.agendaPublishedOn ? t("publishedOn", { date: short(c.agendaPublishedOn) }) : t("publish")}
          question={t("confirmPublish")}
          onConfirm={() => void publish()}
          className="btn btn-secondary"
          disabled={!sent || !!c.agendaPublishedOn}
        />
      </div>
      <div aria-live="polite">{notice ? <p className="mt-3 rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{notice}</p> : null}</div>
      {c.addedAfterConvocation.length ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2">{t("addedAfter", { count: c.addedAfterConvocation.length })}</p>
      ) : null}
      {sent ? <ConvocationRecipients c={c} members={members} sittingId={sittingId} onDone={done} onError={onError} reload={load} /> : null}
    </section>
  );
}

/** The mayor's letter and the urgency's reason, editable until the convocation is sent; the two PDFs. */
function LetterForm({
  c,
  sittingId,
  disabled,
  onSave,
}: {
  c: ClerkConvocation;
  sittingId: string;
  disabled: boolean;
  onSave: (form: HTMLFormElement) => void;
}) {
  const t = useTranslations("convocation.clerk");
  return (
    <form
      aria-label={t("letterForm")}
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(e.currentTarget);
      }}
    >
      <label className={label}>
        {t("letter")}
        <textarea name="letter" rows={5} defaultValue={c.letter} disabled={disabled} className={`${field} font-normal`} />
      </label>
      <label className={label}>
        {t("urgencyReason")} <span className="font-normal text-slate-700">({t("urgencyHelp")})</span>
        <textarea name="urgencyReason" rows={2} defaultValue={c.urgencyReason ?? ""} disabled={disabled} className={`${field} font-normal`} />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-secondary" disabled={disabled}>
          {t("save")}
        </button>
        <a className="underline" href={`/api/sittings/${sittingId}/convocation.pdf`} target="_blank" rel="noreferrer">
          {t("convocationPdf")}
        </a>
        <a className="underline" href={`/api/sittings/${sittingId}/agenda.pdf`} target="_blank" rel="noreferrer">
          {t("agendaPdf")}
        </a>
      </div>
    </form>
  );
}

/** Whether sending today meets the delay, the last day to send, and the days off in between. */
function DelayBox({ delay, today, sent }: { delay: DelayCheck; today: string; sent: boolean }) {
  const t = useTranslations("convocation.clerk");
  const locale = useLocale();
  const short = useShortDate();
  const pick = (r: { fr: string; en: string }) => (locale === "en" ? r.en : r.fr);
  if (sent) return null;
  return (
    <div className={`mb-3 rounded-md border-l-4 px-3 py-2 ${delay.ok ? "border-pour bg-green-50" : "border-contre bg-red-50"}`} data-testid="delay">
      <p className="font-semibold">
        {delay.ok ? "✓ " : "✗ "}
        {t("delayToday", { date: short(today), clear: Math.max(0, delay.clearDays), required: delay.required })}
      </p>
      <p className="text-sm">{pick(delay.reason)}</p>
      {delay.problems.map((p) => (
        <p key={p.ruleId + p.en} className="text-sm font-semibold">
          {pick(p)}
        </p>
      ))}
      <p className="text-sm">
        {t("latest", { date: short(delay.latestDispatchOn) })}
        {delay.latestWorkingDispatchOn !== delay.latestDispatchOn ? ` ${t("latestWorking", { date: short(delay.latestWorkingDispatchOn) })}` : ""}
      </p>
      {delay.nonWorking.length ? (
        <p className="text-sm text-slate-700">
          {t("nonWorking", { days: delay.nonWorking.map((d) => `${short(d.date)} (${locale === "en" ? d.en : d.fr})`).join(", ") })}
        </p>
      ) : null}
      {delay.warnings.map((w) => (
        <p key={w.ruleId} className="text-sm">
          ⚠ {pick(w)}
        </p>
      ))}
    </div>
  );
}
