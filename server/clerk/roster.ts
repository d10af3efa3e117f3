// The council's roster as a spreadsheet: export to CSV, and import with a preview of the members
// created and updated and every problem by line. An import saves all its rows or none.
//
// Format: UTF-8 with a byte-order mark, ";"-separated, CRLF — what Excel in a French locale opens
// with a double click and writes back. The import also takes "," and no BOM, and dates as
// YYYY-MM-DD or DD/MM/YYYY (Excel rewrites dates in the French form when the file is saved).
// Members absent from an imported file are kept as they are: a member leaves by a mandate end date,
// never by deletion, because the sittings' logs name them.
import { randomUUID } from "node:crypto";
import { parseCsv, toCsv } from "../../core/records/csv";
import { parseFrenchDate } from "../../core/records/dates";
import type { Db } from "../db/client";
import { inTransaction } from "./agenda";
import { done, refuse, type ClerkResult } from "./clerk-result";
import { base64ToBytes, decodeText, type DecodedText } from "../../core/records/text-encoding";
import { fullName, MEMBER_ROLES, type MemberRole } from "../../core/vocabulary";
import {
  ROSTER_COLUMNS,
  ROSTER_HEADERS_FR,
  type ClerkMember,
  type FileProblem,
  type RosterImportOutcome,
  type RosterMember,
  type RosterColumn,
  type RosterRow,
} from "../../core/api/clerk-roster";

type Column = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["civility", "firstName", "lastName", "role", "mandateStart"];

type MemberRow = Awaited<ReturnType<Db["member"]["findMany"]>>[number];

export async function exportRosterCsv(db: Db, councilId: string): Promise<string> {
  const members = await db.member.findMany({ where: { councilId } });
  members.sort((a, b) => (a.seat ?? Infinity) - (b.seat ?? Infinity) || a.lastName.localeCompare(b.lastName, "fr"));
  const rows = members.map((m) =>
    [
      m.id,
      m.civility,
      m.firstName,
      m.lastName,
      m.role,
      String(m.rank),
      m.group ?? "",
      m.seat === null ? "" : String(m.seat),
      m.birthDate ?? "",
      m.mandateStart,
      m.mandateEnd ?? "",
      m.email ?? "",
      m.paperConvocation ? "oui" : "non",
    ].map(String),
  );
  return toCsv([ROSTER_COLUMNS.map((c) => ROSTER_HEADERS_FR[c]), ...rows], { delimiter: ";", bom: true });
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s'’-]+/g, " ")
    .trim();
const tidy = (s: string) => s.replace(/\s+/g, " ").trim();

function problem(line: number, field: string, fr: string, en: string): FileProblem {
  return { line, field, blocking: true, fr, en };
}

/** A column as the French file names it ("début de mandat"), capitalised to begin a sentence. */
const frLabel = (c: Column) => ROSTER_HEADERS_FR[c].charAt(0).toUpperCase() + ROSTER_HEADERS_FR[c].slice(1);

/** One CSV line read into a member, or its problems. */
function readRow(line: number, get: (c: Column) => string): { member: RosterMember | null; id: string; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const bad = (field: Column, fr: string, en: string) => problems.push(problem(line, field, fr, en));
  const civilityText = get("civility").replace(/\.$/, "").toLowerCase();
  const civility: RosterMember["civility"] | null = civilityText === "m" ? "M." : civilityText === "mme" ? "Mme" : null;
  if (!civility) bad("civility", `Civilité « ${get("civility")} » inconnue (M. ou Mme)`, `Unknown civility "${get("civility")}" (M. or Mme)`);
  const firstName = tidy(get("firstName"));
  const lastName = tidy(get("lastName"));
  if (!firstName) bad("firstName", "Prénom manquant", "Missing first name");
  if (!lastName) bad("lastName", "Nom manquant", "Missing last name");
  if (firstName.length > 100 || lastName.length > 100) bad("lastName", "Nom ou prénom trop long (100 caractères au plus)", "Name longer than 100 characters");
  const role = get("role").trim().toLowerCase();
  if (!(MEMBER_ROLES as readonly string[]).includes(role))
    bad("role", `Fonction « ${get("role")} » inconnue (${MEMBER_ROLES.join(", ")})`, `Unknown role "${get("role")}" (${MEMBER_ROLES.join(", ")})`);
  const int = (c: Column, min: number, max: number): number | null => {
    const t = get(c).trim();
    if (t === "") return null;
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
      bad(c, `${frLabel(c)} « ${t} » n'est pas un entier de ${min} à ${max}`, `${c} "${t}" is not a whole number from ${min} to ${max}`);
      return null;
    }
    return Number(t);
  };
  const rank = int("rank", 0, 99) ?? 0;
  const seat = int("seat", 1, 999);
  const date = (c: Column): string | null => {
    const t = get(c).trim();
    if (t === "") return null;
    const d = parseFrenchDate(t);
    if (!d)
      bad(
        c,
        `Date « ${t} » illisible dans « ${ROSTER_HEADERS_FR[c]} » (AAAA-MM-JJ ou JJ/MM/AAAA)`,
        `Unreadable date "${t}" in ${c} (YYYY-MM-DD or DD/MM/YYYY)`,
      );
    return d;
  };
  const birthDate = date("birthDate");
  const mandateStart = date("mandateStart");
  const mandateEnd = date("mandateEnd");
  if (!get("mandateStart").trim()) bad("mandateStart", "Début de mandat manquant", "Missing mandateStart");
  if (mandateStart && mandateEnd && mandateEnd < mandateStart) bad("mandateEnd", "La fin du mandat précède son début", "mandateEnd is before mandateStart");
  if (birthDate && mandateStart && birthDate >= mandateStart)
    bad("birthDate", "La date de naissance suit le début du mandat", "birthDate is not before mandateStart");
  const email = get("email").trim();
  if (email && (email.length > 254 || !/^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/.test(email)))
    bad("email", `Adresse de courriel « ${email} » invalide`, `Invalid e-mail address "${email}"`);
  const paperText = fold(get("paperConvocation"));
  const paperConvocation = ["oui", "o", "yes", "y", "true", "vrai", "1", "x"].includes(paperText);
  if (paperText && !paperConvocation && !["non", "n", "no", "false", "faux", "0"].includes(paperText))
    bad("paperConvocation", `« ${get("paperConvocation")} » : répondez oui ou non`, `"${get("paperConvocation")}": answer yes or no`);
  const group = tidy(get("group"));
  if (group.length > 200) bad("group", "Nom de groupe trop long (200 caractères au plus)", "Group longer than 200 characters");
  const member =
    problems.length === 0 && civility && mandateStart
      ? {
          civility,
          firstName,
          lastName,
          role: role as MemberRole,
          rank,
          group: group || null,
          seat,
          birthDate,
          mandateStart,
          mandateEnd,
          email: email || null,
          paperConvocation,
        }
      : null;
  return { member, id: get("id").trim(), problems };
}

/** The columns a file may change (every one but the id). */
const EDITABLE_COLUMNS = ROSTER_COLUMNS.filter((c): c is Exclude<RosterColumn, "id"> => c !== "id");

function changedFields(before: MemberRow, after: RosterMember): string[] {
  return EDITABLE_COLUMNS.filter((key) => (before[key] ?? null) !== (after[key] ?? null));
}

const overlaps = (a: RosterMember, b: RosterMember) => (a.mandateEnd ?? "9999") >= b.mandateStart && (b.mandateEnd ?? "9999") >= a.mandateStart;

/** The roster as it would be: checks that need every member at once (seats, overlapping maires). */
function wholeRosterProblems(existing: MemberRow[], rows: RosterRow[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const final = new Map<string, { line: number | null; member: RosterMember }>();
  for (const m of existing) final.set(m.id, { line: null, member: { ...m, civility: m.civility as RosterMember["civility"], role: m.role as MemberRole } });
  for (const row of rows) final.set(row.memberId, { line: row.line, member: row.member });
  const seats = new Map<number, { id: string; line: number | null }>();
  for (const [id, { line, member }] of final) {
    if (member.seat === null) continue;
    const holder = seats.get(member.seat);
    if (!holder) {
      seats.set(member.seat, { id, line });
      continue;
    }
    // Report on the file's line (the later one when both are in the file), naming the other holder.
    const lines = [line, holder.line].filter((l): l is number => l !== null);
    const at = Math.max(...lines);
    const other =
      lines.length === 2
        ? { fr: `ligne ${Math.min(...lines)}`, en: `line ${Math.min(...lines)}` }
        : { fr: `élu ${line === null ? id : holder.id}`, en: `member ${line === null ? id : holder.id}` };
    problems.push(problem(at, "seat", `Siège ${member.seat} en double (aussi ${other.fr})`, `Duplicate seat ${member.seat} (also ${other.en})`));
  }
  const maires = [...final.values()].filter((f) => f.member.role === "maire");
  for (let i = 0; i < maires.length; i += 1)
    for (let j = i + 1; j < maires.length; j += 1) {
      const a = maires[i]!;
      const b = maires[j]!;
      if (overlaps(a.member, b.member) && (a.line !== null || b.line !== null))
        problems.push(
          problem(
            Math.max(a.line ?? 0, b.line ?? 0),
            "role",
            `Deux maires dont les mandats se chevauchent (${a.member.lastName}, ${b.member.lastName}) : indiquez la fin du mandat du premier`,
            `Two maires with overlapping mandates (${a.member.lastName}, ${b.member.lastName}): set the first one's mandateEnd`,
          ),
        );
    }
  return problems;
}

/** Reads the file against the current roster: what it would change and what is wrong with it. */
async function planImport(tx: Pick<Db, "member" | "sitting">, councilId: string, csv: string): Promise<Omit<RosterImportOutcome, "applied" | "encoding">> {
  const problems: FileProblem[] = [];
  const rows: RosterRow[] = [];
  const existing = await tx.member.findMany({ where: { councilId } });
  const byId = new Map(existing.map((m) => [m.id, m]));
  const empty = { rows, problems, counts: { create: 0, update: 0, unchanged: 0, untouched: existing.length } };

  const parsed = parseCsv(csv);
  for (const e of parsed.errors) problems.push(problem(e.line, "input", "Guillemet jamais refermé", e.message));
  const [header, ...records] = parsed.records;
  if (!header) {
    problems.push(problem(0, "input", "Le fichier ne contient aucune ligne", "The file holds no line"));
    return empty;
  }
  const names = header.cells.map((c) => c.trim());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    // The French headers of the export, or the English names (and either without accents or case).
    const col = ROSTER_COLUMNS.find((c) => fold(c) === fold(n) || fold(ROSTER_HEADERS_FR[c]) === fold(n));
    if (!col) problems.push(problem(header.line, "input", `Colonne inconnue « ${n} »`, `Unknown column "${n}"`));
    else if (index.has(col)) problems.push(problem(header.line, "input", `Colonne « ${n} » en double`, `Column "${n}" appears twice`));
    else index.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length)
    problems.push(problem(header.line, "input", `Colonne(s) manquante(s) : ${missing.join(", ")}`, `Missing column(s): ${missing.join(", ")}`));
  if (problems.length) return empty;
  if (records.length === 0) problems.push(problem(header.line, "input", "Aucun élu après la ligne d'en-tête", "No member after the header line"));

  const matched = new Map<string, number>(); // member id → line
  for (const record of records) {
    if (record.cells.length !== names.length) {
      problems.push(
        problem(
          record.line,
          "input",
          `${record.cells.length} colonne(s) au lieu de ${names.length} : vérifiez le séparateur et les guillemets`,
          `${record.cells.length} cell(s) where the header has ${names.length}: check the separator and quotes`,
        ),
      );
      continue;
    }
    const r = readRow(record.line, (c) => {
      const i = index.get(c);
      return i === undefined ? "" : (record.cells[i] ?? "");
    });
    problems.push(...r.problems);
    if (!r.member) continue;
    let target: MemberRow | null = null;
    if (r.id) {
      target = byId.get(r.id) ?? null;
      if (!target) {
        problems.push(
          problem(
            record.line,
            "id",
            `Identifiant ${r.id} inconnu dans ce conseil (laissez-le vide pour un nouvel élu)`,
            `Unknown id ${r.id} in this council (leave it empty for a new member)`,
          ),
        );
        continue;
      }
    } else {
      // No id: the same person by name (and birth date when both have one) is an update, not a twin.
      const same = existing.filter(
        (m) =>
          fold(m.lastName) === fold(r.member!.lastName) &&
          fold(m.firstName) === fold(r.member!.firstName) &&
          (!m.birthDate || !r.member!.birthDate || m.birthDate === r.member!.birthDate),
      );
      if (same.length > 1) {
        problems.push(
          problem(
            record.line,
            "id",
            `Plusieurs élus portent ce nom (${same.map((m) => m.id).join(", ")}) : indiquez l'identifiant`,
            `Several members have this name (${same.map((m) => m.id).join(", ")}): give the id`,
          ),
        );
        continue;
      }
      target = same[0] ?? null;
    }
    if (target) {
      // A column the file leaves out keeps its value; an empty cell in a column it has clears it.
      for (const c of ["rank", "group", "seat", "birthDate", "mandateEnd", "email", "paperConvocation"] as const)
        if (!index.has(c)) Object.assign(r.member, { [c]: target[c] });
      const first = matched.get(target.id);
      if (first !== undefined) {
        problems.push(problem(record.line, "id", `Même élu qu'à la ligne ${first}`, `Same member as on line ${first}`));
        continue;
      }
      matched.set(target.id, record.line);
      const changes = changedFields(target, r.member);
      rows.push({ line: record.line, action: changes.length ? "update" : "unchanged", memberId: target.id, member: r.member, changes });
    } else rows.push({ line: record.line, action: "create", memberId: `m-${randomUUID().slice(0, 8)}`, member: r.member, changes: [] });
  }

  problems.push(...wholeRosterProblems(existing, rows));

  const busy = await tx.sitting.findFirst({ where: { councilId, status: { in: ["opened", "suspended"] } }, select: { date: true } });
  if (busy && rows.some((r) => r.action !== "unchanged"))
    problems.push(
      problem(
        0,
        "input",
        `La séance du ${busy.date.split("-").reverse().join("/")} est en cours : la liste des élus pourra changer une fois la séance levée`,
        `The sitting of ${busy.date} is in progress: the roster can change once it is closed`,
      ),
    );

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const count = (a: RosterRow["action"]) => rows.filter((r) => r.action === a).length;
  return {
    rows,
    problems,
    counts: { create: count("create"), update: count("update"), unchanged: count("unchanged"), untouched: existing.length - matched.size },
  };
}

const displayName = (m: RosterMember) => fullName(m);

/**
 * The roster file as text: sent as text, or as bytes read as UTF-8 (with or without a byte-order
 * mark) or else Windows-1252 — what Excel writes for "CSV (séparateur : point-virgule)" in France.
 */
function readRosterFile(input: { csv?: string | undefined; csvBase64?: string | undefined }): DecodedText | null {
  if (input.csv !== undefined) return { text: input.csv, encoding: "utf-8" };
  const bytes = base64ToBytes(input.csvBase64 ?? "");
  return bytes ? decodeText(bytes) : null;
}

export async function importRoster(
  db: Db,
  councilId: string,
  input: { csv?: string | undefined; csvBase64?: string | undefined; dryRun: boolean },
): Promise<ClerkResult<RosterImportOutcome>> {
  const file = readRosterFile(input);
  if (!file) return refuse(400, "bad-request", "Le fichier n'a pas pu être lu.", "csvBase64 is not base64");
  return inTransaction<RosterImportOutcome>(db, async (tx) => {
    const plan = { ...(await planImport(tx, councilId, file.text)), encoding: file.encoding };
    if (input.dryRun || plan.problems.length > 0) return done({ ...plan, applied: false });
    const changing = plan.rows.filter((r) => r.action === "update");
    // Seats may swap between members: free every seat that moves before handing them out again.
    for (const r of changing) if (r.changes.includes("seat")) await tx.member.update({ where: { id: r.memberId }, data: { seat: null } });
    for (const r of changing) {
      await tx.member.update({ where: { id: r.memberId }, data: { ...r.member } });
      await tx.user.updateMany({ where: { memberId: r.memberId, role: "councillor" }, data: { displayName: displayName(r.member) } });
    }
    for (const r of plan.rows.filter((row) => row.action === "create")) {
      await tx.member.create({ data: { id: r.memberId, councilId, ...r.member } });
      // A councillor signs in by pairing a device, which needs a user for the member.
      await tx.user.create({
        data: { id: `u-${r.memberId}`, councilId, login: `elu-${r.memberId}`, displayName: displayName(r.member), role: "councillor", memberId: r.memberId },
      });
    }
    return done({ ...plan, applied: true });
  });
}

/** The sittings whose live state holds the roster or the settings: all but the closed ones. */
export async function openSittingIds(db: Db, councilId: string): Promise<string[]> {
  return (await db.sitting.findMany({ where: { councilId, status: { not: "closed" } }, select: { id: true } })).map((s) => s.id);
}

/** The roster as the clerk's screen shows it, by seat. */
export async function listMembers(db: Db, councilId: string): Promise<ClerkMember[]> {
  const members = await db.member.findMany({ where: { councilId } });
  members.sort((a, b) => (a.seat ?? Infinity) - (b.seat ?? Infinity) || a.lastName.localeCompare(b.lastName, "fr"));
  return members.map((m) => ({
    id: m.id,
    civility: m.civility === "Mme" ? "Mme" : "M.",
    firstName: m.firstName,
    lastName: m.lastName,
    role: (MEMBER_ROLES as readonly string[]).includes(m.role) ? (m.role as MemberRole) : "conseiller",
    rank: m.rank,
    group: m.group,
    seat: m.seat,
    birthDate: m.birthDate,
    mandateStart: m.mandateStart,
    mandateEnd: m.mandateEnd,
    email: m.email,
    paperConvocation: m.paperConvocation,
  }));
}
