// The official records of a sitting as data: the "Extrait du registre des délibérations" of one item
// (records-formats.md §2) and the "Liste des délibérations" (CGCT L2121-25). Pure: HTML is in extract-html.ts.
import type { Choice } from "../sitting/protocol";
import type { AttendanceEntry, ItemState, SittingEvent, SittingState, VoteState } from "../sitting/state";
import { ACTES_NATURES, actesMatterLabel } from "./actes";

export { renderDeliberationListHtml, renderExtractHtml } from "./extract-html";

/** What the database holds about an item beyond the sitting state (agenda texts, publication). */
export interface ItemRecordTexts {
  identifier: string;
  title: string;
  rapporteurs: string[];
  commission: string | null;
  service: string | null;
  expose: string;
  proposals: string[];
  observations: string | null;
  actesCode: string | null;
  actesLabel: string | null;
  actesNature: string;
  postedOn: string | null;
  publishedOn: string | null;
  prefectureReceivedOn: string | null;
}

export interface ExtractInput {
  state: SittingState;
  itemId: string;
  council: { name: string; commune: string };
  sitting: { date: string; time: string; place: string; convocationDate: string; postedOn: string | null };
  /** Civility and rank by member id (the roster holds names and roles, not these). */
  memberDetails: Record<string, { civility: string; rank: number }>;
  item: ItemRecordTexts;
  /** The ACTES identifier (stored acknowledgement, or computed once decided); null = not yet transmissible. */
  actesId: string | null;
  /** Attendance status of each member when the item was called (see {@link attendanceAtCall}). */
  attendanceAtCall: Record<string, AttendanceEntry["status"]>;
}

export interface RoleGroup {
  role: string;
  label: string;
  names: string[];
}

export interface ExtractModel {
  councilName: string;
  commune: string;
  attestation: { enforceable: boolean; text: string };
  title: string;
  sittingLine: string;
  time: string;
  place: string;
  secondConvocation: boolean;
  secretaries: string[];
  membersInOffice: number;
  quorum: { required: number; counted: number; reached: boolean; text: string } | null;
  convocationDate: string;
  /** The convocation's posting ("Affichée le" of the header). */
  convocationPostedOn: string | null;
  president: { name: string; title: string } | null;
  counts: { present: number; represented: number; absent: number; excused: number; recused: number };
  present: RoleGroup[];
  excused: RoleGroup[];
  absent: RoleGroup[];
  proxySentence: string | null;
  proxies: { mandant: string; mandataire: string }[];
  item: {
    order: number;
    identifier: string;
    title: string;
    rapporteurs: string[];
    commission: string | null;
    service: string | null;
    observations: string | null;
    /** Markdown-ish text as imported (paragraphs, nested lists); rendered by the HTML layer. */
    expose: string;
    proposals: string[];
    recused: string[];
  };
  vote: {
    status: ItemState["status"];
    modeLabel: string | null;
    tally: { pour: number; contre: number; abstention: number; nppv: number } | null;
    result: { outcome: "adopted" | "rejected"; label: string; reason: string; article: string } | null;
    /** Public ballots only: names by choice (a proxy ballot under the mandant's name). */
    names: { pour: string[]; contre: string[]; abstention: string[]; nppv: string[] } | null;
  };
  actes: {
    code: string | null;
    label: string | null;
    nature: string;
    natureLabel: string;
    teletransmissionId: string;
    prefectureReceivedOn: string | null;
    publishedOn: string | null;
    postedOn: string | null;
  };
  signatures: { presidentLabel: string; president: string | null; secretaryLabel: string; secretaries: string[] };
}

const ROLE_ORDER = ["maire", "adjoint", "conseiller-delegue", "conseiller"] as const;
const ROLE_LABELS: Record<(typeof ROLE_ORDER)[number], string> = {
  maire: "Maire",
  adjoint: "Adjoints",
  "conseiller-delegue": "Conseillers municipaux délégués",
  conseiller: "Conseillers municipaux",
};
const MODE_LABELS = { "show-of-hands": "à main levée", public: "au scrutin public", secret: "au scrutin secret" } as const;

/** "2022-10-03" → "03/10/2022"; anything else is returned unchanged, null stays null. */
export function frenchDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function roleKey(role: string): (typeof ROLE_ORDER)[number] {
  return (ROLE_ORDER as readonly string[]).includes(role) ? (role as (typeof ROLE_ORDER)[number]) : "conseiller";
}

/** How the register names a member's office, in the member's grammatical gender. */
export function roleTitle(role: string, civility: string): string {
  const f = civility.trim().toLowerCase().startsWith("mme");
  switch (roleKey(role)) {
    case "maire":
      return "Maire";
    case "adjoint":
      return f ? "Adjointe au Maire" : "Adjoint au Maire";
    case "conseiller-delegue":
      return f ? "Conseillère municipale déléguée" : "Conseiller municipal délégué";
    default:
      return f ? "Conseillère municipale" : "Conseiller municipal";
  }
}

function signatureLabel(role: string | undefined, civility: string | undefined): string {
  const f = (civility ?? "").trim().toLowerCase().startsWith("mme");
  if (role === "maire") return f ? "La Maire," : "Le Maire,";
  return f ? "La présidente de séance," : "Le président de séance,";
}

/**
 * Attendance as it stood when the item was last called, replayed from the log: the call snapshot
 * lists who was present, but not whether an absent member was excused, which the register shows.
 */
export function attendanceAtCall(events: readonly SittingEvent[], itemId: string): Record<string, AttendanceEntry["status"]> {
  const now: Record<string, AttendanceEntry["status"]> = {};
  let atCall: Record<string, AttendanceEntry["status"]> | null = null;
  for (const e of events) {
    if (e.type === "rollcall:marked") now[e.memberId] = e.status;
    else if (e.type === "rollcall:departed") now[e.memberId] = "left";
    else if (e.type === "item:called" && e.itemId === itemId) atCall = { ...now };
  }
  return atCall ?? now;
}

function groupByRole(state: SittingState, ids: readonly string[], details: ExtractInput["memberDetails"]): RoleGroup[] {
  const groups: RoleGroup[] = [];
  for (const role of ROLE_ORDER) {
    const members = ids
      .map((id) => state.roster[id])
      .filter((m): m is NonNullable<typeof m> => !!m && roleKey(m.role) === role)
      .sort((a, b) => (details[a.id]?.rank ?? 0) - (details[b.id]?.rank ?? 0) || (a.seat ?? 999) - (b.seat ?? 999) || a.name.localeCompare(b.name));
    if (members.length) groups.push({ role, label: ROLE_LABELS[role], names: members.map((m) => m.name) });
  }
  return groups;
}

/** The vote that decided the item: the last proclaimed one (an item may be voted again after a closed vote). */
export function decidingVote(state: SittingState, item: ItemState): VoteState | null {
  for (let i = item.voteIds.length - 1; i >= 0; i -= 1) {
    const v = state.votes[item.voteIds[i] ?? ""];
    if (v?.status === "proclaimed") return v;
  }
  return null;
}

function namesByChoice(
  state: SittingState,
  vote: VoteState,
  recusedIds: readonly string[],
  details: ExtractInput["memberDetails"],
): NonNullable<ExtractModel["vote"]["names"]> {
  const seat = (id: string) => state.roster[id]?.seat ?? 999;
  const name = (id: string) => state.roster[id]?.name ?? id;
  const lists: Record<Choice, { seat: number; text: string }[]> = { pour: [], contre: [], abstention: [], nppv: [] };
  for (const b of Object.values(vote.ballots)) {
    // The ballot is the mandant's vote: the register lists it under the mandant's name.
    const text = b.onBehalfOf ? `${name(b.onBehalfOf)} (pouvoir à ${name(b.memberId)})` : name(b.memberId);
    lists[b.choice].push({ seat: seat(b.onBehalfOf || b.memberId), text });
  }
  // The tally counts interested members as not taking part (L2131-11); the names say so too.
  for (const id of recusedIds) {
    const f = (details[id]?.civility ?? "").trim().toLowerCase().startsWith("mme");
    lists.nppv.push({ seat: seat(id), text: `${name(id)} (${f ? "intéressée" : "intéressé"})` });
  }
  const sorted = (l: { seat: number; text: string }[]) => l.sort((a, b) => a.seat - b.seat || a.text.localeCompare(b.text)).map((x) => x.text);
  return { pour: sorted(lists.pour), contre: sorted(lists.contre), abstention: sorted(lists.abstention), nppv: sorted(lists.nppv) };
}

function attestation(item: ItemRecordTexts): ExtractModel["attestation"] {
  const posted = frenchDate(item.postedOn);
  const published = frenchDate(item.publishedOn);
  const received = frenchDate(item.prefectureReceivedOn);
  const facts = [
    posted ? `affiché le ${posted}` : null,
    published ? `publié sous forme électronique le ${published}` : null,
    received ? `reçu en préfecture le ${received}` : null,
  ].filter((x): x is string => !!x);
  // L2131-1: enforceable once published (posting or electronic publication) and transmitted to the préfet.
  const enforceable = (!!posted || !!published) && !!received;
  if (enforceable) return { enforceable, text: `Acte certifié exécutoire : ${facts.join(", ")} (CGCT L. 2131-1).` };
  const missing = [!posted && !published ? "publication" : null, !received ? "transmission au représentant de l'État" : null].filter((x): x is string => !!x);
  return {
    enforceable,
    text: `Acte non encore exécutoire${facts.length ? ` (${facts.join(", ")})` : ""} : ${missing.join(" et ")} à venir (CGCT L. 2131-1).`,
  };
}

export function buildExtract(input: ExtractInput): ExtractModel {
  const { state, item: texts } = input;
  const item = state.items[input.itemId];
  if (!item) throw new Error(`unknown item ${input.itemId}`);
  const call = item.call;
  const name = (id: string) => state.roster[id]?.name ?? id;
  const presidentId = state.presidentMemberId;
  const presentIds = call?.presentIds ?? [];
  const absentIds = call?.absentIds ?? [];
  const excusedIds = absentIds.filter((id) => input.attendanceAtCall[id] === "excused");
  const otherAbsentIds = absentIds.filter((id) => input.attendanceAtCall[id] !== "excused");
  const president = presidentId
    ? { name: name(presidentId), title: roleTitle(state.roster[presidentId]?.role ?? "", input.memberDetails[presidentId]?.civility ?? "") }
    : null;
  const vote = decidingVote(state, item);
  const result = item.result;
  const code = texts.actesCode?.trim() || null;
  const nature = texts.actesNature in ACTES_NATURES ? (texts.actesNature as keyof typeof ACTES_NATURES) : null;
  return {
    councilName: input.council.name,
    commune: input.council.commune,
    attestation: attestation(texts),
    title: "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL",
    sittingLine: `SEANCE DU ${frenchDate(input.sitting.date) ?? input.sitting.date}`,
    time: input.sitting.time,
    place: input.sitting.place,
    secondConvocation: state.secondConvocation,
    secretaries: state.secretaryIds.map(name),
    membersInOffice: state.membersInOffice,
    quorum: call ? { required: call.quorum.required, counted: call.quorum.counted, reached: call.quorum.reached, text: call.quorum.reasonFr } : null,
    convocationDate: frenchDate(input.sitting.convocationDate) ?? input.sitting.convocationDate,
    convocationPostedOn: frenchDate(input.sitting.postedOn),
    president,
    counts: {
      present: presentIds.length,
      represented: call?.proxies.length ?? 0,
      absent: absentIds.length,
      excused: excusedIds.length,
      recused: call?.recusedIds.length ?? 0,
    },
    // The president is named apart, as the register does.
    present: groupByRole(
      state,
      presentIds.filter((id) => id !== presidentId),
      input.memberDetails,
    ),
    excused: groupByRole(state, excusedIds, input.memberDetails),
    absent: groupByRole(state, otherAbsentIds, input.memberDetails),
    proxySentence: call?.proxies.length
      ? "Le président de séance a déposé sur le bureau, à l'ouverture de la séance, les pouvoirs écrits de vote donnés en application de l'article L. 2121-20 du Code général des collectivités territoriales :"
      : null,
    proxies: (call?.proxies ?? []).map((p) => ({ mandant: name(p.from), mandataire: name(p.to) })),
    item: {
      order: item.order,
      identifier: texts.identifier,
      title: texts.title,
      rapporteurs: texts.rapporteurs,
      commission: texts.commission,
      service: texts.service,
      observations: texts.observations,
      expose: texts.expose,
      proposals: texts.proposals,
      recused: (call?.recusedIds ?? []).map(name),
    },
    vote: {
      status: item.status,
      modeLabel: vote ? MODE_LABELS[vote.mode] : null,
      tally: result ? { ...result.tally } : null,
      result: result
        ? {
            outcome: result.outcome,
            label: `${result.outcome === "adopted" ? "Adopté" : "Rejeté"}${result.unanimous ? " à l'unanimité" : ""}${result.castingVote ? " (voix prépondérante du président)" : ""}`,
            reason: result.reasonFr,
            article: result.article,
          }
        : null,
      names: vote?.mode === "public" ? namesByChoice(state, vote, call?.recusedIds ?? [], input.memberDetails) : null,
    },
    actes: {
      code,
      label: (code ? actesMatterLabel(code) : null) ?? texts.actesLabel,
      nature: texts.actesNature,
      natureLabel: nature ? ACTES_NATURES[nature] : texts.actesNature,
      teletransmissionId: input.actesId ?? "à transmettre",
      prefectureReceivedOn: frenchDate(texts.prefectureReceivedOn),
      publishedOn: frenchDate(texts.publishedOn),
      postedOn: frenchDate(texts.postedOn),
    },
    signatures: {
      presidentLabel: signatureLabel(
        presidentId ? state.roster[presidentId]?.role : undefined,
        presidentId ? input.memberDetails[presidentId]?.civility : undefined,
      ),
      president: president?.name ?? null,
      secretaryLabel: state.secretaryIds.length > 1 ? "Les secrétaires de séance," : "Le secrétaire de séance,",
      secretaries: state.secretaryIds.map(name),
    },
  };
}

export type DeliberationDecision = "adopted" | "rejected" | "deferred" | "not-examined";

export interface DeliberationListModel {
  councilName: string;
  commune: string;
  title: string;
  sittingLine: string;
  place: string;
  legalNote: string;
  entries: { number: number; identifier: string; subject: string; decision: DeliberationDecision; decisionLabel: string; href: string | null }[];
}

export interface DeliberationListInput {
  state: SittingState;
  council: { name: string; commune: string };
  sitting: { date: string; time: string; place: string };
  /** Identifier and title of each item by id, from the agenda. */
  texts: Record<string, { identifier: string; title: string }>;
  /** Link to an item's extract, when one is published. */
  hrefFor?: (itemId: string) => string;
}

const DECISION_LABELS: Record<DeliberationDecision, string> = {
  adopted: "Adoptée",
  rejected: "Rejetée",
  deferred: "Reportée (quorum non atteint)",
  "not-examined": "Non examinée",
};

export function buildDeliberationList(input: DeliberationListInput): DeliberationListModel {
  const { state } = input;
  const entries = state.itemOrder.flatMap((id) => {
    const it = state.items[id];
    if (!it) return [];
    const decision: DeliberationDecision = it.status === "decided" && it.result ? it.result.outcome : it.status === "deferred" ? "deferred" : "not-examined";
    const unanimous = it.status === "decided" && it.result?.unanimous ? " à l'unanimité" : "";
    const decided = decision === "adopted" || decision === "rejected";
    return [
      {
        number: it.order,
        identifier: input.texts[id]?.identifier ?? "",
        subject: input.texts[id]?.title ?? it.title,
        decision,
        decisionLabel: `${DECISION_LABELS[decision]}${unanimous}`,
        href: decided && input.hrefFor ? input.hrefFor(id) : null,
      },
    ];
  });
  return {
    councilName: input.council.name,
    commune: input.council.commune,
    title: "LISTE DES DÉLIBÉRATIONS",
    sittingLine: `Séance du conseil municipal du ${frenchDate(input.sitting.date) ?? input.sitting.date} à ${input.sitting.time.replace(":", "h")}`,
    place: input.sitting.place,
    legalNote:
      "Liste affichée à la mairie et mise en ligne sur le site internet de la commune dans un délai d'une semaine (article L. 2121-25 du Code général des collectivités territoriales).",
    entries,
  };
}
