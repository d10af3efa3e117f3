// What each audience may see of a sitting. The public view carries only public data; a secret
// ballot's choices never appear before close, and never next to a name.
import { ballotsCast, countNamedBallots, listEntitlements, entitlementKey, hasVoted, presentIds, usableProxies } from "./derive";
import type { Choice, Tally } from "./protocol";
import type { ItemState, QuorumSnapshot, ResultSnapshot, SittingState, VoteState } from "./state";
import { projectDebate, type DebateView } from "./debate-view";

export interface SittingHeader {
  councilName: string;
  commune: string;
  date: string;
  time: string;
  place: string;
  rapporteursByItem: Record<string, string[]>;
}

export interface PublicVoteView {
  id: string;
  itemId: string;
  mode: VoteState["mode"];
  reveal: VoteState["reveal"];
  status: VoteState["status"];
  openedAt: string;
  closedAt: string | null;
  ballotsCast: number;
  expected: number;
  tally: Tally | null; // null while hidden
  names: { memberId: string; onBehalfOf: string; choice: Choice }[] | null; // public ballots only
}

export interface PublicView {
  kind: "public";
  seq: number;
  /** The last event's hash: anyone may note it and check it later against the published log. */
  chainHead: string;
  sittingId: string;
  header: SittingHeader;
  ruleSetId: string;
  status: SittingState["status"];
  secondConvocation: boolean;
  presidentMemberId: string | null;
  secretaryIds: string[];
  membersInOffice: number;
  counts: { present: number; represented: number; absent: number; excused: number; left: number };
  quorum: QuorumSnapshot | null;
  roster: {
    id: string;
    name: string;
    civility: string;
    firstName: string;
    lastName: string;
    role: string;
    group: string | null;
    seat: number | null;
    attendance: string;
  }[];
  proxies: { from: string; to: string }[];
  items: {
    id: string;
    order: number;
    title: string;
    kind: ItemState["kind"];
    status: ItemState["status"];
    decidedMode: ItemState["decidedMode"];
    ballotRequests: { public: number; secret: number };
    call: ItemState["call"];
    result: ResultSnapshot | null;
  }[];
  currentItemId: string | null;
  vote: PublicVoteView | null;
  lastVoteId: string | null;
  opening: SittingState["opening"];
  suspensions: SittingState["suspensions"];
  closedAt: string | null;
  /** The debate: who has the floor and until when, the speakers' list, time used (#15). */
  debate: DebateView;
}

export interface MemberView {
  memberId: string;
  name: string;
  present: boolean;
  canCheckIn: boolean;
  /** Ballots this member may cast on the open vote, with what they already cast (never a secret choice). */
  entitlements: { onBehalfOf: string; onBehalfOfName: string | null; voted: boolean; choice: Choice | null; at: string | null }[];
  interests: string[];
  requests: { itemId: string; mode: "public" | "secret" }[];
}

export interface ChairView {
  entitlementsTotal: number;
  notYetVoted: { memberId: string; onBehalfOf: string }[];
  settings: SittingState["settings"];
}

function voteView(state: SittingState, vote: VoteState): PublicVoteView {
  const closed = vote.status !== "open";
  const visible = closed || (vote.reveal === "live" && vote.mode !== "secret");
  const tally = closed ? vote.finalTally : visible ? (vote.mode === "show-of-hands" ? (vote.hands?.tally ?? null) : countNamedBallots(vote)) : null;
  const names =
    vote.mode === "public" && visible
      ? Object.values(vote.ballots)
          .map((b) => ({ memberId: b.memberId, onBehalfOf: b.onBehalfOf, choice: b.choice }))
          .sort((a, b) => (a.memberId + a.onBehalfOf).localeCompare(b.memberId + b.onBehalfOf))
      : null;
  return {
    id: vote.id,
    itemId: vote.itemId,
    mode: vote.mode,
    reveal: vote.reveal,
    status: vote.status,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    ballotsCast: ballotsCast(vote),
    expected: closed ? ballotsCast(vote) : listEntitlements(state, vote).length,
    tally,
    names,
  };
}

function lastVote(state: SittingState): VoteState | null {
  if (state.openVoteId) return state.votes[state.openVoteId] ?? null;
  const current = state.currentItemId ? state.items[state.currentItemId] : null;
  const id = current?.voteIds[current.voteIds.length - 1];
  return id ? (state.votes[id] ?? null) : null;
}

export function projectPublic(state: SittingState, header: SittingHeader): PublicView {
  const present = presentIds(state);
  const status = (s: string) => Object.values(state.attendance).filter((a) => a.status === s).length;
  const proxies = usableProxies(state);
  const vote = lastVote(state);
  const current = state.currentItemId ? state.items[state.currentItemId] : null;
  return {
    kind: "public",
    seq: state.seq,
    chainHead: state.lastHash,
    sittingId: state.sittingId,
    header,
    ruleSetId: state.ruleSetId,
    status: state.status,
    secondConvocation: state.secondConvocation,
    presidentMemberId: state.presidentMemberId,
    secretaryIds: state.secretaryIds,
    membersInOffice: state.membersInOffice,
    counts: {
      present: present.length,
      represented: proxies.length,
      absent: state.membersInOffice - present.length,
      excused: status("excused"),
      left: status("left"),
    },
    quorum: current?.call?.quorum ?? state.opening?.quorum ?? null,
    roster: Object.values(state.roster)
      .sort((a, b) => (a.seat ?? 999) - (b.seat ?? 999))
      .map((m) => ({
        id: m.id,
        name: m.name,
        civility: m.civility,
        firstName: m.firstName,
        lastName: m.lastName,
        role: m.role,
        group: m.group,
        seat: m.seat,
        attendance: state.attendance[m.id]?.status ?? "unknown",
      })),
    proxies,
    items: state.itemOrder.flatMap((id) => {
      const it = state.items[id];
      if (!it) return [];
      return [
        {
          id: it.id,
          order: it.order,
          title: it.title,
          kind: it.kind,
          status: it.status,
          decidedMode: it.decidedMode,
          ballotRequests: { public: it.ballotRequests.public.length, secret: it.ballotRequests.secret.length },
          call: it.call,
          result: it.result,
        },
      ];
    }),
    currentItemId: state.currentItemId,
    vote: vote ? voteView(state, vote) : null,
    lastVoteId: vote?.id ?? null,
    opening: state.opening,
    suspensions: state.suspensions,
    closedAt: state.closedAt,
    debate: projectDebate(state, header),
  };
}

export function projectMember(state: SittingState, memberId: string): MemberView {
  const vote = state.openVoteId ? state.votes[state.openVoteId] : null;
  const entitlements = vote
    ? listEntitlements(state, vote)
        .filter((e) => e.memberId === memberId)
        .map((e) => {
          const named = vote.ballots[entitlementKey(e)];
          return {
            onBehalfOf: e.onBehalfOf,
            onBehalfOfName: e.onBehalfOf ? (state.roster[e.onBehalfOf]?.name ?? null) : null,
            voted: hasVoted(vote, e),
            choice: vote.mode === "secret" ? null : (named?.choice ?? null),
            at: vote.mode === "secret" ? null : (named?.at ?? null),
          };
        })
        .sort((a, b) => a.onBehalfOf.localeCompare(b.onBehalfOf))
    : [];
  return {
    memberId,
    name: state.roster[memberId]?.name ?? memberId,
    present: state.attendance[memberId]?.status === "present",
    canCheckIn: state.settings.selfCheckIn && state.status !== "closed",
    entitlements,
    interests: state.itemOrder.filter((id) => state.items[id]?.interests.includes(memberId)),
    requests: state.itemOrder.flatMap((id) => {
      const it = state.items[id];
      if (!it) return [];
      return (["public", "secret"] as const).filter((m) => it.ballotRequests[m].includes(memberId)).map((mode) => ({ itemId: id, mode }));
    }),
  };
}

export function projectChair(state: SittingState): ChairView {
  const vote = state.openVoteId ? state.votes[state.openVoteId] : null;
  const ents = vote ? listEntitlements(state, vote) : [];
  return {
    entitlementsTotal: ents.length,
    notYetVoted: vote ? ents.filter((e) => !hasVoted(vote, e)) : [],
    settings: state.settings,
  };
}
