"use client";
// Each member's copy of the convocation as the clerk follows it (#19): the device, the e-mail's fate,
// when it was opened and acknowledged, what the member declared (with the paper's scan), a paper copy
// to print for who asked for one; the quorum to expect; and a declaration received on paper.
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { convocationRoutes, type ClerkConvocation } from "@/core/api/convocation";
import { errorText } from "@/core/refusal";
import { call } from "@/lib/client/api";
import { formFields } from "@/lib/client/form-fields";
import { councilDateTime } from "../components/format";
import { fullName } from "@/core/vocabulary";
import type { ClerkMember } from "./clerk-api";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function ConvocationRecipients({
  c,
  members,
  sittingId,
  onDone,
  onError,
  reload,
}: {
  c: ClerkConvocation;
  members: ClerkMember[];
  sittingId: string;
  onDone: (m: string) => Promise<void>;
  onError: (m: string) => void;
  reload: () => Promise<void>;
}) {
  const t = useTranslations("convocation.clerk");
  const locale = useLocale();
  const when = (iso: string | null) => (iso ? councilDateTime(iso, c.timeZone, locale) : "—");
  const failed = c.recipients.filter((r) => r.emailStatus === "failed").length;
  const acked = c.recipients.filter((r) => r.acknowledgedAt).length;
  const retry = async () => {
    const r = await call(convocationRoutes.retryMail, { sittingId });
    if (!r.ok) return onError(errorText(r.error, locale));
    await onDone(t("retried", { count: r.data.emails }));
  };
  const f = c.forecast;
  return (
    <div className="mt-4 space-y-3">
      <p
        className={`rounded-md px-3 py-2 font-semibold ${f.outlook === "impossible" ? "bg-red-50" : f.outlook === "assured" ? "bg-green-50" : "bg-amber-50"}`}
        data-testid="forecast"
      >
        {locale === "en" ? f.text.en : f.text.fr} — {t("forecastCounts", { apologies: f.apologies, proxies: f.proxies, noAnswer: f.noAnswer })}
      </p>
      <p>
        {t("ackCount", { acked, total: c.recipients.length })}{" "}
        {failed ? (
          <button type="button" className="btn btn-secondary ml-2" onClick={() => void retry()}>
            {t("retry", { count: failed })}
          </button>
        ) : null}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="recipients">
          <caption className="sr-only">{t("recipients")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-2">
                {t("col.member")}
              </th>
              <th scope="col" className="pr-2">
                {t("col.device")}
              </th>
              <th scope="col" className="pr-2">
                {t("col.email")}
              </th>
              <th scope="col" className="pr-2">
                {t("col.opened")}
              </th>
              <th scope="col" className="pr-2">
                {t("col.acknowledged")}
              </th>
              <th scope="col">{t("col.declaration")}</th>
            </tr>
          </thead>
          <tbody>
            {c.recipients.map((r) => (
              <tr key={r.memberId} className="border-b border-slate-200 align-top" data-member={r.memberId}>
                <th scope="row" className="py-1 pr-2 font-normal">
                  {r.name}
                  {r.paper ? (
                    <a className="ml-2 underline" href={`/api/sittings/${sittingId}/convocation.pdf?member=${r.memberId}`} target="_blank" rel="noreferrer">
                      {t("paperCopy")}
                    </a>
                  ) : null}
                </th>
                <td className="pr-2">{r.device ? t("paired") : t("notPaired")}</td>
                <td className="pr-2">
                  {t(`mail.${r.emailStatus ?? "off"}`)}
                  {r.emailError ? <span className="block text-xs text-contre">{r.emailError}</span> : null}
                </td>
                <td className="pr-2">{when(r.openedAt)}</td>
                <td className="pr-2">{r.acknowledgedAt ? `${when(r.acknowledgedAt)} (${t(`via.${r.acknowledgedVia ?? "device"}`)})` : "—"}</td>
                <td>
                  {r.declaration ? (
                    <>
                      {t(`intent.${r.declaration.intent}`)}
                      {r.declaration.toName ? ` ${r.declaration.toName}` : ""} <span className="text-slate-600">({t(`source.${r.declaration.source}`)})</span>
                      {r.declaration.scanned ? (
                        <a
                          className="ml-1 underline"
                          href={`/api/clerk/sittings/${sittingId}/declarations/${r.memberId}/document`}
                          target="_blank"
                          rel="noreferrer"
                        >
                          {t("scan")}
                        </a>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.editable ? <PaperDeclarationForm members={members} sittingId={sittingId} onDone={onDone} onError={onError} reload={reload} /> : null}
    </div>
  );
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? (reader.result.split(",")[1] ?? "") : "");
    reader.onerror = () => reject(new Error("unreadable file"));
    reader.readAsDataURL(file);
  });
}

/** Apologies or a written proxy received on paper, with the scan (required for a proxy). */
function PaperDeclarationForm({
  members,
  sittingId,
  onDone,
  onError,
}: {
  members: ClerkMember[];
  sittingId: string;
  onDone: (m: string) => Promise<void>;
  onError: (m: string) => void;
  reload: () => Promise<void>;
}) {
  const t = useTranslations("convocation.clerk");
  const locale = useLocale();
  const [intent, setIntent] = useState("apologies");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const s = formFields(form);
    const file = (form.elements.namedItem("scan") as HTMLInputElement | null)?.files?.[0];
    const scan = file ? { name: file.name, dataBase64: await readFile(file) } : null;
    const r = await call(
      convocationRoutes.paperDeclaration,
      { sittingId },
      { memberId: s("memberId"), intent: s("intent") as "attend" | "apologies" | "proxy", to: s("intent") === "proxy" ? s("to") : null, scan },
    );
    if (!r.ok) return onError(errorText(r.error, locale));
    form.reset();
    setIntent("apologies");
    await onDone(t("paperRecorded"));
  };
  return (
    <details className="rounded-lg border border-slate-300 p-3">
      <summary className="cursor-pointer font-semibold">{t("paperTitle")}</summary>
      <form aria-label={t("paperTitle")} className="mt-3 grid gap-3 sm:grid-cols-4" onSubmit={(e) => void submit(e)}>
        <label className={label}>
          {t("paperMember")}
          <select name="memberId" required className={field}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {fullName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("paperIntent")}
          <select name="intent" value={intent} onChange={(e) => setIntent(e.target.value)} className={field}>
            {(["apologies", "proxy", "attend"] as const).map((i) => (
              <option key={i} value={i}>
                {t(`intent.${i}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("paperTo")}
          <select name="to" disabled={intent !== "proxy"} className={field}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {fullName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("paperScan")}
          <input type="file" name="scan" accept="application/pdf,image/png,image/jpeg" required={intent === "proxy"} className={field} />
        </label>
        <div className="sm:col-span-4">
          <button type="submit" className="btn btn-secondary">
            {t("paperSubmit")}
          </button>
        </div>
      </form>
    </details>
  );
}
