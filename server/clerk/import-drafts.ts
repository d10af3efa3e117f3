// Import of the clerk software's draft deliberations into a convened sitting's agenda: a preview of
// what each file says and of every problem (nothing guessed), then the creation of all the items in
// one transaction, or of none.
import { parseDeliberationFiles, type ParseIssue } from "../../core/records/deliberation-parser";
import { identifierProblem, isKnownActesCode, type DraftPreview, type ImportDrafts, type ImportOutcome } from "../../core/api/clerk-agenda";
import type { FileProblem } from "../../core/api/clerk-roster";
import { base64ToBytes, decodeText, type TextEncodingName } from "../../core/records/text-encoding";
import type { Db } from "../db/client";
import { editableSitting, inTransaction, newItemId } from "./agenda";
import { done, type Bilingual, type ClerkResult } from "./clerk-result";

// The parser speaks English; the clerk reads French. Each of its sentences has its French here, and
// one not listed (a newer parser) is shown as written in both languages rather than lost.
const FRENCH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^missing field: (.+)$/, (m) => `Champ manquant : ${m[1]}`],
  [/^field (.+) appears (\d+) times; the first one was kept$/, (m) => `Le champ ${m[1]} apparaît ${m[2]} fois ; le premier a été retenu`],
  [
    /^unreadable (date|time|number|identifier|ACTES code) in (.+): "(.*)"$/s,
    (m) =>
      `Valeur illisible (${{ date: "date", time: "heure", number: "nombre", identifier: "identifiant", "ACTES code": "code ACTES" }[m[1]!] ?? m[1]}) dans ${m[2]} : « ${m[3]} »`,
  ],
  [/^(.+) must be at least 1, not (.+)$/, (m) => `${m[1]} doit valoir au moins 1, et non ${m[2]}`],
  [/^(.+) "(.*)" is not a valid ACTES identifier$/, (m) => `${m[1]} « ${m[2]} » n'est pas un identifiant ACTES valide`],
  [/^(.+) gives more than one code; the first one was kept$/, (m) => `${m[1]} donne plus d'un code ; le premier a été retenu`],
  [/^the file is empty$/, () => "Le fichier est vide"],
  [/^the file does not look like text/, () => "Le fichier ne semble pas être du texte (données binaires ou mauvais encodage)"],
  [/^the file holds (\d+) undecodable/, (m) => `Le fichier contient ${m[1]} caractère(s) illisible(s) : vérifiez qu'il est enregistré en UTF-8`],
  [/^no deliberation structure found/, () => "Aucune structure de délibération reconnue (aucun des libellés Conseil Municipal du, N°ordre, Titre…)"],
  [
    /^(\d+) unrecognised line\(s\) in the header were ignored, the first: "(.*)"$/s,
    (m) => `${m[1]} ligne(s) non reconnue(s) dans l'en-tête, ignorée(s) ; la première : « ${m[2]} »`,
  ],
  [/^identifier (.+) is also used by (.+)$/, (m) => `L'identifiant ${m[1]} est aussi celui du fichier ${m[2]}`],
  [/^order (\d+) of the (.+) sitting is also used by (.+)$/, (m) => `Le n° d'ordre ${m[1]} de la séance du ${m[2]} est aussi celui du fichier ${m[3]}`],
];

export function frenchIssue(message: string): string {
  for (const [re, fr] of FRENCH) {
    const m = re.exec(message);
    if (m) return fr(m);
  }
  return message;
}

const fromParser = (issue: ParseIssue): FileProblem => ({ field: issue.field, blocking: issue.blocking, fr: frenchIssue(issue.message), en: issue.message });

const frDate = (iso: string) => iso.split("-").reverse().join("/");

/** A file as sent: text as is, or bytes read as UTF-8 or Windows-1252 (Excel and Word in France). */
function readFile(f: ImportDrafts["files"][number]): {
  name: string;
  text: string;
  encoding: TextEncodingName;
  unreadable: boolean;
  budgetYear: string | null;
} {
  const budgetYear = f.budgetYear ?? null;
  if (f.base64 === undefined) return { name: f.name, text: f.text ?? "", encoding: "utf-8", unreadable: false, budgetYear };
  const bytes = base64ToBytes(f.base64);
  if (!bytes) return { name: f.name, text: "", encoding: "utf-8", unreadable: true, budgetYear };
  return { name: f.name, ...decodeText(bytes), unreadable: false, budgetYear };
}

/**
 * Parses the files and checks them against the sitting: same date, identifiers not already on this
 * agenda, a number for each item (the file's N°ordre when free, else after the last item).
 */
async function plan(tx: Db | Parameters<Parameters<Db["$transaction"]>[0]>[0], councilId: string, sitting: { id: string; date: string }, input: ImportDrafts) {
  const decoded = input.files.map(readFile);
  const parsed = parseDeliberationFiles(decoded.map((f) => ({ name: f.name, text: f.text })));
  const items = await tx.agendaItem.findMany({ where: { sittingId: sitting.id }, select: { order: true, identifier: true } });
  const usedOrders = new Map(items.map((it) => [it.order, it.identifier]));
  const onAgenda = new Map(items.map((it) => [it.identifier, it.order]));
  let last = Math.max(0, ...items.map((it) => it.order));
  const files: DraftPreview[] = [];
  for (const [index, file] of parsed.entries()) {
    const { issues, problems: _p, ...deliberation } = file.deliberation;
    const problems = issues.map(fromParser);
    const d = file.deliberation;
    const read = decoded[index]!;
    if (read.unreadable)
      problems.unshift({
        field: "input",
        blocking: true,
        fr: "Le fichier n'a pas pu être lu (données corrompues)",
        en: "the file could not be read (bad base64)",
      });
    if (d.sittingDate !== null && d.sittingDate !== sitting.date)
      problems.push({
        field: "sittingDate",
        blocking: true,
        fr: `Le projet est pour la séance du ${frDate(d.sittingDate)}, cette séance est celle du ${frDate(sitting.date)}`,
        en: `The draft is for the sitting of ${d.sittingDate}; this sitting is on ${sitting.date}`,
      });
    if (d.identifier !== null) {
      const actes = identifierProblem(d.identifier);
      if (actes) problems.push({ field: "identifier", blocking: true, fr: `L'identifiant ${d.identifier} ne peut pas former un numéro ACTES`, en: actes });
      const order = onAgenda.get(d.identifier);
      if (order !== undefined)
        problems.push({
          field: "identifier",
          blocking: true,
          fr: `L'identifiant ${d.identifier} est déjà celui du point n° ${order} de cette séance : modifiez ou retirez ce point d'abord`,
          en: `Identifier ${d.identifier} is already item ${order} of this sitting: edit or remove that item first`,
        });
      else {
        // A deferred item comes back under its own number, so another sitting's use only warns.
        const elsewhere = await tx.agendaItem.findFirst({
          where: { identifier: d.identifier, sittingId: { not: sitting.id }, sitting: { councilId } },
          select: { sitting: { select: { date: true } } },
        });
        if (elsewhere)
          problems.push({
            field: "identifier",
            blocking: false,
            fr: `L'identifiant ${d.identifier} figure déjà à l'ordre du jour de la séance du ${frDate(elsewhere.sitting.date)}`,
            en: `Identifier ${d.identifier} is already on the agenda of the sitting of ${elsewhere.sitting.date}`,
          });
      }
    }
    if (d.actesCode !== null && !isKnownActesCode(d.actesCode))
      problems.push({
        field: "actesCode",
        blocking: true,
        fr: `Le code de nomenclature ${d.actesCode} n'existe pas dans la nomenclature ACTES`,
        en: `${d.actesCode} is not in the ACTES matter nomenclature`,
      });
    // The open data needs the year of a budget named (SCDL: BUDGET_NOM ⇒ BUDGET_ANNEE); it is asked, never guessed.
    if (d.budgetName !== null && !read.budgetYear)
      problems.push({
        field: "budgetYear",
        blocking: true,
        fr: `Le projet cite le budget ${d.budgetName} sans exercice : indiquez l'exercice budgétaire pour importer ce fichier`,
        en: `The draft names the ${d.budgetName} budget without a year: give the budget year to import this file`,
      });
    const importable = problems.every((p) => !p.blocking);
    let order: number | null = null;
    if (importable) {
      if (d.order !== null && !usedOrders.has(d.order)) order = d.order;
      else {
        order = last + 1;
        const holder = usedOrders.get(d.order ?? -1) ?? "";
        problems.push({
          field: "order",
          blocking: false,
          fr: `Le n° d'ordre ${d.order} est déjà pris (${holder}) : le point sera ajouté en n° ${order}`,
          en: `Order ${d.order} is already taken (${holder}): the item will be added as number ${order}`,
        });
      }
      usedOrders.set(order, d.identifier ?? "");
      if (d.identifier !== null) onAgenda.set(d.identifier, order);
      last = Math.max(last, order);
    }
    files.push({
      name: file.name,
      encoding: read.encoding,
      budgetYear: d.budgetName !== null ? read.budgetYear : null,
      importable,
      order,
      deliberation,
      problems,
    });
  }
  return files;
}

export async function importDrafts(db: Db, councilId: string, sittingId: string, input: ImportDrafts): Promise<ClerkResult<ImportOutcome>> {
  const preview = await inTransaction(db, async (tx) => {
    const sitting = await editableSitting(tx, councilId, sittingId);
    if (!sitting.ok) return sitting;
    const files = await plan(tx, councilId, sitting.value, input);
    const importable = files.every((f) => f.importable);
    const created: ImportOutcome["created"] = [];
    if (!input.dryRun && importable) {
      for (const f of files) {
        const d = f.deliberation;
        const itemId = newItemId();
        await tx.agendaItem.create({
          data: {
            id: itemId,
            sittingId,
            order: f.order!,
            identifier: d.identifier!,
            title: d.title!,
            rapporteurs: JSON.stringify(d.rapporteurs),
            commission: d.commission,
            service: d.service,
            expose: d.expose ?? "",
            proposals: JSON.stringify(d.proposals),
            attachments: JSON.stringify(d.attachments),
            observations: d.observations,
            actesCode: d.actesCode,
            actesLabel: d.actesLabel,
            budgetArticle: d.budgetArticle,
            budgetName: d.budgetName,
            budgetYear: f.budgetYear,
            amounts: JSON.stringify(d.amounts),
          },
        });
        created.push({ itemId, order: f.order!, identifier: d.identifier! });
      }
    }
    return done({ importable, created, files });
  });
  return preview;
}

/** Why an import created nothing, naming the files to fix. */
export function notImported(files: DraftPreview[]): Bilingual {
  const bad = files.filter((f) => !f.importable).map((f) => f.name);
  return {
    fr: `Rien n'a été importé : ${bad.length} fichier(s) à corriger (${bad.join(", ")})`,
    en: `Nothing was imported: ${bad.length} file(s) to fix (${bad.join(", ")})`,
  };
}
