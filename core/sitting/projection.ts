// What each audience may see of a sitting. The public view carries only public data; a secret
// ballot's choices never appear before close, and never next to a name; during a closed session
// (L2121-18) the public sees "huis clos" and nothing of the items discussed (the council sees all).
import { ballotsCast, countNamedBallots, listEntitlements, entitlementKey, hasVoted, liveQuorum, presentIds, usableProxies } from "./derive";
import { chairLive, hiddenInCamera, itemExtras, pickNames, voteExtras, type ItemExtras, type VoteExtras } from "./projection-parts";
import type { Choice, Tally } from "./protocol";
import type { ItemState, QuorumSnapshot, ResultSnapshot, SittingState, VoteState } from "./state";
import { agendaIsPublic, itemsAddedAfterConvocation } from "../convocation/sitting-part";
import { forecastAttendance, type AttendanceForecast } from "../convocation/forecast";
import { projectDebate, type DebateView } from "./debate-view";

/** Who a view is for: the public, or the council (its members and the chair), unmasked in a closed session. */
export type Audience = "public" | "council";

export interface SittingHeader {
  councilName: string;
  commune: string;
  date: string;
  time: string;
  place: string;
  rapporteursByItem: Record<string, string[]>;
}

export interface PublicVoteView extends VoteExtras {
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
  /** An open nomination's named picks (candidate id, null = blank); null otherwise. */
  picks: { memberId: string; onBehalfOf: string; candidateId: string | null }[] | null;
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
  /** The quorum with the roll call as it stands now (QUORUM-10); each item keeps the one of its call. */
  quorum: QuorumSnapshot | null;
  /** The council sits in closed session: the public sees no item detail until it ends. */
  huisClos: { since: string } | null;
  /** Motions for huis clos, voted in public, with their result and the closed session they began. */
  closedSessions: SittingState["closedSessions"];
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
  items: ({
    id: string;
    order: number;
    title: string;
    kind: ItemState["kind"];
    /** "in-camera": called during the closed session under way (the public sees nothing more). */
    status: ItemState["status"] | "in-camera";
    decidedMode: ItemState["decidedMode"];
    ballotRequests: { public: number; secret: number };
    call: ItemState["call"];
    result: ResultSnapshot | null;
    /** Not in a convocation sent within the legal delay: the council must agree to examine it (#19.3). */
    addedAfterConvocation: boolean;
  } & ItemExtras)[];
  /** The convocation as posted; the agenda (`items`) stays empty until the ordre du jour is published (#19.3). */
  convocation: { sentOn: string | null; urgencyReason: string | null; agendaPublishedOn: string | null; agendaPublic: boolean };
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
  entitlements: {
    onBehalfOf: string;
    onBehalfOfName: string | null;
    voted: boolean;
    choice: Choice | null;
    /** An open nomination: the candidate chosen (null = blank), undefined when none yet. */
    candidateId?: string | null;
    at: string | null;
    /** The chair recorded this ballot (the member had no device). */
    byChair?: boolean;
  }[];
  /** The president votes last: how many ballots she waits for (told before, never refused in silence). */
  votesLast: { waiting: number; othersClosed: boolean } | null;
  interests: string[];
  requests: { itemId: string; mode: "public" | "secret" }[];
}

export interface ChairView {
  entitlementsTotal: number;
  notYetVoted: { memberId: string; onBehalfOf: string }[];
  settings: SittingState["settings"];
  /** An open nomination's figures as they come in (never a secret round's: PRIVACY). */
  liveNomination: { votes: number[]; blank: number } | null;
  /** Ballots the chair recorded (keys `member|mandant`), to mark them on the grid. */
  recordedByChair: string[];
  /** Before the opening: the quorum the declarations in advance let the chair expect (#19.4). */
  forecast: AttendanceForecast | null;
  /** The agenda while the public cannot see it yet (before its publication). */
  agenda: PublicView["items"] | null;
}

function voteView(state: SittingState, vote: VoteState): PublicVoteView {
  const closed = vote.status === "closed" || vote.status === "proclaimed";
  const visible = closed || (vote.status === "open" && vote.reveal === "live" && vote.mode !== "secret");
  const tally = closed ? vote.finalTally : visible ? (vote.mode === "show-of-hands" ? (vote.hands?.tally ?? null) : countNamedBallots(vote)) : null;
  const names =
    vote.mode === "public" && visible && !vote.nomination
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
    // "N votes sur M": M stays the members who could vote, after the close too.
    expected: listEntitlements(state, vote).length,
    tally: vote.nomination ? null : tally,
    names,
    picks: vote.nomination && vote.mode === "public" && visible ? pickNames(vote) : null,
    ...voteExtras(vote, visible),
  };
}

function lastVote(state: SittingState): VoteState | null {
  if (state.openVoteId) return state.votes[state.openVoteId] ?? null;
  // The last vote held on the item under discussion: on the item, one of its amendments or a motion.
  const id = state.currentItemId;
  let last: VoteState | null = null;
  for (const v of Object.values(state.votes)) if (v.itemId === id) last = v;
  return last;
}

/** The agenda as an audience sees it: during a closed session the public sees the items discussed in camera by their title only. */
function viewItems(state: SittingState, audience: Audience): PublicView["items"] {
  const late = new Set(itemsAddedAfterConvocation(state));
  return state.itemOrder.flatMap((id): PublicView["items"] => {
    const it = state.items[id];
    if (!it) return [];
    const addedAfterConvocation = late.has(it.id);
    if (audience === "public" && hiddenInCamera(state, it))
      return [
        {
          id: it.id,
          order: it.order,
          title: it.title,
          kind: it.kind,
          status: "in-camera" as const,
          decidedMode: null,
          ballotRequests: { public: 0, secret: 0 },
          call: null,
          result: null,
          addedAfterConvocation,
          setAside: null,
          amendments: [],
          nomination: null,
          inCamera: true,
        },
      ];
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
        addedAfterConvocation,
        ...itemExtras(it),
      },
    ];
  });
}

function publicDebate(state: SittingState, header: SittingHeader, masked: boolean): DebateView {
  const d = projectDebate(state, header, (speech) => !state.items[speech.itemId]?.inCamera);
  return masked ? hideSpeakers(d) : d;
}

function hideSpeakers(d: DebateView): DebateView {
  return { ...d, itemId: null, current: null, queue: [], rapporteurs: [], used: { ...d.used, item: { byMember: {}, byGroup: {} } } };
}

/**
 * The public view; `audience: "council"` is the same view unmasked during a closed session (sent to
 * the council's members and the chair only).
 */
export function projectPublic(state: SittingState, header: SittingHeader, audience: Audience = "public"): PublicView {
  const present = presentIds(state);
  const status = (s: string) => Object.values(state.attendance).filter((a) => a.status === s).length;
  const proxies = usableProxies(state);
  const current = state.currentItemId ? state.items[state.currentItemId] : null;
  const masked = audience === "public" && !!current && hiddenInCamera(state, current);
  const vote = masked ? null : lastVote(state);
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
    quorum: state.status === "closed" ? (state.opening?.quorum ?? null) : liveQuorum(state),
    huisClos: state.huisClos ? { since: state.huisClos.since } : null,
    closedSessions: state.closedSessions,
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
    items: agendaIsPublic(state) ? viewItems(state, audience) : [],
    convocation: {
      sentOn: state.convocation.dispatches[0]?.on ?? null,
      urgencyReason: state.convocation.dispatches[0]?.urgencyReason ?? null,
      agendaPublishedOn: state.convocation.agendaPublished?.on ?? null,
      agendaPublic: agendaIsPublic(state),
    },
    currentItemId: masked ? null : state.currentItemId,
    vote: vote ? voteView(state, vote) : null,
    lastVoteId: vote?.id ?? null,
    opening: state.opening,
    suspensions: state.suspensions,
    closedAt: state.closedAt,
    // In camera (L2121-18) the public does not learn who speaks on the items discussed, then or later:
    // their speeches stay out of its speaking times (DEBATE-12).
    debate: audience === "council" ? projectDebate(state, header) : publicDebate(state, header, masked),
  };
}

export function projectMember(state: SittingState, memberId: string): MemberView {
  return projectMembers(state, [memberId]).get(memberId)!;
}

/**
 * The views of several members at once, as a broadcast needs them: the electorate is walked once and
 * shared (a member's view reads only their own entitlements), so 69 views cost about one.
 */
export function projectMembers(state: SittingState, memberIds: readonly string[]): Map<string, MemberView> {
  const vote = state.openVoteId ? state.votes[state.openVoteId] : null;
  const electorate = vote ? listEntitlements(state, vote) : [];
  const byMember = new Map<string, typeof electorate>();
  for (const e of electorate) {
    const list = byMember.get(e.memberId);
    if (list) list.push(e);
    else byMember.set(e.memberId, [e]);
  }
  const secret = vote?.mode === "secret";
  const entitlementsOf = (memberId: string): MemberView["entitlements"] =>
    vote
      ? (byMember.get(memberId) ?? [])
          .map((e) => {
            const key = entitlementKey(e);
            const named = vote.ballots[key];
            const pick = vote.picks?.[key];
            return {
              onBehalfOf: e.onBehalfOf,
              onBehalfOfName: e.onBehalfOf ? (state.roster[e.onBehalfOf]?.name ?? null) : null,
              voted: hasVoted(vote, e),
              choice: secret ? null : (named?.choice ?? null),
              ...(vote.nomination && !secret && pick ? { candidateId: pick.candidateId } : {}),
              at: secret ? null : (named?.at ?? pick?.at ?? null),
              ...(vote.byChair?.includes(key) ? { byChair: true } : {}),
            };
          })
          .sort((a, b) => a.onBehalfOf.localeCompare(b.onBehalfOf))
      : [];
  // The president who votes last is told how many ballots she waits for (PRES-1).
  const presidentWaits = !!(vote && state.settings.presidentVotesLast && vote.mode !== "show-of-hands");
  const votesLast = (memberId: string): MemberView["votesLast"] => {
    if (!vote || !presidentWaits || memberId !== state.presidentMemberId) return null;
    const waiting = electorate.filter((e) => e.memberId !== memberId && !hasVoted(vote, e)).length;
    return { waiting: vote.othersClosed ? 0 : waiting, othersClosed: !!vote.othersClosed };
  };
  const canCheckIn = state.settings.selfCheckIn && state.status !== "closed";
  const views = new Map<string, MemberView>();
  for (const memberId of memberIds) {
    views.set(memberId, {
      memberId,
      name: state.roster[memberId]?.name ?? memberId,
      votesLast: votesLast(memberId),
      present: state.attendance[memberId]?.status === "present",
      canCheckIn,
      entitlements: entitlementsOf(memberId),
      interests: state.itemOrder.filter((id) => state.items[id]?.interests.includes(memberId)),
      requests: state.itemOrder.flatMap((id) => {
        const it = state.items[id];
        if (!it) return [];
        return (["public", "secret"] as const).filter((m) => it.ballotRequests[m].includes(memberId)).map((mode) => ({ itemId: id, mode }));
      }),
    });
  }
  return views;
}

/** Ballots in the order of their voters' names ("ABEL", "Émery", "ZOLA"), a voter's own before those they hold. */
function byName<T extends { memberId: string; onBehalfOf: string }>(state: SittingState, list: T[]): T[] {
  const key = (e: T) => {
    const m = state.roster[e.memberId];
    return m ? `${m.lastName} ${m.firstName}` : e.memberId;
  };
  return [...list].sort((a, b) => key(a).localeCompare(key(b), "fr", { sensitivity: "base" }) || a.onBehalfOf.localeCompare(b.onBehalfOf));
}

export function projectChair(state: SittingState): ChairView {
  const vote = state.openVoteId ? state.votes[state.openVoteId] : null;
  const ents = vote ? listEntitlements(state, vote) : [];
  return {
    entitlementsTotal: ents.length,
    notYetVoted: vote
      ? byName(
          state,
          ents.filter((e) => !hasVoted(vote, e)),
        )
      : [],
    settings: state.settings,
    liveNomination: chairLive(vote ?? null),
    recordedByChair: vote?.byChair ?? [],
    forecast: state.status === "convened" ? forecastAttendance(state) : null,
    agenda: agendaIsPublic(state) ? null : viewItems(state, "council"),
  };
}
