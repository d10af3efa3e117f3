// Open-data export of adopted deliberations in the SCDL "Délibérations" v2.1.5 format (OpenDataFrance,
// schema.data.gouv.fr): the column list, a row check against the schema, and the CSV text itself.

import { z } from "zod";
import { ACTES_MATTERS, isActesMatterCode, isValidSiret } from "./actes";
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
 * Checks one row against the schema — field rules, then the schema's custom checks (see
 * {@link scdlCustomChecks}) — and returns its problems as "COLUMN: message" (an empty array means the
 * row is valid). Takes `unknown` because rows are often assembled from forms or files.
 */
export function validateScdlRow(row: unknown): string[] {
  const result = ScdlRowSchema.safeParse(row);
  if (result.success) return scdlCustomChecks(result.data);
  return result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown column: ${issue.keys.join(", ")}`;
    const column = issue.path.map(String).join(".");
    return column === "" ? issue.message : `${column}: ${issue.message}`;
  });
}

/** Lower case, no accents, single spaces: how Validata compares nomenclature labels. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

const LEVEL1_LABELS = new Map(
  Object.entries(ACTES_MATTERS)
    .filter(([code]) => !code.includes("."))
    .map(([code, label]) => [fold(label), code]),
);

const filled = (v: string | number | null | undefined): v is string | number => v !== null && v !== undefined && v !== "";

/**
 * The custom checks of SCDL Délibérations 2.1.5 as Validata runs them, on a row whose fields are
 * valid: `french-siret-value` (COLL_SIRET), `nomenclature-actes-value` (DELIB_MATIERE_NOM starts with
 * an ACTES level-1 label and "/", no space around it) and its agreement with DELIB_MATIERE_CODE,
 * `cohesive-columns-value` (BUDGET_ANNEE and BUDGET_NOM both given or both empty),
 * `year-interval-value` (BUDGET_ANNEE "YYYY/YYYY" goes forward), `compare-columns-value`
 * (PREF_DATE ≥ DELIB_DATE; VOTE_REEL ≤ VOTE_EFFECTIF) and `sum-columns-value`
 * (VOTE_REEL = VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION). Comparisons skip empty cells, as Validata does.
 */
export function scdlCustomChecks(row: ScdlRow): string[] {
  const problems: string[] = [];
  if (!isValidSiret(row.COLL_SIRET)) problems.push("COLL_SIRET: is not a valid SIRET (Luhn checksum)");
  const nom = row.DELIB_MATIERE_NOM;
  const slash = nom.indexOf("/");
  if (slash < 0) problems.push("DELIB_MATIERE_NOM: the oblique « / » between the ACTES level-1 and level-2 labels is missing");
  else if (/\s\/|\/\s/.test(nom)) problems.push("DELIB_MATIERE_NOM: no space before or after the oblique « / »");
  else {
    const level1 = LEVEL1_LABELS.get(fold(nom.slice(0, slash)));
    if (!level1) problems.push(`DELIB_MATIERE_NOM: "${nom.slice(0, slash)}" is not an ACTES level-1 matter`);
    else if (row.DELIB_MATIERE_CODE.split(".")[0] !== level1)
      problems.push(`DELIB_MATIERE_CODE: ${row.DELIB_MATIERE_CODE} is not in the matter "${nom.slice(0, slash)}" (${level1}) that DELIB_MATIERE_NOM names`);
  }
  if (filled(row.BUDGET_NOM) !== filled(row.BUDGET_ANNEE))
    problems.push(filled(row.BUDGET_NOM) ? "BUDGET_ANNEE: required when BUDGET_NOM is given" : "BUDGET_NOM: required when BUDGET_ANNEE is given");
  const years = /^(\d{4})\/(\d{4})$/.exec(row.BUDGET_ANNEE ?? "");
  if (years && Number(years[2]) <= Number(years[1])) problems.push("BUDGET_ANNEE: the second year of an interval must come after the first");
  if (filled(row.PREF_DATE) && row.PREF_DATE < row.DELIB_DATE) problems.push("PREF_DATE: must not be before DELIB_DATE");
  const votes = [row.VOTE_POUR, row.VOTE_CONTRE, row.VOTE_ABSTENTION];
  if (filled(row.VOTE_REEL) && votes.every(filled)) {
    const sum = votes.reduce<number>((a, v) => a + Number(v), 0);
    if (sum !== row.VOTE_REEL) problems.push(`VOTE_REEL: must equal VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (${sum})`);
  }
  if (filled(row.VOTE_REEL) && filled(row.VOTE_EFFECTIF) && row.VOTE_REEL > row.VOTE_EFFECTIF) problems.push("VOTE_REEL: must not exceed VOTE_EFFECTIF");
  return problems;
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
