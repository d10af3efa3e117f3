// Open-data export of adopted deliberations in the SCDL "Délibérations" v2.1.5 format (OpenDataFrance,
// schema.data.gouv.fr): the column list, a row check against the schema, and the CSV text itself.

import { z } from "zod";
import { ACTES_MATTERS, isActesMatterCode } from "./actes";
import { isIsoDate } from "./dates";

/** The columns, in the order the schema lists them (records-formats.md §3). */
export const SCDL_COLUMNS = [
  "COLL_NOM",
  "COLL_SIRET",
  "DELIB_ID",
  "DELIB_DATE",
  "DELIB_MATIERE_CODE",
  "DELIB_MATIERE_NOM",
  "DELIB_OBJET",
  "BUDGET_ANNEE",
  "BUDGET_NOM",
  "PREF_ID",
  "PREF_DATE",
  "VOTE_EFFECTIF",
  "VOTE_REEL",
  "VOTE_POUR",
  "VOTE_CONTRE",
  "VOTE_ABSTENTION",
  "DELIB_URL",
] as const;

export type ScdlColumn = (typeof SCDL_COLUMNS)[number];

/** One deliberation. Optional values may be left out, null or "" — all three are written as "". */
export interface ScdlRow {
  COLL_NOM: string;
  /** SIREN (9) + NIC (5), 14 digits. */
  COLL_SIRET: string;
  DELIB_ID: string;
  /** Date adopted, YYYY-MM-DD. */
  DELIB_DATE: string;
  /** ACTES level-2 code, e.g. "9.1". */
  DELIB_MATIERE_CODE: string;
  /** e.g. "autres domaines de compétences/autres domaines de compétences des communes"; see {@link scdlMatiereNom}. */
  DELIB_MATIERE_NOM: string;
  DELIB_OBJET: string;
  /** "2022" or "2022/2023". */
  BUDGET_ANNEE?: string | null;
  BUDGET_NOM?: string | null;
  /** "PREF086", "SPREF0861", "SGAR086". */
  PREF_ID?: string | null;
  /** Date registered by the préfecture, YYYY-MM-DD. */
  PREF_DATE?: string | null;
  VOTE_EFFECTIF?: number | null;
  VOTE_REEL?: number | null;
  VOTE_POUR?: number | null;
  VOTE_CONTRE?: number | null;
  VOTE_ABSTENTION?: number | null;
  DELIB_URL?: string | null;
}

const requiredText = z
  .string({
    error: (issue) => (issue.input === undefined ? "required" : "must be text"),
  })
  .refine((value) => value.trim() !== "", { message: "required" });

const requiredMatching = (test: (value: string) => boolean, message: string) =>
  requiredText.refine((value) => value.trim() === "" || test(value), {
    message,
  });

// SCDL writes a missing optional value as "", so "" is accepted wherever a value is optional.
const optionalMatching = (test: (value: string) => boolean, message: string) =>
  z
    .string({ error: "must be text" })
    .refine((value) => value === "" || test(value), { message })
    .nullish();

const optionalCount = z
  .number({ error: "must be a whole number" })
  .int({ error: "must be a whole number" })
  .nonnegative({ error: "must not be negative" })
  .nullish();

const isHttpUrl = (value: string): boolean => z.url({ protocol: /^https?$/ }).safeParse(value).success;

/**
 * The row schema. Beyond the published patterns it also rejects unknown ACTES codes (the schema
 * enumerates 1.1 … 9.4), PREF_ID outside the three forms the schema describes, and a DELIB_URL that is
 * not http(s): the column is "a link to the published act", and other URI schemes (javascript:, file:)
 * are a hazard for whoever renders the open data as links.
 */
export const ScdlRowSchema = z.strictObject({
  COLL_NOM: requiredText,
  COLL_SIRET: requiredMatching((v) => /^\d{14}$/.test(v), "must be 14 digits (SIREN + NIC)"),
  DELIB_ID: requiredText,
  DELIB_DATE: requiredMatching(isIsoDate, "must be a date YYYY-MM-DD"),
  DELIB_MATIERE_CODE: requiredMatching((v) => /^\d\.\d{1,2}$/.test(v), "must be an ACTES level-2 code such as 9.1").refine(
    (v) => !/^\d\.\d{1,2}$/.test(v) || isActesMatterCode(v),
    {
      message: "is not in the ACTES nomenclature",
    },
  ),
  DELIB_MATIERE_NOM: requiredText,
  DELIB_OBJET: requiredText,
  BUDGET_ANNEE: optionalMatching((v) => /^[0-9]{4}(\/[0-9]{4})?$/.test(v), "must be a year YYYY or a range YYYY/YYYY"),
  BUDGET_NOM: z.string({ error: "must be text" }).nullish(),
  PREF_ID: optionalMatching((v) => /^(?:PREF\d{2}[\dAB]|SPREF\d{2}[\dAB]\d|SGAR\d{2}[\dAB])$/.test(v), "must be PREFNNN, SPREFNNNM or SGARNNN"),
  PREF_DATE: optionalMatching(isIsoDate, "must be a date YYYY-MM-DD"),
  VOTE_EFFECTIF: optionalCount,
  VOTE_REEL: optionalCount,
  VOTE_POUR: optionalCount,
  VOTE_CONTRE: optionalCount,
  VOTE_ABSTENTION: optionalCount,
  DELIB_URL: optionalMatching(isHttpUrl, "must be an http(s) URL"),
});

/**
 * Checks one row against the schema and returns its problems as "COLUMN: message" (an empty array
 * means the row is valid). Takes `unknown` because rows are often assembled from forms or files.
 */
export function validateScdlRow(row: unknown): string[] {
  const result = ScdlRowSchema.safeParse(row);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown column: ${issue.keys.join(", ")}`;
    const column = issue.path.map(String).join(".");
    return column === "" ? issue.message : `${column}: ${issue.message}`;
  });
}

/**
 * DELIB_MATIERE_NOM for an ACTES level-2 code: level-1 label "/" level-2 label, in lower case with
 * accents kept and without commas or parentheses, as the schema asks. Null when the code is not a
 * known level-2 code — the caller decides whether to fall back on its own thesaurus.
 */
export function scdlMatiereNom(code: string): string | null {
  const key = code.trim();
  if (!/^\d\.\d{1,2}$/.test(key) || !isActesMatterCode(key)) return null;
  const level1 = key.split(".")[0] ?? "";
  if (!isActesMatterCode(level1)) return null;
  const clean = (label: string) => label.toLowerCase().replace(/[,()]/g, " ").replace(/\s+/g, " ").trim();
  return `${clean(ACTES_MATTERS[level1])}/${clean(ACTES_MATTERS[key])}`;
}

function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : value;
}

/**
 * RFC 4180 quoting: a field is quoted when it holds a comma, a quote or a line break, and quotes
 * inside are doubled. Fields with leading or trailing spaces are quoted too, because several
 * spreadsheet imports trim unquoted fields.
 */
function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || /^\s|\s$/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * The SCDL CSV: UTF-8 text (no byte-order mark), comma-separated, a header row with
 * {@link SCDL_COLUMNS}, one row per deliberation, missing optional values as empty strings. Records
 * end with LF, including the last one: RFC 4180 names CRLF, but LF is what open-data portals and
 * validators produce and accept, and it keeps the file diff-friendly; line breaks inside a quoted
 * value are written unchanged. Rows are written as given — run {@link validateScdlRow} first.
 */
export function toScdlCsv(rows: readonly ScdlRow[]): string {
  const lines = [SCDL_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(SCDL_COLUMNS.map((column) => csvField(cellText(row[column]))).join(","));
  }
  return `${lines.join("\n")}\n`;
}
