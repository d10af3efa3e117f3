"use client";
// Import of draft deliberations: the clerk picks the files, sees what was understood of each (and
// how its bytes were read: UTF-8 or Windows-1252) and every problem, gives the budget year a draft
// does not say, then imports them all at once (or fixes the files first).
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { bytesToBase64 } from "@/core/records/text-encoding";
import { api, useBilingual, useErrorText, type DraftPreview, type ImportOutcome } from "./clerk-api";
import { ProblemList } from "./problem-list";

const MAX_FILES = 20;
const MAX_BYTES = 500_000;

export function ImportDraftsPanel({ sittingId, disabled, onImported }: { sittingId: string; disabled: boolean; onImported: (message: string) => void }) {
  const t = useTranslations("clerk.import");
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<{ name: string; base64: string; budgetYear?: string }[]>([]);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFiles([]);
    setPreview(null);
    if (input.current) input.current.value = "";
  };

  const choose = async (list: FileList | null) => {
    setError(null);
    setPreview(null);
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    if (chosen.length > MAX_FILES) return setError(t("tooMany", { max: MAX_FILES }));
    const big = chosen.find((f) => f.size > MAX_BYTES);
    if (big) return setError(t("tooBig", { name: big.name, max: MAX_BYTES / 1000 }));
    // The bytes, not file.text(): Word and Excel in France write Windows-1252, which the server detects.
    const read = await Promise.all(chosen.map(async (f) => ({ name: f.name, base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) })));
    await check(read);
  };

  const check = async (next: typeof files) => {
    setFiles(next);
    setBusy(true);
    const r = await api<ImportOutcome>("POST", `/api/clerk/sittings/${sittingId}/import`, { files: next, dryRun: true });
    setBusy(false);
    if (r.ok) setPreview(r.data);
    else setError(errorText(r.error));
  };

  /** The year the clerk gives for a draft that names a budget: the preview is checked again with it. */
  const giveBudgetYear = (name: string, year: string) => {
    // Leaving the field (to click "Importer") must not check again what was just checked.
    if (!/^\d{4}(\/\d{4})?$/.test(year) || files.find((f) => f.name === name)?.budgetYear === year) return;
    void check(files.map((f) => (f.name === name ? { ...f, budgetYear: year } : f)));
  };

  const commit = async () => {
    setBusy(true);
    const r = await api<ImportOutcome>("POST", `/api/clerk/sittings/${sittingId}/import`, { files, dryRun: false });
    setBusy(false);
    if (r.ok) {
      reset();
      onImported(t("done", { count: r.data.created.length }));
    } else {
      setError(errorText(r.error));
      if (r.data) setPreview(r.data);
    }
  };

  const blocked = preview?.files.filter((f) => !f.importable).length ?? 0;
  return (
    <section aria-labelledby="import-title" className="mt-6 rounded-lg border border-slate-300 p-4">
      <h4 id="import-title" className="text-lg font-semibold">
        {t("title")}
      </h4>
      <p className="mb-2 text-sm text-slate-700">{t("help", { max: MAX_FILES, size: MAX_BYTES / 1000 })}</p>
      <label className="block font-semibold">
        {t("choose")}
        <input
          ref={input}
          type="file"
          multiple
          accept=".md,.txt,text/markdown,text/plain"
          disabled={disabled || busy}
          onChange={(e) => void choose(e.currentTarget.files)}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-1 file:font-semibold"
        />
      </label>
      {busy ? (
        <p role="status" className="mt-2">
          {t("reading")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {error}
        </p>
      ) : null}
      {preview ? (
        <div className="mt-4 space-y-3">
          <p role="status" className="font-semibold">
            {blocked ? t("summaryBlocked", { count: preview.files.length, blocked }) : t("summaryReady", { count: preview.files.length })}
          </p>
          <PreviewTable files={preview.files} onBudgetYear={giveBudgetYear} />
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn btn-primary" disabled={busy || blocked > 0} onClick={() => void commit()}>
              {t("commit")}
            </button>
            <button type="button" className="btn btn-secondary" onClick={reset}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** What was understood of each file, and its problems. */
function PreviewTable({ files, onBudgetYear }: { files: DraftPreview[]; onBudgetYear: (name: string, year: string) => void }) {
  const t = useTranslations("clerk.import");
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid="import-preview">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400 text-left align-bottom">
            <th scope="col" className="p-2">
              {t("file")}
            </th>
            <th scope="col" className="p-2">
              {t("order")}
            </th>
            <th scope="col" className="p-2">
              {t("item")}
            </th>
            <th scope="col" className="p-2">
              {t("proposals")}
            </th>
            <th scope="col" className="p-2">
              {t("actesBudget")}
            </th>
            <th scope="col" className="p-2">
              {t("problems")}
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <PreviewRow key={f.name} file={f} onBudgetYear={(year) => onBudgetYear(f.name, year)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewRow({ file, onBudgetYear }: { file: DraftPreview; onBudgetYear: (year: string) => void }) {
  const t = useTranslations("clerk.import");
  const tf = useTranslations("clerk.records.files");
  const pick = useBilingual();
  const d = file.deliberation;
  const none = <span className="text-slate-600">{t("none")}</span>;
  return (
    <tr className="border-b border-slate-200 align-top">
      <th scope="row" className="max-w-40 p-2 text-left font-normal break-words">
        <span className="font-mono text-xs">{file.name}</span>
        <span className="block text-xs text-slate-700">{tf("encodingRead", { encoding: tf(`encodings.${file.encoding}`) })}</span>
        <span className={`mt-1 block font-semibold ${file.importable ? "text-pour" : "text-contre"}`}>{file.importable ? t("ready") : t("blocked")}</span>
      </th>
      <td className="p-2 font-mono">{file.order ?? "—"}</td>
      <td className="p-2">
        <dl className="grid grid-cols-[auto_1fr] gap-x-2">
          <dt className="text-slate-700">{t("identifier")}</dt>
          <dd className="font-mono">{d.identifier ?? none}</dd>
          <dt className="text-slate-700">{t("titleField")}</dt>
          <dd className="font-semibold">{d.title ?? none}</dd>
          <dt className="text-slate-700">{t("rapporteurs")}</dt>
          <dd>{d.rapporteurs.length ? d.rapporteurs.join(", ") : none}</dd>
          <dt className="text-slate-700">{t("commission")}</dt>
          <dd>{d.commission ?? none}</dd>
          <dt className="text-slate-700">{t("service")}</dt>
          <dd>{d.service ?? none}</dd>
          <dt className="text-slate-700">{t("expose")}</dt>
          <dd>{d.expose ? t("exposeLength", { count: d.expose.length }) : none}</dd>
        </dl>
      </td>
      <td className="p-2">
        {d.proposals.length ? (
          <ol className="ml-4 list-decimal space-y-1">
            {d.proposals.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        ) : (
          none
        )}
      </td>
      <td className="p-2">
        <p>
          <span className="font-mono">{d.actesCode ?? "—"}</span> {d.actesLabel ?? ""}
        </p>
        {d.budgetArticle || d.budgetName ? <p className="mt-1">{t("budgetLine", { article: d.budgetArticle ?? "—", name: d.budgetName ?? "—" })}</p> : null}
        {d.amounts.length ? <p className="mt-1">{d.amounts.map((a) => `${a.toLocaleString("fr-FR")} €`).join(" ; ")}</p> : null}
        {d.budgetName !== null ? (
          <label className="mt-2 block font-semibold">
            {tf("budgetYear", { name: d.budgetName })}
            <input
              defaultValue={file.budgetYear ?? ""}
              inputMode="numeric"
              pattern="\d{4}(/\d{4})?"
              placeholder="2022"
              onBlur={(e) => onBudgetYear(e.currentTarget.value.trim())}
              onKeyDown={(e) => (e.key === "Enter" ? onBudgetYear(e.currentTarget.value.trim()) : undefined)}
              className="mt-1 w-28 rounded-md border border-slate-400 px-2 py-1 font-mono font-normal"
            />
          </label>
        ) : null}
      </td>
      <td className="p-2">
        <ProblemList problems={file.problems} pick={pick} />
      </td>
    </tr>
  );
}
