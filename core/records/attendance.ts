// Who sat when an item was called, as the register names them: present, represented (with their
// mandataire), excused, absent — each member once, so the four add up to the members in office —
// and the arrivals, departures and proxies given during the sitting before that call (#14.2, #14.7).
import type { ItemCall, RosterMember, SittingState } from "../sitting/state";
import { frenchClock, storedTimeToMs } from "../time";

export const ROLE_ORDER = ["maire", "adjoint", "conseiller-delegue", "conseiller"] as const;
type RoleKey = (typeof ROLE_ORDER)[number];
const ROLE_LABELS: Record<RoleKey, string> = {
  maire: "Maire",
  adjoint: "Adjoints",
  "conseiller-delegue": "Conseillers municipaux délégués",
  conseiller: "Conseillers municipaux",
};

export interface RoleGroup {
  role: string;
  label: string;
  names: string[];
}

/** Civility and rank by member id (the roster holds names and roles, not these). */
export type MemberDetails = Record<string, { civility: string; rank: number }>;

function roleKey(role: string): RoleKey {
  return (ROLE_ORDER as readonly string[]).includes(role) ? (role as RoleKey) : "conseiller";
}

export function isFeminine(civility: string | undefined): boolean {
  return (civility ?? "").trim().toLowerCase().startsWith("mme");
}

/** How the register names a member's office, in the member's grammatical gender. */
export function roleTitle(role: string, civility: string): string {
  const f = isFeminine(civility);
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

/** Members grouped by office, in the order of the table (rank, then seat, then name). */
export function groupByRole(roster: Record<string, RosterMember>, ids: readonly string[], details: MemberDetails): RoleGroup[] {
  const groups: RoleGroup[] = [];
  for (const role of ROLE_ORDER) {
    const members = ids
      .map((id) => roster[id])
      .filter((m): m is RosterMember => !!m && roleKey(m.role) === role)
      .sort((a, b) => (details[a.id]?.rank ?? 0) - (details[b.id]?.rank ?? 0) || (a.seat ?? 999) - (b.seat ?? 999) || a.name.localeCompare(b.name));
    if (members.length) groups.push({ role, label: ROLE_LABELS[role], names: members.map((m) => m.name) });
  }
  return groups;
}

/** "La secrétaire de séance", "Le secrétaire de séance", "Les secrétaires de séance" (L2121-15). */
export function secretaryLabel(ids: readonly string[], roster: Record<string, RosterMember>): string {
  if (ids.length > 1) return "Les secrétaires de séance";
  return isFeminine(roster[ids[0] ?? ""]?.civility) ? "La secrétaire de séance" : "Le secrétaire de séance";
}

/** "La Maire", "Le Maire", "La présidente de séance", "Le président de séance". */
export function presidentLabel(state: Pick<SittingState, "presidentMemberId" | "roster">): string {
  const m = state.roster[state.presidentMemberId ?? ""];
  const f = isFeminine(m?.civility);
  if (m?.role === "maire") return f ? "La Maire" : "Le Maire";
  return f ? "La présidente de séance" : "Le président de séance";
}

/** "Mme Léonore MONCOND'HUY, Maire": the president as the register names them. */
export function presidentWithTitle(state: Pick<SittingState, "presidentMemberId" | "roster">): string | null {
  const m = state.roster[state.presidentMemberId ?? ""];
  return m ? `${m.name}, ${roleTitle(m.role, m.civility)}` : null;
}

export type Movement =
  | { kind: "arrival"; memberId: string; at: string }
  | { kind: "departure"; memberId: string; at: string; proxyTo: string | null }
  | { kind: "proxy"; from: string; to: string; at: string };

export interface Attendance {
  present: string[];
  represented: { mandant: string; mandataire: string }[];
  excused: string[];
  /** Absent without a proxy, those who left included. */
  absent: string[];
  recused: string[];
  /** Before the call, after the opening: late arrivals, departures (with the proxy left), proxies given. */
  movements: Movement[];
}

const after = (a: string, b: string | undefined, tz: string) => !!b && (storedTimeToMs(a, tz) ?? 0) > (storedTimeToMs(b, tz) ?? 0);

/**
 * The attendance of an item from its call snapshot and the state it was called in. A mandant whose
 * proxy cannot be used on the item (an interested party) counts as absent for it.
 */
export function attendanceAt(call: ItemCall, atCall: SittingState): Attendance {
  const tz = atCall.settings.timeZone;
  const representedIds = new Set(call.proxies.map((p) => p.from));
  const notHere = call.absentIds.filter((id) => !representedIds.has(id));
  const opening = atCall.opening?.at;
  const movements: Movement[] = [];
  for (const [memberId, a] of Object.entries(atCall.attendance)) {
    if (a.arrivedAt && after(a.arrivedAt, opening, tz)) movements.push({ kind: "arrival", memberId, at: a.arrivedAt });
    if (a.status === "left" && a.leftAt) movements.push({ kind: "departure", memberId, at: a.leftAt, proxyTo: atCall.proxies[memberId]?.to ?? null });
  }
  for (const [from, p] of Object.entries(atCall.proxies)) {
    // A departure already names the proxy its member left.
    if (after(p.at, opening, tz) && atCall.attendance[from]?.status !== "left") movements.push({ kind: "proxy", from, to: p.to, at: p.at });
  }
  movements.sort((x, y) => (storedTimeToMs(x.at, tz) ?? 0) - (storedTimeToMs(y.at, tz) ?? 0));
  return {
    present: call.presentIds,
    represented: call.proxies.map((p) => ({ mandant: p.from, mandataire: p.to })),
    excused: notHere.filter((id) => atCall.attendance[id]?.status === "excused"),
    absent: notHere.filter((id) => atCall.attendance[id]?.status !== "excused"),
    recused: call.recusedIds,
    movements,
  };
}

/** A movement as the register writes it: "Mme X a quitté la séance à 19h05 et a donné pouvoir à M. Y". */
export function movementSentence(m: Movement, roster: Record<string, RosterMember>, timeZone: string): string {
  const name = (id: string) => roster[id]?.name ?? id;
  const e = (id: string) => (isFeminine(roster[id]?.civility) ? "e" : "");
  switch (m.kind) {
    case "arrival":
      return `${name(m.memberId)} est arrivé${e(m.memberId)} à ${frenchClock(m.at, timeZone)}`;
    case "departure":
      return `${name(m.memberId)} a quitté la séance à ${frenchClock(m.at, timeZone)}${m.proxyTo ? ` et a donné pouvoir à ${name(m.proxyTo)}` : ""}`;
    case "proxy":
      return `${name(m.from)} a donné pouvoir à ${name(m.to)} à ${frenchClock(m.at, timeZone)}`;
  }
}
