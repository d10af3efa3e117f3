// What the screens read off a sitting's public view, named once: the item under discussion, its vote,
// a member's name. Pure functions, shared by the mayor's console, the councillors' phones and the
// public screen, so the three never disagree.
import type { PublicView } from "@/core/sitting/projection";

export type ViewItem = PublicView["items"][number];
export type ViewVote = NonNullable<PublicView["vote"]>;
export type ViewMember = PublicView["roster"][number];

export function currentItem(view: PublicView): ViewItem | null {
  return view.items.find((i) => i.id === view.currentItemId) ?? null;
}

/** The vote on the item under discussion (open, or the last one held on it). */
export function currentVote(view: PublicView): ViewVote | null {
  const item = currentItem(view);
  return view.vote && item && view.vote.itemId === item.id ? view.vote : null;
}

/** The vote a member can act on now: any open vote. */
export function openVote(view: PublicView): ViewVote | null {
  return view.vote?.status === "open" ? view.vote : null;
}

export function member(view: PublicView, id: string): ViewMember | undefined {
  return view.roster.find((m) => m.id === id);
}

/** "Mme Léonore MONCOND'HUY" (or the id when the member is unknown). */
export function memberName(view: PublicView, id: string): string {
  return member(view, id)?.name ?? id;
}

/** "Léonore MONCOND'HUY": the seat map and the roll call grid, where the civility adds nothing. */
export function memberShortName(m: ViewMember): string {
  return `${m.firstName} ${m.lastName}`;
}
