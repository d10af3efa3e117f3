"use client";
// The details of a convened sitting as the clerk edits them: date, time, place, convocation date,
// president and secretaries. Frozen once the president opens the sitting.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { formFields } from "@/lib/client/form-fields";
import { fullName } from "@/core/vocabulary";
import { api, useErrorText, type ClerkMember, type ClerkSitting } from "./clerk-api";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function SittingDetailsForm({
  sitting,
  members,
  onSaved,
  onError,
}: {
  sitting: ClerkSitting;
  members: ClerkMember[];
  onSaved: (message: string) => Promise<void>;
  onError: (message: string) => void;
}) {
  const t = useTranslations("clerk.sitting");
  const errorText = useErrorText();
  const [secretaries, setSecretaries] = useState<string[]>(sitting.secretaryIds);
  const name = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? fullName(m) : id;
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const s = formFields(e.currentTarget);
    const r = await api("PATCH", `/api/clerk/sittings/${sitting.id}`, {
      date: s("date"),
      time: s("time"),
      place: s("place"),
      convocationDate: s("convocationDate"),
      presidentMemberId: s("president") || null,
      secretaryIds: secretaries,
    });
    if (r.ok) await onSaved(t("saved"));
    else onError(errorText(r.error));
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="details-title" className="rounded-lg border border-slate-300 p-4">
      <h3 id="details-title" className="mb-2 text-lg font-semibold">
        {t("details")}
      </h3>
      <fieldset disabled={!sitting.editable} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-4">
          <label className={label}>
            {t("date")}
            <input type="date" name="date" required defaultValue={sitting.date} className={field} />
          </label>
          <label className={label}>
            {t("time")}
            <input type="time" name="time" required defaultValue={sitting.time} className={field} />
          </label>
          <label className={`${label} sm:col-span-2`}>
            {t("place")}
            <input name="place" required maxLength={200} defaultValue={sitting.place} className={field} />
          </label>
          <label className={label}>
            {t("convocationDate")}
            <input type="date" name="convocationDate" required defaultValue={sitting.convocationDate} className={field} />
          </label>
          <label className={`${label} sm:col-span-3`}>
            {t("president")}
            <select name="president" defaultValue={sitting.presidentMemberId ?? ""} className={field}>
              <option value="">{t("noPresident")}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {name(m.id)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <SecretaryPicker members={members} secretaries={secretaries} onChange={setSecretaries} />
        <button type="submit" className="btn btn-primary">
          {t("save")}
        </button>
      </fieldset>
    </form>
  );
}

/** The sitting's secretaries (CGCT L2121-15: one or more, named at the opening), five at most. */
function SecretaryPicker({ members, secretaries, onChange }: { members: ClerkMember[]; secretaries: string[]; onChange: (ids: string[]) => void }) {
  const t = useTranslations("clerk.sitting");
  const [adding, setAdding] = useState("");
  const name = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? fullName(m) : id;
  };
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t("secretaries")}</legend>
      {secretaries.length ? (
        <ul className="mb-2 flex flex-wrap gap-2">
          {secretaries.map((id) => (
            <li key={id} className="flex items-center gap-1 rounded-full border border-slate-400 py-0.5 pr-1 pl-3 text-sm">
              {name(id)}
              <button
                type="button"
                className="rounded-full px-2 font-bold hover:bg-slate-200"
                aria-label={t("removeSecretary", { name: name(id) })}
                onClick={() => onChange(secretaries.filter((x) => x !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-2 text-sm text-slate-700">{t("noSecretary")}</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label className={label}>
          {t("addSecretary")}
          <select value={adding} onChange={(e) => setAdding(e.target.value)} className={field}>
            <option value="">—</option>
            {members
              .filter((m) => !secretaries.includes(m.id))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {name(m.id)}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-secondary py-1"
          disabled={!adding || secretaries.length >= 5}
          onClick={() => {
            onChange([...secretaries, adding]);
            setAdding("");
          }}
        >
          {t("add")}
        </button>
      </div>
    </fieldset>
  );
}
