// A small council for the pure core's tests: nine members (m1 the mayor, presiding), two items, the
// law in force; helpers to play commands through applyCommand/applyEvent as the room does.
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvents } from "../../../core/sitting/apply-event";
import { initialSittingState, type SittingSetup } from "../../../core/sitting/initial-state";
import type { RoomCommand } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { addToUrn } from "../../../core/sitting/urn";

export const IDS = Array.from({ length: 9 }, (_, i) => `m${i + 1}`);
export const president: Actor = { userId: "u-p", role: "president", memberId: "m1", councilId: "c" };
export const clerk: Actor = { userId: "u-c", role: "clerk", memberId: null, councilId: "c" };
export const councillor = (id: string): Actor => ({ userId: `u-${id}`, role: "councillor", memberId: id, councilId: "c" });

export const ITEMS = [
  { id: "i1", order: 1, title: "Budget", kind: "ordinary" },
  { id: "i2", order: 2, title: "Compte administratif", kind: "compte-administratif" },
];

type FixtureOptions = { secondConvocation?: boolean; ruleSetId?: string; items?: { id: string; order: number; title: string; kind: string }[] };

/** The nine members' sitting as the store declares it (the room's tests load it from a memory store). */
export function sittingSetup(settings: Record<string, unknown> = {}, opts: FixtureOptions = {}): SittingSetup {
  return {
    sittingId: "s",
    councilId: "c",
    ruleSetId: opts.ruleSetId ?? "fr-cgct",
    date: "2022-10-03",
    settings,
    secondConvocation: opts.secondConvocation ?? false,
    presidentMemberId: "m1",
    secretaryIds: ["m9"],
    members: IDS.map((id, i) => ({
      id,
      civility: i % 2 ? "Mme" : "M.",
      firstName: `Prénom${i + 1}`,
      lastName: `NOM${i + 1}`,
      role: i === 0 ? "maire" : "conseiller",
      group: i < 5 ? "Majorité" : "Opposition",
      seat: i + 1,
      birthDate: `19${60 + i}-01-01`,
      mandateStart: "2020-07-03",
      mandateEnd: null,
    })),
    items: opts.items ?? ITEMS,
  };
}

export function newSitting(settings: Record<string, unknown> = {}, opts: FixtureOptions = {}): SittingState {
  return initialSittingState(sittingSetup(settings, opts));
}

let n = 0;
export const ctx = () => ({ now: "2022-10-03T16:05:00.000Z", newId: () => `v${++n}` });

/** Applies a command as the room does (a secret deposit's choice to the urn); throws when refused (the test's own steps must pass). */
export function play(state: SittingState, actor: Actor, cmd: RoomCommand): SittingState {
  const out = applyCommand(state, actor, cmd, ctx());
  if (!out.ok) throw new Error(`${cmd.type} refused: ${out.error.code} ${out.error.detail ?? ""}`);
  const next = applyEvents(state, out.events);
  next.seq += out.events.length;
  const vote = out.urnAdd && "voteId" in cmd ? next.votes[cmd.voteId] : undefined;
  if (vote && out.urnAdd) {
    const urn = addToUrn({ tally: vote.urn, candidates: vote.candidateUrn ?? [] }, out.urnAdd);
    vote.urn = urn.tally;
    if (vote.nomination) vote.candidateUrn = urn.candidates;
  }
  return next;
}

/** The refusal code of a command, or "accepted". */
export function refusal(state: SittingState, actor: Actor, cmd: RoomCommand): string {
  const out = applyCommand(state, actor, cmd, ctx());
  return out.ok ? "accepted" : out.error.code;
}

/** Seats 1..n present, the sitting open, item i1 called. */
export function liveItem(present = 7, settings: Record<string, unknown> = {}): SittingState {
  let s = newSitting(settings);
  for (const id of IDS.slice(0, present)) s = play(s, president, { type: "rollcall:mark", memberId: id, status: "present" });
  s = play(s, president, { type: "sitting:open" });
  return play(s, president, { type: "item:call", itemId: "i1" });
}

/**
 * The council goes into closed session (HUISCLOS-1) on item i1: the mayor's motion, carried by four
 * members and the president. `apply` plays each command (a test's own clock, or `play`).
 */
export function carryHuisClos(state: SittingState, apply: (s: SittingState, actor: Actor, cmd: RoomCommand) => SittingState = play): SittingState {
  let s = apply(state, president, { type: "vote:open", itemId: "i1", motion: "huis-clos", mode: "public" });
  const motion = s.openVoteId!;
  for (const m of ["m2", "m3", "m4", "m5"]) s = apply(s, councillor(m), { type: "ballot:cast", voteId: motion, choice: "pour" });
  s = apply(s, president, { type: "vote:president-turn", voteId: motion });
  s = apply(s, president, { type: "vote:close", voteId: motion });
  return apply(s, president, { type: "vote:proclaim", voteId: motion });
}
