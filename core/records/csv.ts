// Reading and writing the small delimiter-separated files a clerk exchanges with a spreadsheet (the
// roster). RFC 4180 quoting, either ";" (what Excel writes in a French locale) or "," (elsewhere),
// with or without a byte-order mark, CRLF or LF. Pure: no I/O.
//
// Written here rather than taken from a library: the format is ours (we write it, we read it back),
// the whole of RFC 4180 fits in a screen, and every edge case below is covered by tests/clerk/csv.test.ts.

export type CsvDelimiter = ";" | ",";

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (a quoted value may span lines). */
  line: number;
  cells: string[];
}

export interface CsvParse {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  /** Structural problems (an unclosed quote), with their line. */
  errors: { line: number; message: string }[];
}

/**
 * The delimiter of the header line: the one of ";" and "," that occurs more often outside quotes.
 * Semicolon wins a tie, as the format we export uses it.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semicolons += 1;
    else if (!quoted && ch === ",") commas += 1;
  }
  return commas > semicolons ? "," : ";";
}

/** Leading characters a spreadsheet would run as a formula (CSV injection); see {@link csvCell}. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Splits the text into records. Blank lines are skipped (a spreadsheet often leaves some at the end),
 * cells are not trimmed (the caller decides), and a quote-protected formula cell written by
 * {@link toCsv} ("'=…") reads back as written before protection.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input.replace(/^\uFEFF/, ""))): CsvParse {
  const text = input.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  const errors: { line: number; message: string }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;

  const endCell = () => {
    cells.push(unprotect(cell));
    cell = "";
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) errors.push({ line: recordLine, message: "a quoted value is never closed" });
  endRecord();
  return { delimiter, records, errors };
}

function unprotect(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** A value a spreadsheet would run as a formula, made inert with a leading apostrophe (shown as text). */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One cell as written: quoted when it holds the delimiter, a quote, a line break or edge spaces;
 * a value a spreadsheet would run as a formula ("=HYPERLINK(…)") gets a leading apostrophe, which
 * spreadsheets show as text and {@link parseCsv} removes again.
 */
export function csvCell(value: string, delimiter: CsvDelimiter): string {
  const safe = neutraliseFormula(value);
  if (safe.includes(delimiter) || /["\r\n]/.test(safe) || /^\s|\s$/.test(safe)) return `"${safe.replace(/"/g, '""')}"`;
  return safe;
}

/** CRLF line ends (RFC 4180, and what Excel expects); `bom` for Excel to read the file as UTF-8. */
export function toCsv(rows: readonly (readonly string[])[], opts: { delimiter: CsvDelimiter; bom: boolean }): string {
  const body = rows.map((row) => row.map((value) => csvCell(value, opts.delimiter)).join(opts.delimiter)).join("\r\n");
  return `${opts.bom ? "\uFEFF" : ""}${body}\r\n`;
}
