// The public view travels as patches: a screen gets one snapshot (when it subscribes, or after a gap)
// and then, for each broadcast, only what changed — a ballot is the vote's new figures and, in a
// public ballot, one name; a roll-call change is one member and the counts. The server computes a
// patch with `diffPublicView` and every screen applies it with `applyPublicPatch`, the same pure code,
// so "snapshot + every patch = the server's view" (tested as a property over random sittings).
import type { PublicView, PublicVoteView } from "./projection";

type RosterEntry = PublicView["roster"][number];
type ItemEntry = PublicView["items"][number];
type NameEntry = NonNullable<PublicVoteView["names"]>[number];

/** Fields of the view sent whole when they change (the roster and agenda only when their members or items change). */
type Whole = Omit<PublicView, "kind" | "seq" | "chainHead" | "vote">;

export interface VotePatch {
  id: string;
  /** Fields of the same vote that changed (the tally, the counts, the status). */
  set: Partial<Omit<PublicVoteView, "id" | "names">>;
  /** Named ballots cast or changed since (public ballots), by member and mandant. */
  names?: NameEntry[];
}

export interface PublicPatch {
  kind: "patch";
  sittingId: string;
  /** The view's `seq` this patch applies to; a screen at another seq asks for a snapshot. */
  fromSeq: number;
  seq: number;
  chainHead: string;
  set?: Partial<Whole>;
  /** Members whose entry changed, whole; the roster itself (who is in it) changes only by `set`. */
  roster?: RosterEntry[];
  /** Agenda items whose entry changed, whole. */
  items?: ItemEntry[];
  /** The open or last vote: replaced whole (another vote, or none), or patched when it is the same. */
  vote?: { whole: PublicVoteView | null } | { patch: VotePatch };
}

/**
 * Whether two JSON values are the same once sent (a key whose value is undefined is absent, as in
 * JSON). Walks both at once and stops at the first difference: a broadcast compares every roster
 * entry and agenda item, and serialising both sides each time cost more than the rest of the diff.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!same(a[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined += 1;
    if (!same(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined -= 1;
  return defined === 0;
}
const nameKey = (n: NameEntry) => `${n.memberId}|${n.onBehalfOf}`;

/** Changed entries of a list keyed by id, or null when the ids (or their order) differ. */
function changedById<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] | null {
  if (before.length !== after.length) return null;
  const changed: T[] = [];
  for (let i = 0; i < after.length; i += 1) {
    const a = before[i]!;
    const b = after[i]!;
    if (a.id !== b.id) return null;
    if (!same(a, b)) changed.push(b);
  }
  return changed;
}

function diffVote(before: PublicVoteView | null, after: PublicVoteView | null): PublicPatch["vote"] {
  if (same(before, after)) return undefined;
  if (!before || !after || before.id !== after.id) return { whole: after };
  const set: VotePatch["set"] = {};
  for (const key of Object.keys(after) as (keyof PublicVoteView)[]) {
    if (key === "id" || key === "names") continue;
    if (!same(before[key], after[key])) Object.assign(set, { [key]: after[key] });
  }
  const patch: VotePatch = { id: after.id, set };
  if (!same(before.names, after.names)) {
    // Names only appear or change while a vote is visible; anything else is sent whole.
    if (!before.names || !after.names) return { whole: after };
    const old = new Map(before.names.map((n) => [nameKey(n), n]));
    const keys = new Set(after.names.map(nameKey));
    if ([...old.keys()].some((k) => !keys.has(k))) return { whole: after };
    patch.names = after.names.filter((n) => !same(old.get(nameKey(n)), n));
  }
  return { patch };
}

/** What changed from `before` to `after` (two views of the same sitting), as a patch. */
export function diffPublicView(before: PublicView, after: PublicView): PublicPatch {
  const patch: PublicPatch = { kind: "patch", sittingId: after.sittingId, fromSeq: before.seq, seq: after.seq, chainHead: after.chainHead };
  const set: Partial<Whole> = {};
  for (const key of Object.keys(after) as (keyof PublicView)[]) {
    if (key === "kind" || key === "seq" || key === "chainHead" || key === "roster" || key === "items" || key === "vote") continue;
    if (!same(before[key], after[key])) Object.assign(set, { [key]: after[key] });
  }
  const roster = changedById(before.roster, after.roster);
  if (roster === null) set.roster = after.roster;
  else if (roster.length) patch.roster = roster;
  const items = changedById(before.items, after.items);
  if (items === null) set.items = after.items;
  else if (items.length) patch.items = items;
  const vote = diffVote(before.vote, after.vote);
  if (vote) patch.vote = vote;
  if (Object.keys(set).length) patch.set = set;
  return patch;
}

/** Whether a screen holding `view` can apply `patch` (otherwise it asks for a snapshot). */
export function patchApplies(view: PublicView, patch: PublicPatch): boolean {
  return view.sittingId === patch.sittingId && view.seq === patch.fromSeq;
}

function patchList<T extends { id: string }>(list: readonly T[], changed: readonly T[] | undefined): T[] {
  if (!changed?.length) return list as T[];
  const byId = new Map(changed.map((e) => [e.id, e]));
  return list.map((e) => byId.get(e.id) ?? e);
}

function applyVote(vote: PublicVoteView | null, p: PublicPatch["vote"]): PublicVoteView | null {
  if (!p) return vote;
  if ("whole" in p) return p.whole;
  if (!vote || vote.id !== p.patch.id) throw new Error(`vote patch for ${p.patch.id} on ${vote?.id ?? "no vote"}`);
  const next: PublicVoteView = { ...vote, ...p.patch.set };
  if (p.patch.names?.length) {
    const names = new Map((vote.names ?? []).map((n) => [nameKey(n), n]));
    for (const n of p.patch.names) names.set(nameKey(n), n);
    next.names = [...names.values()].sort((a, b) => (a.memberId + a.onBehalfOf).localeCompare(b.memberId + b.onBehalfOf));
  }
  return next;
}

/** The view after the patch; a new object (the input is not changed). Throws when it does not apply. */
export function applyPublicPatch(view: PublicView, patch: PublicPatch): PublicView {
  if (!patchApplies(view, patch)) throw new Error(`patch from ${patch.fromSeq} does not apply to the view at ${view.seq}`);
  const next: PublicView = { ...view, ...patch.set, seq: patch.seq, chainHead: patch.chainHead };
  next.roster = patchList(next.roster, patch.roster);
  next.items = patchList(next.items, patch.items);
  next.vote = applyVote(view.vote, patch.vote);
  return next;
}
