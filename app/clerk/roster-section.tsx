"use client";
// The council's members: the table (with a pairing code per councillor), the CSV export, and the
// CSV import with its preview — what would be created or updated, and every problem by line.
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { ROSTER_HEADERS_FR } from "@/core/api/clerk-roster";
import { bytesToBase64 } from "@/core/records/text-encoding";
import { fullName } from "@/core/vocabulary";
import { DataTable } from "../components/data-table";
import { api, useBilingual, useErrorText, useShortDate, type ClerkMember, type RosterImportOutcome } from "./clerk-api";
import type { Pairing } from "./pairing-sheet";

const HEADERS_FR: Record<string, string> = ROSTER_HEADERS_FR;
import { ProblemList } from "./problem-list";

export function RosterSection({
  members,
  issued,
  onIssue,
  onChanged,
}: {
  members: ClerkMember[];
  /** The last pairing code issued, announced here as the sheet is further down the page. */
  issued: Pairing | null;
  onIssue: (memberId: string) => void;
  onChanged: () => void;
}) {
  const t = useTranslations("clerk");
  const short = useShortDate();
  return (
    <section id="membres" aria-labelledby="roster-title" className="card p-5 print:hidden">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="roster-title" className="text-2xl font-semibold">
          {t("roster")} ({members.length})
        </h2>
        <a className="btn btn-secondary" href="/api/clerk/members.csv" download>
          {t("rosterCsv.export")}
        </a>
      </div>
      <p className="mb-3 text-sm text-slate-700">{t("rosterCsv.pairingHelp")}</p>
      <div aria-live="polite" className="sticky top-0 z-10">
        {issued ? (
          <p className="mb-3 rounded-md border-l-4 border-marianne bg-blue-50 px-3 py-2">
            {t("issued", { member: issued.member, code: issued.code })}{" "}
            <a href="#appairage" className="font-semibold underline">
              {t("seeSheet")}
            </a>
          </p>
        ) : null}
      </div>
      <RosterImport onSaved={onChanged} />
      <div className="mt-4">
        <DataTable
          caption={t("roster")}
          testId="roster"
          dense
          rows={members}
          rowKey={(m) => m.id}
          columns={[
            { key: "seat", header: t("members.seat"), cell: (m) => m.seat ?? "—", className: "font-mono" },
            { key: "name", header: t("members.name"), cell: (m) => fullName(m), rowHeader: true },
            { key: "role", header: t("members.role"), cell: (m) => t(`roles.${m.role}`) },
            { key: "group", header: t("members.group"), cell: (m) => m.group },
            {
              key: "mandate",
              header: t("members.mandate"),
              cell: (m) => `${short(m.mandateStart)} → ${m.mandateEnd ? short(m.mandateEnd) : t("members.ongoing")}`,
            },
            {
              key: "pair",
              header: <span className="sr-only">{t("pairing")}</span>,
              className: "text-right",
              cell: (m) => (
                <button
                  type="button"
                  className="btn btn-secondary px-2 py-1 text-xs"
                  onClick={() => onIssue(m.id)}
                  aria-label={`${t("issueCode")} — ${m.firstName} ${m.lastName}`}
                >
                  {t("issueCode")}
                </button>
              ),
            },
          ]}
        />
      </div>
    </section>
  );
}

/** The lines of the file that create or update a member, with the columns that change. */
function RosterChanges({ rows }: { rows: RosterImportOutcome["rows"] }) {
  const t = useTranslations("clerk.rosterCsv");
  const locale = useLocale();
  return (
    <DataTable
      caption={t("changesTitle")}
      captionVisible
      dense
      rows={rows.filter((r) => r.action !== "unchanged")}
      rowKey={(r) => r.line}
      columns={[
        { key: "line", header: t("line"), cell: (r) => r.line, className: "font-mono" },
        { key: "action", header: t("action"), cell: (r) => t(`actions.${r.action}`), className: "font-semibold" },
        { key: "member", header: t("member"), cell: (r) => fullName(r.member), rowHeader: true },
        // The columns as the French file names them ("groupe, début de mandat"), not the code's keys.
        { key: "changed", header: t("changed"), cell: (r) => r.changes.map((c) => (locale === "fr" ? (HEADERS_FR[c] ?? c) : c)).join(", ") },
      ]}
    />
  );
}

function RosterImport({ onSaved }: { onSaved: () => void }) {
  const t = useTranslations("clerk.rosterCsv");
  const tr = useTranslations("clerk.records.files");
  const pick = useBilingual();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  // The file's bytes (base64): the server reads them as UTF-8 or Windows-1252, as Excel writes them.
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<RosterImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reset = () => {
    setCsv(null);
    setPreview(null);
    if (input.current) input.current.value = "";
  };
  const choose = async (file: File | undefined) => {
    setError(null);
    setMessage(null);
    setPreview(null);
    if (!file) return;
    if (file.size > 1_000_000) return setError(t("tooBig"));
    const bytes = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    setCsv(bytes);
    const r = await api<RosterImportOutcome>("POST", "/api/clerk/members/import", { csvBase64: bytes, dryRun: true });
    if (r.ok) setPreview(r.data);
    else setError(errorText(r.error));
  };
  const commit = async () => {
    if (csv === null) return;
    const r = await api<RosterImportOutcome>("POST", "/api/clerk/members/import", { csvBase64: csv, dryRun: false });
    if (r.ok) {
      reset();
      setMessage(t("saved", { create: r.data.counts.create, update: r.data.counts.update }));
      onSaved();
    } else {
      setError(errorText(r.error));
      if (r.data) setPreview(r.data);
    }
  };

  const changes = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <div className="rounded-lg border border-slate-300 p-4">
      <label className="block font-semibold">
        {t("choose")}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-1 file:font-semibold"
        />
      </label>
      <p className="mt-1 text-sm text-slate-700">{t("help")}</p>
      <div aria-live="polite">{message ? <p className="mt-2 rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{message}</p> : null}</div>
      {error ? (
        <p role="alert" className="mt-2 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {error}
        </p>
      ) : null}
      {preview ? (
        <div className="mt-3 space-y-3" data-testid="roster-preview">
          <p role="status" className="font-semibold">
            {t("summary", { ...preview.counts, problems: preview.problems.length })}
          </p>
          <p className="text-sm text-slate-700" data-testid="roster-encoding">
            {tr("encodingRead", { encoding: tr(`encodings.${preview.encoding}`) })}
          </p>
          {preview.problems.length ? (
            <div>
              <h4 className="font-semibold">{t("problemsTitle")}</h4>
              <ProblemList problems={preview.problems} pick={pick} showLine />
            </div>
          ) : null}
          {changes ? <RosterChanges rows={preview.rows} /> : null}
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn btn-primary" disabled={preview.problems.length > 0 || changes === 0} onClick={() => void commit()}>
              {t("commit")}
            </button>
            <button type="button" className="btn btn-secondary" onClick={reset}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
