// The "Liste des délibérations" of a sitting (CGCT L2121-25): every item examined, adopted or not,
// posted at the town hall and put online within a week — the list says on which day it was.
import type { SittingState } from "../sitting/state";
import { frenchHour, longFrenchDate } from "../time";
import { decisionOf } from "./whole-sitting-record";
import type { VersionNote } from "./publication";

export type DeliberationDecision = "adopted" | "rejected" | "deferred" | "withdrawn" | "not-examined";

export interface DeliberationListModel {
  councilName: string;
  commune: string;
  title: string;
  sittingLine: string;
  place: string;
  legalNote: string;
  /** "Liste mise en ligne le 5 octobre 2022" once published; null for a working copy. */
  onlineLine: string | null;
  entries: { number: number; identifier: string; subject: string; decision: DeliberationDecision; decisionLabel: string; href: string | null }[];
  footer: string;
  version: VersionNote | null;
}

export interface DeliberationListInput {
  state: SittingState;
  council: { name: string; commune: string };
  sitting: { date: string; time: string; place: string };
  /** Identifier and title of each item by id, from the agenda. */
  texts: Record<string, { identifier: string; title: string }>;
  /** Link to an item's extract, when one is published. */
  hrefFor?: (itemId: string) => string;
  /** The day the list is put online (its publication); null while it is not. */
  onlineOn: string | null;
  version?: VersionNote | null;
}

const DECISION_LABELS: Record<DeliberationDecision, string> = {
  adopted: "Adoptée",
  rejected: "Rejetée",
  deferred: "Reportée (quorum non atteint)",
  withdrawn: "Retirée",
  "not-examined": "Non examinée",
};

export function buildDeliberationList(input: DeliberationListInput): DeliberationListModel {
  const { state } = input;
  const entries = state.itemOrder.flatMap((id) => {
    const it = state.items[id];
    if (!it) return [];
    const decision: DeliberationDecision =
      it.status === "decided" && it.result
        ? it.result.outcome
        : it.status === "deferred"
          ? "deferred"
          : it.status === "withdrawn"
            ? "withdrawn"
            : "not-examined";
    const unanimous = it.status === "decided" && it.result?.unanimous ? " à l'unanimité" : "";
    const decided = decision === "adopted" || decision === "rejected";
    // Withdrawn, deferred by the chair, a designation: the whole sitting's own words (#13).
    const special = it.setAside || it.nomination?.elected.length ? decisionOf(it) : null;
    return [
      {
        number: it.order,
        identifier: input.texts[id]?.identifier ?? "",
        subject: input.texts[id]?.title ?? it.title,
        decision,
        decisionLabel: special ?? `${DECISION_LABELS[decision]}${unanimous}`,
        href: decided && input.hrefFor ? input.hrefFor(id) : null,
      },
    ];
  });
  const date = longFrenchDate(input.sitting.date);
  return {
    councilName: input.council.name,
    commune: input.council.commune,
    title: "LISTE DES DÉLIBÉRATIONS",
    sittingLine: `Séance du conseil municipal du ${date} à ${frenchHour(input.sitting.time)}`,
    place: input.sitting.place,
    legalNote:
      "Liste affichée à la mairie et mise en ligne sur le site internet de la commune dans un délai d'une semaine (article L. 2121-25 du Code général des collectivités territoriales).",
    onlineLine: input.onlineOn ? `Liste mise en ligne le ${longFrenchDate(input.onlineOn)}.` : null,
    entries,
    footer: `Liste des délibérations — séance du ${date}`,
    version: input.version ?? null,
  };
}
