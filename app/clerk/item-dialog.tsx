"use client";
// The edit dialog of one agenda item (or of a new one): every field of the draft deliberation, in a
// native modal <dialog> — focus moves into it, Esc closes it, and focus returns to the button that
// opened it.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { formFields } from "@/lib/client/form-fields";
import { ITEM_KINDS } from "@/core/vocabulary";
import { api, useErrorText, type ClerkItem, type ItemFields } from "./clerk-api";

const KINDS = ITEM_KINDS;
const NATURES: ItemFields["actesNature"][] = ["DE", "AR", "AI", "CC", "BF", "AU"];

/** Lists edited as text: one entry per line, or per paragraph for proposals (they may hold sub-lists). */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** "2 500; 12,50" → [2500, 12.5]; null when a value is not a number. */
function parseAmounts(text: string): number[] | null {
  const parts = text
    .split(";")
    .map((p) => p.replace(/[\s\u00a0\u202f€]/g, "").replace(",", "."))
    .filter(Boolean);
  const values = parts.map(Number);
  return values.every((v) => Number.isFinite(v) && v >= 0) ? values : null;
}

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export type ItemTarget = { mode: "create"; sittingId: string } | { mode: "edit"; item: ClerkItem };

export function ItemDialog({ target, onClose, onSaved }: { target: ItemTarget | null; onClose: () => void; onSaved: (message: string) => void }) {
  const t = useTranslations("clerk");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (target && !d.open) {
      opener.current = document.activeElement;
      setError(null);
      d.showModal();
    } else if (!target && d.open) d.close();
  }, [target]);

  const item = target?.mode === "edit" ? target.item : null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!target) return;
    const fields = readItemFields(formFields(e.currentTarget));
    if (!fields) return setError(t("item.badAmounts"));
    setBusy(true);
    const r =
      target.mode === "create"
        ? await api<{ order: number }>("POST", `/api/clerk/sittings/${target.sittingId}/items`, fields)
        : await api("PATCH", `/api/clerk/items/${target.item.id}`, fields);
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onSaved(target.mode === "create" ? t("item.created", { title: fields.title }) : t("item.saved", { title: fields.title }));
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="item-dialog-title"
      className="m-auto w-[min(56rem,95vw)] rounded-xl p-0 shadow-2xl backdrop:bg-black/50"
      onClose={() => {
        onClose();
        if (opener.current instanceof HTMLElement) opener.current.focus();
      }}
    >
      {target ? (
        <form onSubmit={(e) => void submit(e)} className="space-y-4 p-6" key={item?.id ?? "new"}>
          <h2 id="item-dialog-title" className="text-xl font-bold">
            {item ? t("item.editTitle", { order: item.order }) : t("item.newTitle")}
          </h2>
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <label className={label}>
              {t("item.identifier")}
              <input name="identifier" required maxLength={40} defaultValue={item?.identifier ?? ""} className={`${field} font-mono`} />
            </label>
            <label className={label}>
              {t("item.title")}
              <input name="title" required maxLength={1000} defaultValue={item?.title ?? ""} className={field} />
            </label>
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <label className={label}>
              {t("item.kind")}
              <select name="kind" defaultValue={item?.kind ?? "ordinary"} className={field}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={label}>
              {t("item.commission")}
              <input name="commission" maxLength={300} defaultValue={item?.commission ?? ""} className={field} />
            </label>
            <label className={label}>
              {t("item.service")}
              <input name="service" maxLength={300} defaultValue={item?.service ?? ""} className={field} />
            </label>
          </div>
          <label className={label}>
            {t("item.rapporteurs")} <span className="font-normal text-slate-700">({t("item.onePerLine")})</span>
            <textarea name="rapporteurs" rows={2} defaultValue={item?.rapporteurs.join("\n") ?? ""} className={field} />
          </label>
          <label className={label}>
            {t("item.expose")}
            <textarea name="expose" rows={6} defaultValue={item?.expose ?? ""} className={field} />
          </label>
          <SynthesisField item={item} />
          <label className={label}>
            {t("item.proposals")} <span className="font-normal text-slate-700">({t("item.onePerParagraph")})</span>
            <textarea name="proposals" rows={4} defaultValue={item?.proposals.join("\n\n") ?? ""} className={field} />
          </label>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className={label}>
              {t("item.attachments")} <span className="font-normal text-slate-700">({t("item.onePerLine")})</span>
              <textarea name="attachments" rows={2} defaultValue={item?.attachments.join("\n") ?? ""} className={field} />
            </label>
            <label className={label}>
              {t("item.observations")}
              <textarea name="observations" rows={2} defaultValue={item?.observations ?? ""} className={field} />
            </label>
          </div>
          <PublicationFields item={item} />
          {/* Beside the button the clerk just pressed: at the top of a long dialog it was out of view. */}
          {error ? (
            <p role="alert" className="rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-3">
            <button type="button" className="btn btn-secondary" onClick={() => ref.current?.close()}>
              {tc("cancel")}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {item ? t("item.save") : t("item.create")}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

/** The note of synthesis sent with the convocation (#19; L2121-12). */
function SynthesisField({ item }: { item: ClerkItem | null }) {
  const t = useTranslations("clerk");
  return (
    <label className={label}>
      {t("item.synthesis")} <span className="font-normal text-slate-700">({t("item.synthesisHelp")})</span>
      <textarea name="synthesis" rows={3} defaultValue={item?.synthesis ?? ""} className={field} />
    </label>
  );
}

/** The form's fields as the server's ItemFields; null when the amounts are not numbers. */
function readItemFields(s: (name: string) => string): ItemFields | null {
  const amounts = parseAmounts(s("amounts"));
  if (!amounts) return null;
  return {
    identifier: s("identifier").trim(),
    title: s("title").trim(),
    kind: s("kind") as ItemFields["kind"],
    rapporteurs: lines(s("rapporteurs")),
    commission: s("commission"),
    service: s("service"),
    expose: s("expose"),
    synthesis: s("synthesis"),
    proposals: paragraphs(s("proposals")),
    attachments: lines(s("attachments")),
    observations: s("observations"),
    actesCode: s("actesCode").trim(),
    actesLabel: s("actesLabel"),
    actesNature: s("actesNature") as ItemFields["actesNature"],
    budgetArticle: s("budgetArticle"),
    budgetName: s("budgetName"),
    budgetYear: s("budgetYear").trim(),
    amounts,
  };
}

/** The fields the préfecture's transmission and the budget need (ACTES code and nature, budget lines). */
function PublicationFields({ item }: { item: ClerkItem | null }) {
  const t = useTranslations("clerk");
  return (
    <>
      <fieldset className="rounded-lg border border-slate-300 p-3">
        <legend className="px-1 font-semibold">{t("item.actes")}</legend>
        <div className="grid gap-3 sm:grid-cols-[8rem_1fr_14rem]">
          <label className={label}>
            {t("item.actesCode")}
            <input name="actesCode" maxLength={14} pattern="\d(\.\d{1,2}){0,4}" defaultValue={item?.actesCode ?? ""} className={`${field} font-mono`} />
          </label>
          <label className={label}>
            {t("item.actesLabel")}
            <input name="actesLabel" maxLength={300} defaultValue={item?.actesLabel ?? ""} className={field} />
          </label>
          <label className={label}>
            {t("item.actesNature")}
            <select name="actesNature" defaultValue={item?.actesNature ?? "DE"} className={field}>
              {NATURES.map((n) => (
                <option key={n} value={n}>
                  {n} — {t(`natures.${n}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset className="rounded-lg border border-slate-300 p-3">
        <legend className="px-1 font-semibold">{t("item.budget")}</legend>
        <div className="grid gap-3 sm:grid-cols-4">
          <label className={label}>
            {t("item.budgetArticle")}
            <input name="budgetArticle" maxLength={20} defaultValue={item?.budgetArticle ?? ""} className={`${field} font-mono`} />
          </label>
          <label className={label}>
            {t("item.budgetName")}
            <input name="budgetName" maxLength={200} defaultValue={item?.budgetName ?? ""} className={field} />
          </label>
          <label className={label}>
            {t("item.budgetYear")}
            <input name="budgetYear" maxLength={9} pattern="\d{4}(/\d{4})?" defaultValue={item?.budgetYear ?? ""} className={`${field} font-mono`} />
          </label>
          <label className={label}>
            {t("item.amounts")}
            <input name="amounts" defaultValue={item?.amounts.map((a) => String(a).replace(".", ",")).join("; ") ?? ""} className={field} />
          </label>
        </div>
      </fieldset>
    </>
  );
}
