// The "Extrait du registre des délibérations" of one decided item as data (records-formats.md §2):
// attendance and figures at the item's call, the attestation under the publication regime of the
// sitting's date, annexes, the voies et délais de recours. Pure: HTML is in extract-html.ts.
import type { Choice } from "../sitting/protocol";
import type { ItemState, SittingState, VoteState } from "../sitting/state";
import { frenchHour, longFrenchDate } from "../time";
import { ACTES_NATURES, actesMatterLabel } from "./actes";
import {
  attendanceAt,
  groupByRole,
  isFeminine,
  movementSentence,
  presidentLabel,
  roleTitle,
  secretaryLabel,
  type MemberDetails,
  type RoleGroup,
} from "./attendance";
import { attestation, type Attestation, type PublicationRegime } from "./attestation";
import type { VersionNote } from "./publication";
import { voteFigures, type VoteFigures } from "./vote-figures";
import { nominationLabel, wholeSittingExtract, type WholeSittingExtract } from "./whole-sitting-record";

export { renderDeliberationListHtml, renderExtractHtml } from "./extract-html";
export { buildDeliberationList, type DeliberationListInput, type DeliberationListModel, type DeliberationDecision } from "./deliberation-list";
export type { RoleGroup } from "./attendance";

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
  /** The draft's "PJ." lines: the annexes the draft announced. */
  attachments: string[];
  actesCode: string | null;
  actesLabel: string | null;
  actesNature: string;
  postedOn: string | null;
  publishedOn: string | null;
  prefectureReceivedOn: string | null;
}

/** A file the clerk deposited with the act (published with it: an act is published in its entirety). */
export interface AnnexLine {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  href: string;
}

export interface ExtractInput {
  /** The sitting as its whole log makes it (the result, the ballots). */
  state: SittingState;
  /** The sitting as it was when the item was last called (who sat, who had left, the proxies). */
  atCall: SittingState | null;
  itemId: string;
  council: { name: string; commune: string; administrativeCourt: string };
  sitting: { date: string; time: string; place: string; convocationDate: string; postedOn: string | null };
  memberDetails: MemberDetails;
  item: ItemRecordTexts;
  annexes: AnnexLine[];
  /** The ACTES identifier: the préfecture's acknowledgement, or the one the act will get (provisional). */
  actesId: { id: string; provisional: boolean } | null;
  regime: PublicationRegime;
  /** The version being published (a rectification says why); absent for a working copy. */
  version?: VersionNote | null;
}

export interface ExtractModel {
  councilName: string;
  commune: string;
  attestation: Attestation;
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
  /** At the item's call; present + represented + excused + absent = membersInOffice. */
  counts: { present: number; represented: number; excused: number; absent: number; recused: number };
  present: RoleGroup[];
  excused: RoleGroup[];
  absent: RoleGroup[];
  proxySentence: string | null;
  proxies: { mandant: string; mandataire: string }[];
  /** Arrivals, departures and proxies given during the sitting before the item was called. */
  movements: string[];
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
    attachments: string[];
  };
  annexes: AnnexLine[];
  vote: {
    status: ItemState["status"];
    modeLabel: string | null;
    tally: { pour: number; contre: number; abstention: number; nppv: number } | null;
    figures: VoteFigures | null;
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
  /** "Fait à Poitiers, le 3 octobre 2022". */
  madeAt: string;
  recourse: string;
  signatures: { presidentLabel: string; president: string | null; secretaryLabel: string; secretaries: string[] };
  /** Printed at the foot of every PDF page with the page number. */
  footer: string;
  version: VersionNote | null;
  /** Nominations, amendments, cancelled votes, ballots recorded by the chair, paper urn, closed session (#13). */
  wholeSitting: WholeSittingExtract;
}

const MODE_LABELS = { "show-of-hands": "à main levée", public: "au scrutin public", secret: "au scrutin secret" } as const;

/** "2022-10-03" → "03/10/2022"; anything else is returned unchanged, null stays null. */
export function frenchDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
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
  details: MemberDetails,
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
  for (const id of recusedIds) lists.nppv.push({ seat: seat(id), text: `${name(id)} (${isFeminine(details[id]?.civility) ? "intéressée" : "intéressé"})` });
  const sorted = (l: { seat: number; text: string }[]) => l.sort((a, b) => a.seat - b.seat || a.text.localeCompare(b.text)).map((x) => x.text);
  return { pour: sorted(lists.pour), contre: sorted(lists.contre), abstention: sorted(lists.abstention), nppv: sorted(lists.nppv) };
}

/** The voies et délais de recours every act states (CJA R. 421-1 and R. 421-5). */
export function recourseText(court: string): string {
  const named = court.trim().replace(/^(le|la)\s+/i, "");
  return (
    `Voies et délais de recours : la présente délibération peut faire l'objet d'un recours pour excès de pouvoir devant le ${named || "tribunal administratif territorialement compétent"} ` +
    "dans un délai de deux mois à compter de sa publication et de sa transmission au représentant de l'État. Dans ce même délai, un recours gracieux peut être " +
    "adressé à l'auteur de l'acte ; il prolonge le délai du recours contentieux, qui court de nouveau à compter de la réponse (le silence gardé deux mois vaut rejet). " +
    "Le tribunal administratif peut être saisi par l'application « Télérecours citoyens » sur www.telerecours.fr."
  );
}

function resultLabel(r: NonNullable<ItemState["result"]>): string {
  return `${r.outcome === "adopted" ? "Adopté" : "Rejeté"}${r.unanimous ? " à l'unanimité" : ""}${r.castingVote ? " (voix prépondérante du président)" : ""}`;
}

export function buildExtract(input: ExtractInput): ExtractModel {
  const { state, item: texts } = input;
  const item = state.items[input.itemId];
  if (!item) throw new Error(`unknown item ${input.itemId}`);
  const call = item.call;
  const name = (id: string) => state.roster[id]?.name ?? id;
  const presidentId = state.presidentMemberId;
  const seen = call && input.atCall ? attendanceAt(call, input.atCall) : null;
  const president = presidentId
    ? { name: name(presidentId), title: roleTitle(state.roster[presidentId]?.role ?? "", input.memberDetails[presidentId]?.civility ?? "") }
    : null;
  const vote = decidingVote(state, item);
  const result = item.result;
  const code = texts.actesCode?.trim() || null;
  const nature = texts.actesNature in ACTES_NATURES ? (texts.actesNature as keyof typeof ACTES_NATURES) : null;
  const actesId = input.actesId ? `${input.actesId.id}${input.actesId.provisional ? " (prévisionnel)" : ""}` : "à transmettre";
  return {
    councilName: input.council.name,
    commune: input.council.commune,
    attestation: attestation(texts, input.regime),
    title: "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL",
    sittingLine: `SEANCE DU ${frenchDate(input.sitting.date) ?? input.sitting.date}`,
    time: frenchHour(input.sitting.time),
    place: input.sitting.place,
    secondConvocation: state.secondConvocation,
    secretaries: state.secretaryIds.map(name),
    membersInOffice: state.membersInOffice,
    quorum: call ? { required: call.quorum.required, counted: call.quorum.counted, reached: call.quorum.reached, text: call.quorum.reasonFr } : null,
    convocationDate: frenchDate(input.sitting.convocationDate) ?? input.sitting.convocationDate,
    convocationPostedOn: frenchDate(input.sitting.postedOn),
    president,
    counts: {
      present: seen?.present.length ?? 0,
      represented: seen?.represented.length ?? 0,
      excused: seen?.excused.length ?? 0,
      absent: seen?.absent.length ?? 0,
      recused: seen?.recused.length ?? 0,
    },
    // The president is named apart, as the register does.
    present: groupByRole(
      state.roster,
      (seen?.present ?? []).filter((id) => id !== presidentId),
      input.memberDetails,
    ),
    excused: groupByRole(state.roster, seen?.excused ?? [], input.memberDetails),
    absent: groupByRole(state.roster, seen?.absent ?? [], input.memberDetails),
    proxySentence: seen?.represented.length
      ? `${presidentLabel(state)} a déposé sur le bureau les pouvoirs écrits de vote donnés en application de l'article L. 2121-20 du Code général des collectivités territoriales :`
      : null,
    proxies: (seen?.represented ?? []).map((p) => ({ mandant: name(p.mandant), mandataire: name(p.mandataire) })),
    movements: (seen?.movements ?? []).map((m) => movementSentence(m, state.roster, state.settings.timeZone)),
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
      recused: (seen?.recused ?? []).map(name),
      attachments: texts.attachments,
    },
    annexes: input.annexes,
    vote: {
      status: item.status,
      modeLabel: vote ? MODE_LABELS[vote.mode] : null,
      tally: result ? { ...result.tally } : null,
      figures: result ? voteFigures(result.tally, item.kind) : null,
      result: result
        ? { outcome: result.outcome, label: nominationLabel(item) ?? resultLabel(result), reason: result.reasonFr, article: result.article }
        : null,
      names: vote?.mode === "public" ? namesByChoice(state, vote, call?.recusedIds ?? [], input.memberDetails) : null,
    },
    actes: {
      code,
      label: (code ? actesMatterLabel(code) : null) ?? texts.actesLabel,
      nature: texts.actesNature,
      natureLabel: nature ? ACTES_NATURES[nature] : texts.actesNature,
      teletransmissionId: actesId,
      prefectureReceivedOn: frenchDate(texts.prefectureReceivedOn),
      publishedOn: frenchDate(texts.publishedOn),
      postedOn: frenchDate(texts.postedOn),
    },
    madeAt: `Fait à ${input.council.commune}, le ${longFrenchDate(input.sitting.date)}`,
    recourse: recourseText(input.council.administrativeCourt),
    signatures: {
      presidentLabel: `${presidentLabel(state)},`,
      president: president?.name ?? null,
      secretaryLabel: `${secretaryLabel(state.secretaryIds, state.roster)},`,
      secretaries: state.secretaryIds.map(name),
    },
    version: input.version ?? null,
    wholeSitting: wholeSittingExtract(state, item, vote?.id ?? null),
    footer: `Délibération n° ${texts.identifier} — séance du ${longFrenchDate(input.sitting.date)} — ${input.actesId ? actesId : "acte non encore transmis"}`,
  };
}
