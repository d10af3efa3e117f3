"use client";
// Convening a new sitting: date, time, place, convocation date, president and secretaries, and
// either an agenda copied from another sitting or, after a failed quorum, a second convocation that
// carries over the deferred items. Open by default while the council has no sitting at all.
import type { FormEvent } from "react";
import { useTranslations } from "next-intl";
import { formFields, formValues } from "@/lib/client/form-fields";
import { fullName } from "@/core/vocabulary";
import { api, useErrorText, useShortDate, type ClerkMember, type SittingSummary } from "./clerk-api";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function NewSittingForm({
  sittings,
  members,
  open,
  onCreated,
  onError,
}: {
  sittings: SittingSummary[];
  members: ClerkMember[];
  open: boolean;
  onCreated: (id: string, message: string) => void;
  onError: (m: string) => void;
}) {
  const t = useTranslations("clerk.newSitting");
  const short = useShortDate();
  const errorText = useErrorText();
  const mayor = members.find((m) => m.role === "maire");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const s = formFields(form);
    const secretaryIds = formValues(form, "secretaryIds");
    const r = await api<{ sittingId: string }>("POST", "/api/clerk/sittings", {
      date: s("date"),
      time: s("time"),
      place: s("place"),
      convocationDate: s("convocationDate"),
      ...(s("president") ? { presidentMemberId: s("president") } : {}),
      ...(secretaryIds.length ? { secretaryIds } : {}),
      ...(s("secondConvocationOf") ? { secondConvocationOf: s("secondConvocationOf") } : s("copyAgendaFrom") ? { copyAgendaFrom: s("copyAgendaFrom") } : {}),
    });
    if (!r.ok) return onError(errorText(r.error));
    form.reset();
    onCreated(r.data.sittingId, t("created", { date: short(s("date")) }));
  };
  return (
    <details className="mb-4 rounded-lg border border-slate-300 p-4" open={open}>
      <summary className="cursor-pointer text-lg font-semibold">{t("title")}</summary>
      {sittings.length === 0 ? <p className="mt-2 text-slate-700">{t("noneYet")}</p> : null}
      <form onSubmit={(e) => void submit(e)} className="mt-3 grid gap-3 sm:grid-cols-4" aria-label={t("title")}>
        <label className={label}>
          {t("date")}
          <input type="date" name="date" required className={field} />
        </label>
        <label className={label}>
          {t("time")}
          <input type="time" name="time" required defaultValue="18:00" className={field} />
        </label>
        <label className={`${label} sm:col-span-2`}>
          {t("place")}
          <input name="place" required maxLength={200} className={field} />
        </label>
        <label className={label}>
          {t("convocationDate")}
          <input type="date" name="convocationDate" required className={field} />
        </label>
        <label className={`${label} sm:col-span-3`}>
          {t("president")}
          <select name="president" defaultValue={mayor?.id ?? ""} className={field}>
            <option value="">{t("noPresident")}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {fullName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className={`${label} sm:col-span-4`}>
          {t("secretaries")}
          <select name="secretaryIds" multiple size={Math.min(5, Math.max(2, members.length))} className={field}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {fullName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className={`${label} sm:col-span-2`}>
          {t("copyAgendaFrom")}
          <select name="copyAgendaFrom" defaultValue="" className={field}>
            <option value="">{t("emptyAgenda")}</option>
            {sittings.map((s) => (
              <option key={s.id} value={s.id}>
                {short(s.date)} — {s.place}
              </option>
            ))}
          </select>
        </label>
        <label className={`${label} sm:col-span-2`}>
          {t("secondConvocation")}
          <select name="secondConvocationOf" defaultValue="" className={field} aria-describedby="second-help">
            <option value="">{t("notSecond")}</option>
            {sittings
              .filter((s) => s.status === "closed")
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {short(s.date)} — {s.place}
                </option>
              ))}
          </select>
          <span id="second-help" className="mt-1 block text-sm font-normal text-slate-700">
            {t("secondHelp")}
          </span>
        </label>
        <div className="sm:col-span-4">
          <button type="submit" className="btn btn-primary">
            {t("create")}
          </button>
        </div>
      </form>
    </details>
  );
}
