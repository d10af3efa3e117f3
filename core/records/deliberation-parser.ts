// Reads a clerk's draft deliberation ("projet de délibération", exported as Markdown-ish text, see
// shared/seed/deliberation-2022-0245.md) into the fields of an agenda item, and lists every field it
// could not read instead of guessing a value.

import { parseActesId } from "./actes";
import { parseFrenchDate, parseFrenchTime } from "./dates";

/** One thing the parser could not read. `blocking` issues make the file unfit for import. */
export interface ParseIssue {
  /** The ParsedDeliberation key concerned, or "input" for the file as a whole. */
  field: string;
  message: string;
  blocking: boolean;
}

export interface ParsedDeliberation {
  /** YYYY-MM-DD, from "Conseil Municipal du". Required. */
  sittingDate: string | null;
  /** "HH:MM", from the "à 18h00" line (or "… du 3 octobre 2022 à 18h00"). */
  sittingTime: string | null;
  /** "N°ordre": the item's number within the sitting. Required. */
  order: number | null;
  /** "N° identifiant", as written, e.g. "2022-0245". Required. */
  identifier: string | null;
  /** "Titre". Required. */
  title: string | null;
  /** Names as written, split on commas, semicolons, " et " and line breaks. */
  rapporteurs: string[];
  /** YYYY-MM-DD. */
  convocationDate: string | null;
  president: string | null;
  /** Split like rapporteurs. */
  secretaries: string[];
  /** "PJ.": one entry per line or per ";" (not per comma: a document title may hold commas). */
  attachments: string[];
  /** "Projet de délibération étudié par". */
  commission: string | null;
  /** "Service référent". */
  service: string | null;
  /**
   * The report, Markdown: paragraphs separated by one blank line, lists and their indentation kept,
   * bold markers removed, other Markdown (including backslash escapes) left as written.
   */
  expose: string | null;
  /** The items after "Après examen de ce dossier, il vous est proposé :", as plain text. */
  proposals: string[];
  /**
   * Euro amounts written in the proposals ("2 500 €", "1 200,50 euros"), each distinct amount once, in
   * order of first appearance: a total repeated in the imputation line is not a second expense.
   */
  amounts: number[];
  /** The first "article NNNN" of the proposals (budget nature account). */
  budgetArticle: string | null;
  /** The budget named in the proposals ("du budget Principal" → "Principal"). */
  budgetName: string | null;
  /** "Nomenclature Préfecture" code, e.g. "9.1". */
  actesCode: string | null;
  /** "Nomenclature Préfecture" label, as written. */
  actesLabel: string | null;
  /** Plain-English messages, one per issue (same order as `issues`). */
  problems: string[];

  /** "Membres en exercice". */
  membersInOffice: number | null;
  quorum: number | null;
  /** "Présents", "Absents", "Mandats" counts (zeros in a draft: nothing has happened yet). */
  presentCount: number | null;
  absentCount: number | null;
  proxyCount: number | null;
  observations: string | null;
  /** Vote block counts: "POUR", "CONTRE", "Abstention", "Ne prend pas part au vote". */
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  notVoting: number | null;
  /** "RESULTAT DU VOTE", as written. */
  voteResult: string | null;
  /** "Affichée le", YYYY-MM-DD. */
  postedOn: string | null;
  /**
   * Legacy "Date de publication au Recueil des Actes Administratifs" (the RAA no longer exists since
   * 1 July 2022; kept so older files import), YYYY-MM-DD.
   */
  publishedOn: string | null;
  /** "Date de réception en préfecture", YYYY-MM-DD. */
  prefectureReceivedOn: string | null;
  /** "Identifiant de télétransmission", as written. */
  teletransmissionId: string | null;
  /** The same problems with the field they concern and whether they block an import. */
  issues: ParseIssue[];
}

export interface DeliberationFileResult {
  name: string;
  /** False when a blocking issue was found: the file must not be imported as it is. */
  ok: boolean;
  deliberation: ParsedDeliberation;
}

type Kind =
  | "date"
  | "time"
  | "count"
  | "order"
  | "identifier"
  | "text"
  | "multiline"
  | "names"
  | "attachments"
  | "sitting"
  | "proxies"
  | "vote"
  | "teletransmission"
  | "nomenclature";

interface FieldDef {
  /** Key in the collected values; usually the ParsedDeliberation key. */
  key: string;
  /** The label as the layout prints it, used in messages. */
  label: string;
  pattern: RegExp;
  kind: Kind;
  /** Whether following non-blank lines belong to the value (lists of names, wrapped text). */
  continues: boolean;
}

const def = (key: string, label: string, pattern: string, kind: Kind, continues = false): FieldDef => ({
  key,
  label,
  // The lookahead stops "Présents" from matching "Présentation", "PJ." from "PJ.x" and so on.
  pattern: new RegExp(`^(?:${pattern})(?=$|[\\s:])`, "iu"),
  kind,
  continues,
});

const NUMERO = String.raw`(?:n\s*[°º]|no\.?|num[ée]ro)\s*(?:d['’]\s*)?`;

const HEADER_FIELDS: readonly FieldDef[] = [
  def("sittingDate", "Conseil Municipal du", String.raw`s[ée]ance\s+du\s+conseil\s+municipal\s+du|conseil\s+municipal\s+du|s[ée]ance\s+du`, "sitting"),
  def("sittingTime", "à", "à", "time"),
  def("order", "N°ordre", `${NUMERO}ordre`, "order"),
  def("identifier", "N° identifiant", `${NUMERO}identifiant`, "identifier"),
  def("title", "Titre", "titre|objet", "text", true),
  def("rapporteurs", "Rapporteur(s)", String.raw`rapporteurs?(?:\s*\(s\))?`, "names", true),
  def("convocationDate", "Date de la convocation", String.raw`date\s+de\s+(?:la\s+)?convocation`, "date"),
  def("president", "Président de séance", String.raw`pr[ée]sidente?(?:\s*\(e\))?\s+de\s+(?:la\s+)?s[ée]ance`, "text", true),
  def("secretaries", "Secrétaire(s) de séance", String.raw`secr[ée]taires?(?:\s*\(s\))?\s+de\s+(?:la\s+)?s[ée]ance`, "names", true),
  def("attachments", "PJ.", String.raw`pj\.?|pi[èe]ces?\s+jointes?`, "attachments", true),
  def("membersInOffice", "Membres en exercice", String.raw`(?:nombre\s+de\s+)?membres\s+en\s+exercice`, "count"),
  def("quorum", "Quorum", "quorum", "count"),
  // Names may follow the counts in a filled-in register, hence `continues`.
  def("presentCount", "Présents", String.raw`pr[ée]sents?`, "count", true),
  def("absentCount", "Absents", String.raw`absents?(?:\s+excus[ée]s)?`, "count", true),
  def("proxyCount", "Mandats", "mandats", "proxies", true),
  def("observations", "Observations", "observations?", "multiline", true),
  def("commission", "Projet de délibération étudié par", String.raw`projet\s+de\s+d[ée]lib[ée]ration\s+[ée]tudi[ée]\s+par`, "text", true),
  def("service", "Service référent", String.raw`service\s+r[ée]f[ée]rent`, "text", true),
];

const FOOTER_FIELDS: readonly FieldDef[] = [
  def("votesFor", "POUR", "pour", "vote"),
  def("votesAgainst", "CONTRE", "contre", "vote"),
  def("abstentions", "Abstention", "abstentions?", "vote"),
  def("notVoting", "Ne prend pas part au vote", String.raw`ne\s+prend\s+pas\s+part\s+au\s+vote`, "vote"),
  def("voteResult", "RESULTAT DU VOTE", String.raw`r[ée]sultat\s+du\s+vote`, "text"),
  def("postedOn", "Affichée le", String.raw`affich[ée]e?\s+le`, "date"),
  def(
    "publishedOn",
    "Date de publication au Recueil des Actes Administratifs",
    String.raw`date\s+de\s+publication(?:\s+au\s+(?:recueil\s+des\s+actes\s+administratifs|raa))?`,
    "date",
  ),
  def("prefectureReceivedOn", "Date de réception en préfecture", String.raw`date\s+de\s+r[ée]ception\s+en\s+pr[ée]fecture`, "date"),
  def("teletransmissionId", "Identifiant de télétransmission", String.raw`identifiant\s+de\s+t[ée]l[ée]transmission`, "teletransmission"),
  def("nomenclature", "Nomenclature Préfecture", String.raw`nomenclature(?:\s+pr[ée]fecture)?`, "nomenclature"),
];

const REQUIRED: ReadonlyArray<{
  key: "sittingDate" | "order" | "identifier" | "title";
  label: string;
}> = [
  { key: "sittingDate", label: "Conseil Municipal du" },
  { key: "order", label: "N°ordre" },
  { key: "identifier", label: "N° identifiant" },
  { key: "title", label: "Titre" },
];

const PROPOSALS_INTRO = /^apr[èe]s\s+examen\s+de\s+ce\s+dossier\b/iu;

interface Line {
  /** The line as written, NBSPs turned into spaces. */
  raw: string;
  /** Bold markers and backslash escapes removed, tabs and runs of spaces turned into one space. */
  clean: string;
  /** Like `clean`, cell by cell: the export separates label and value columns with tabs. */
  cells: string[];
  blank: boolean;
  /** A Markdown table rule ("------\t---"), which carries nothing. */
  separator: boolean;
}

interface Collected {
  def: FieldDef;
  /** First line's value, then one entry per continuation line. */
  values: string[];
  /** For vote lines: the count, which may sit in a tab-separated cell of its own. */
  count: string | null;
}

/** Removes unescaped bold markers; "\*\*" stays (as "**" once unescaped). */
function stripBold(text: string): string {
  return text.replace(/(?<!\\)\*\*/g, "");
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|~<>"'])/g, "$1");
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cleanInline(text: string): string {
  return collapse(unescapeMarkdown(stripBold(text)));
}

function toLine(raw: string): Line {
  const clean = cleanInline(raw);
  return {
    raw,
    clean,
    cells: stripBold(raw)
      .split("\t")
      .map((cell) => collapse(unescapeMarkdown(cell))),
    blank: clean === "",
    separator: /^[\s|:+=-]*$/.test(raw) && /-{3,}|={3,}/.test(raw),
  };
}

function matchField(defs: readonly FieldDef[], line: Line): { def: FieldDef; rest: string; count: string | null } | null {
  if (line.blank || line.separator) return null;
  for (const field of defs) {
    const m = field.pattern.exec(line.clean);
    if (!m) continue;
    const rest = line.clean.slice(m[0].length).replace(/^\s*:?\s*/, "");
    // "À cette fin, …" opening a report is not the sitting time.
    if (field.kind === "time" && !/^(?:\d|$)/.test(rest)) continue;
    if (field.kind !== "vote") return { def: field, rest, count: null };
    const count = voteCount(field, line, rest);
    if (count !== null) return { def: field, rest, count };
  }
  return null;
}

const VOTE_COUNT = /^\d+(?:\s*voix)?$/iu;

/**
 * The count text of a vote line, or null when the line is not one: "Pour 2022, la Ville…" in a
 * report must not be taken for the vote block, so a vote label counts only when it fills its own
 * cell ("POUR\t0\t\tLa Maire,": the count is the next cell) or is followed by a bare number.
 */
function voteCount(field: FieldDef, line: Line, rest: string): string | null {
  const firstCell = line.cells[0] ?? "";
  const m = field.pattern.exec(firstCell);
  if (m && line.cells.length > 1) {
    const inFirst = firstCell.slice(m[0].length).replace(/^\s*:?\s*/, "");
    if (inFirst === "") return line.cells[1] ?? "";
    return VOTE_COUNT.test(inFirst) ? inFirst : null;
  }
  return rest === "" || VOTE_COUNT.test(rest) ? rest : null;
}

class IssueList {
  readonly items: ParseIssue[] = [];
  add(field: string, message: string, blocking: boolean): void {
    this.items.push({ field, message, blocking });
  }
}

interface ScanResult {
  collected: Map<string, Collected[]>;
  /** Index of the first line not consumed. */
  end: number;
  strays: string[];
  labels: number;
}

/**
 * Reads "Label value" lines in [from, to). A value may go on over the next lines (no blank line in
 * between) when the field allows it. With `stopAtStray`, the first unrecognised line after a label
 * ends the scan: that is where the report begins when the file has no commission/service lines.
 */
function scanFields(lines: readonly Line[], defs: readonly FieldDef[], from: number, to: number, stopAtStray: boolean): ScanResult {
  const collected = new Map<string, Collected[]>();
  const strays: string[] = [];
  let current: Collected | null = null;
  let labels = 0;
  for (let i = from; i < to; i += 1) {
    const line = lines[i];
    if (line === undefined) break;
    if (line.blank || line.separator) {
      current = null;
      continue;
    }
    const hit = matchField(defs, line);
    if (hit) {
      labels += 1;
      const entry: Collected = {
        def: hit.def,
        values: [hit.rest],
        count: hit.count,
      };
      const list = collected.get(hit.def.key) ?? [];
      list.push(entry);
      collected.set(hit.def.key, list);
      current = hit.def.continues ? entry : null;
      continue;
    }
    if (current) {
      current.values.push(line.clean);
      continue;
    }
    if (stopAtStray && labels > 0) return { collected, end: i, strays, labels };
    strays.push(line.clean);
  }
  return { collected, end: to, strays, labels };
}

function isBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const odd = text.match(/[\u0001-\u0008\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  // A few stray control characters happen in exported text; a tenth of them does not.
  return text.length > 0 && odd / text.length > 0.1;
}

function emptyResult(): ParsedDeliberation {
  return {
    sittingDate: null,
    sittingTime: null,
    order: null,
    identifier: null,
    title: null,
    rapporteurs: [],
    convocationDate: null,
    president: null,
    secretaries: [],
    attachments: [],
    commission: null,
    service: null,
    expose: null,
    proposals: [],
    amounts: [],
    budgetArticle: null,
    budgetName: null,
    actesCode: null,
    actesLabel: null,
    problems: [],
    membersInOffice: null,
    quorum: null,
    presentCount: null,
    absentCount: null,
    proxyCount: null,
    observations: null,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    notVoting: null,
    voteResult: null,
    postedOn: null,
    publishedOn: null,
    prefectureReceivedOn: null,
    teletransmissionId: null,
    issues: [],
  };
}

function splitNames(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(/\s*[,;]\s*|\s+et\s+/u))
    .map((name) => name.replace(/^(?:[-*+•]|\d+[.)])\s+/u, "").trim())
    .filter((name) => name !== "");
}

function splitAttachments(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(/\s*;\s*/u))
    .map((item) => item.replace(/^(?:[-*+•]|\d+[.)])\s+/u, "").trim())
    .filter((item) => item !== "");
}

const joinText = (values: readonly string[]): string | null => collapse(values.join(" ")) || null;

/** Fills the result from the collected header and footer values, reporting what cannot be read. */
function applyFields(result: ParsedDeliberation, collected: Map<string, Collected[]>, issues: IssueList): void {
  const required = new Set<string>(REQUIRED.map((r) => r.key));
  for (const [key, entries] of collected) {
    const first = entries[0];
    if (!first) continue;
    const { def: field } = first;
    const blocking = required.has(key);
    // "Nomenclature Préfecture" is printed twice by design: once with the code, once with the label.
    if (entries.length > 1 && field.kind !== "nomenclature") {
      issues.add(key, `field ${field.label} appears ${entries.length} times; the first one was kept`, false);
    }
    const value = collapse(first.values[0] ?? "");
    const unreadable = (what: string, shown = value) => issues.add(key, `unreadable ${what} in ${field.label}: "${shown}"`, blocking);

    switch (field.kind) {
      case "sitting": {
        // "3 octobre 2022" or, on one line, "3 octobre 2022 à 18h00".
        const m = /^(.*?)\s+à\s+(.+)$/u.exec(value);
        const datePart = m?.[1] ?? value;
        if (datePart !== "") {
          result.sittingDate = parseFrenchDate(datePart);
          if (result.sittingDate === null) unreadable("date", datePart);
        }
        if (m?.[2] !== undefined && !collected.has("sittingTime")) {
          result.sittingTime = parseFrenchTime(m[2]);
          if (result.sittingTime === null) issues.add("sittingTime", `unreadable time in ${field.label}: "${m[2]}"`, false);
        }
        break;
      }
      case "time": {
        if (value === "") break;
        result.sittingTime = parseFrenchTime(value);
        if (result.sittingTime === null) unreadable("time");
        break;
      }
      case "date": {
        if (value === "") break;
        const date = parseFrenchDate(value);
        if (date === null) unreadable("date");
        setDate(result, key, date);
        break;
      }
      case "order": {
        if (value === "") break;
        if (!/^\d+$/.test(value)) unreadable("number");
        else if (Number(value) < 1) issues.add(key, `${field.label} must be at least 1, not ${value}`, true);
        else result.order = Number(value);
        break;
      }
      case "count": {
        if (value === "") break;
        if (/^\d+$/.test(value)) setCount(result, key, Number(value));
        else unreadable("number");
        break;
      }
      case "proxies": {
        // "Mandats 0 Mandants _____ Mandataires _____": only the count is data in a draft.
        const m = /^(\d+)(?=\s|$)/.exec(value);
        if (m?.[1] !== undefined) result.proxyCount = Number(m[1]);
        else if (value !== "" && !/^mandants\b/iu.test(value)) unreadable("number");
        break;
      }
      case "vote": {
        const count = collapse(first.count ?? value);
        if (count === "") break;
        const m = /^(\d+)(?:\s*voix)?$/iu.exec(count);
        if (m?.[1] !== undefined) setCount(result, key, Number(m[1]));
        else unreadable("number", count);
        break;
      }
      case "identifier": {
        if (value === "") break;
        // As written, but one token: "2022 - 0245" or a sentence is not something to guess from.
        if (/^[\p{L}\p{N}][\p{L}\p{N}_\-/.]*$/u.test(value)) result.identifier = value;
        else unreadable("identifier");
        break;
      }
      case "teletransmission": {
        if (value === "") break;
        result.teletransmissionId = value;
        if (parseActesId(value) === null) {
          issues.add(key, `${field.label} "${value}" is not a valid ACTES identifier`, false);
        }
        break;
      }
      case "nomenclature": {
        for (const entry of entries) {
          const text = collapse(entry.values.join(" "));
          if (text === "") continue;
          const m = /^(\d(?:\.\d{1,2}){0,4})(?:\s+[-–:]?\s*(.*))?$/u.exec(text);
          if (m?.[1] !== undefined) {
            if (result.actesCode !== null) {
              issues.add("actesCode", `${field.label} gives more than one code; the first one was kept`, false);
            } else result.actesCode = m[1];
            if (m[2] && result.actesLabel === null) result.actesLabel = m[2];
          } else if (/^\d/.test(text)) {
            issues.add("actesCode", `unreadable ACTES code in ${field.label}: "${text}"`, false);
          } else if (result.actesLabel === null) result.actesLabel = text;
        }
        break;
      }
      case "names": {
        const names = splitNames(first.values);
        if (key === "rapporteurs") result.rapporteurs = names;
        else result.secretaries = names;
        break;
      }
      case "attachments":
        result.attachments = splitAttachments(first.values);
        break;
      case "multiline": {
        const text = first.values
          .map(collapse)
          .filter((v) => v !== "")
          .join("\n");
        result.observations = text === "" ? null : text;
        break;
      }
      case "text":
        setText(result, key, joinText(first.values));
        break;
    }
  }
}

function setDate(result: ParsedDeliberation, key: string, date: string | null): void {
  if (key === "convocationDate") result.convocationDate = date;
  else if (key === "postedOn") result.postedOn = date;
  else if (key === "publishedOn") result.publishedOn = date;
  else if (key === "prefectureReceivedOn") result.prefectureReceivedOn = date;
}

function setCount(result: ParsedDeliberation, key: string, n: number): void {
  if (key === "membersInOffice") result.membersInOffice = n;
  else if (key === "quorum") result.quorum = n;
  else if (key === "presentCount") result.presentCount = n;
  else if (key === "absentCount") result.absentCount = n;
  else if (key === "votesFor") result.votesFor = n;
  else if (key === "votesAgainst") result.votesAgainst = n;
  else if (key === "abstentions") result.abstentions = n;
  else if (key === "notVoting") result.notVoting = n;
}

function setText(result: ParsedDeliberation, key: string, text: string | null): void {
  if (key === "title") result.title = text;
  else if (key === "president") result.president = text;
  else if (key === "commission") result.commission = text;
  else if (key === "service") result.service = text;
  else if (key === "voteResult") result.voteResult = text;
}

/** The report as Markdown: bold removed, trailing spaces dropped, blank lines collapsed to one. */
function buildExpose(lines: readonly Line[]): string | null {
  const out: string[] = [];
  for (const line of lines) {
    const text = line.separator ? "" : stripBold(line.raw).replace(/\s+$/u, "");
    if (text === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(text);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.length > 0 ? out.join("\n") : null;
}

/**
 * One proposal per list item (or per paragraph when there is no list). A wrapped line joins its item;
 * an indented sub-list stays with its item on lines of its own.
 */
function buildProposals(introRest: string, lines: readonly Line[]): string[] {
  const items: string[][] = [];
  let open = false;
  if (introRest !== "") {
    items.push([introRest]);
    open = true;
  }
  for (const line of lines) {
    if (line.blank || line.separator) {
      open = false;
      continue;
    }
    const bullet = /^(\s*)(?:[-*+•]|\d{1,2}[.)])\s+(.*)$/u.exec(line.raw);
    const last = items[items.length - 1];
    if (bullet && (bullet[1] ?? "").length >= 2 && last) {
      last.push(`\n- ${cleanInline(bullet[2] ?? "")}`);
      open = true;
    } else if (bullet) {
      items.push([cleanInline(bullet[2] ?? "")]);
      open = true;
    } else if (open && last) {
      last.push(` ${line.clean}`);
    } else {
      items.push([line.clean]);
      open = true;
    }
  }
  return items.map((parts) => parts.join("").trim()).filter((item) => item !== "");
}

const AMOUNT = /(?<![\d.,])(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:€|euros?(?![\p{L}])|EUR(?![\p{L}]))/giu;

/** Distinct euro amounts in order of first appearance; see ParsedDeliberation.amounts. */
export function extractAmounts(text: string): number[] {
  const amounts: number[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const units = (m[1] ?? "").replace(/[ .]/g, "");
    const amount = Number(m[2] === undefined ? units : `${units}.${m[2].padEnd(2, "0")}`);
    if (Number.isFinite(amount) && !amounts.includes(amount)) amounts.push(amount);
  }
  return amounts;
}

// Words that follow "budget" without naming one ("budget primitif 2023", "budget de l'exercice").
const NOT_A_BUDGET_NAME = /^(?:primitif|suppl[ée]mentaire|rectificatif|additionnel|pr[ée]visionnel|de|des|du|d['’].*)$/iu;

function findBudget(text: string): {
  article: string | null;
  name: string | null;
} {
  const article = /\barticle\s+(?:n°\s*)?(\d{3,}[0-9A-Z]*)(?![\d-])/iu.exec(text)?.[1] ?? null;
  let name: string | null = null;
  for (const m of text.matchAll(/\b[Bb]udget\s+((?:annexe\s+)?[\p{L}][\p{L}'’ -]*?)\s*(?=[.,;:)]|\d|$)/gu)) {
    const candidate = collapse(m[1] ?? "");
    const firstWord = candidate.split(" ")[0] ?? "";
    if (candidate !== "" && !NOT_A_BUDGET_NAME.test(firstWord)) {
      name = candidate;
      break;
    }
  }
  return { article, name };
}

function findIndex(lines: readonly Line[], from: number, test: (line: Line) => boolean): number | null {
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i];
    if (line !== undefined && test(line)) return i;
  }
  return null;
}

/** Parses one draft deliberation. Never throws: whatever cannot be read is null/[] and listed in `problems`. */
export function parseDeliberation(text: string): ParsedDeliberation {
  const result = emptyResult();
  const issues = new IssueList();
  const normalised = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    // NBSP and narrow NBSP are how French typography spaces "N° 9" and "2 500 €".
    .replace(/[\u00A0\u202F\u2007]/g, " ");

  if (normalised.trim() === "") {
    issues.add("input", "the file is empty", true);
  } else if (isBinary(normalised)) {
    issues.add("input", "the file does not look like text (binary data or a wrong encoding)", true);
  } else {
    parseStructure(normalised, result, issues);
  }

  for (const { key, label } of REQUIRED) {
    if (result[key] === null && !issues.items.some((issue) => issue.field === key)) {
      issues.add(key, `missing field: ${label}`, true);
    }
  }
  result.issues = issues.items;
  result.problems = issues.items.map((issue) => issue.message);
  return result;
}

function parseStructure(text: string, result: ParsedDeliberation, issues: IssueList): void {
  const undecodable = text.match(/\uFFFD/g)?.length ?? 0;
  if (undecodable > 0) {
    issues.add("input", `the file holds ${undecodable} undecodable character(s); check that it is UTF-8`, false);
  }

  const lines = text.split("\n").map(toLine);
  const introIndex = findIndex(lines, 0, (line) => PROPOSALS_INTRO.test(line.clean));
  const bodyEnd = introIndex ?? lines.length;

  // The header ends with the commission/service lines when the file has them; otherwise at the first
  // line that is neither a label nor the continuation of one.
  let lastAnchor: number | null = null;
  for (let i = 0; i < bodyEnd; i += 1) {
    const line = lines[i];
    const hit = line === undefined ? null : matchField(HEADER_FIELDS, line);
    if (hit && (hit.def.key === "commission" || hit.def.key === "service")) lastAnchor = i;
  }
  const header = lastAnchor === null ? scanFields(lines, HEADER_FIELDS, 0, bodyEnd, true) : scanFields(lines, HEADER_FIELDS, 0, lastAnchor + 1, false);
  // The scan stops right after the last commission/service line, so that line takes no continuation:
  // the report may start directly under it.
  const exposeStart = lastAnchor === null ? header.end : lastAnchor + 1;

  const footerStart = findIndex(lines, introIndex === null ? exposeStart : introIndex + 1, (line) => matchField(FOOTER_FIELDS, line) !== null) ?? lines.length;
  const footer = scanFields(lines, FOOTER_FIELDS, footerStart, lines.length, false);

  if (header.labels === 0 && footer.labels === 0 && introIndex === null) {
    issues.add("input", "no deliberation structure found (none of the labels such as Conseil Municipal du, N°ordre, Titre)", true);
    return;
  }
  if (header.labels > 0 && header.strays.length > 0) {
    issues.add("input", `${header.strays.length} unrecognised line(s) in the header were ignored, the first: "${header.strays[0]}"`, false);
  }

  applyFields(result, header.collected, issues);
  applyFields(result, footer.collected, issues);

  const exposeEnd = introIndex ?? footerStart;
  // Without any header label there is no telling where a report would start: no exposé then.
  if (header.labels > 0 && exposeEnd > exposeStart) {
    result.expose = buildExpose(lines.slice(exposeStart, exposeEnd));
  }

  if (introIndex !== null) {
    const intro = lines[introIndex]?.clean ?? "";
    // A proposal may follow on the intro line itself: "… il vous est proposé : de …" or, without
    // the colon, "… il vous est proposé de …".
    const colon = intro.indexOf(":");
    const introRest = colon >= 0 ? intro.slice(colon + 1).trim() : (/propos[ée]e?s?\s+(.*)$/iu.exec(intro)?.[1] ?? "").trim();
    result.proposals = buildProposals(introRest, lines.slice(introIndex + 1, Math.max(footerStart, introIndex + 1)));
    const proposalsText = result.proposals.join("\n");
    result.amounts = extractAmounts(proposalsText);
    const budget = findBudget(proposalsText);
    result.budgetArticle = budget.article;
    result.budgetName = budget.name;
  }
}

/** True when no blocking issue was found, i.e. the file can become an agenda item. */
export function isImportable(deliberation: ParsedDeliberation): boolean {
  return deliberation.issues.every((issue) => !issue.blocking);
}

/**
 * Parses several files for one import and cross-checks them: an identifier used twice blocks the
 * later file (identifiers are unique per collectivité); the same order number twice for the same
 * sitting date is reported but does not block.
 */
export function parseDeliberationFiles(files: ReadonlyArray<{ name: string; text: string }>): DeliberationFileResult[] {
  const byIdentifier = new Map<string, string>();
  const byOrder = new Map<string, string>();
  return files.map(({ name, text }) => {
    const deliberation = parseDeliberation(text);
    const extra: ParseIssue[] = [];
    if (deliberation.identifier !== null) {
      const other = byIdentifier.get(deliberation.identifier);
      if (other !== undefined) {
        extra.push({
          field: "identifier",
          message: `identifier ${deliberation.identifier} is also used by ${other}`,
          blocking: true,
        });
      } else byIdentifier.set(deliberation.identifier, name);
    }
    if (deliberation.order !== null && deliberation.sittingDate !== null) {
      const key = `${deliberation.sittingDate}#${deliberation.order}`;
      const other = byOrder.get(key);
      if (other !== undefined) {
        extra.push({
          field: "order",
          message: `order ${deliberation.order} of the ${deliberation.sittingDate} sitting is also used by ${other}`,
          blocking: false,
        });
      } else byOrder.set(key, name);
    }
    if (extra.length > 0) {
      deliberation.issues = [...deliberation.issues, ...extra];
      deliberation.problems = deliberation.issues.map((issue) => issue.message);
    }
    return { name, ok: isImportable(deliberation), deliberation };
  });
}
