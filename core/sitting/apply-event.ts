// Folds one event into the sitting state. Pure and total: the same log always gives the same state.
import { computeElectorate, entitlementKey, hasVoted } from "./derive";
import { EMPTY_TALLY, type SittingEvent, type SittingState, type VoteState } from "./state";
import { applyRecordEvent } from "../records/publication"; // records (#14)

/** A member who stops being present during a vote loses the ballots they have not cast yet (SIT-10). */
function lapseUnusedBallots(s: SittingState, memberId: string): void {
  const vote = s.openVoteId ? s.votes[s.openVoteId] : undefined;
  if (!vote) return;
  for (const e of vote.electorate) {
    const key = entitlementKey(e);
    if (e.memberId === memberId && !hasVoted(vote, e) && !vote.lapsed.includes(key)) vote.lapsed.push(key);
  }
}

export function applyEvent(state: SittingState, event: SittingEvent): SittingState {
  const s = structuredClone(state);
  switch (event.type) {
    case "sitting:opened":
      s.status = "opened";
      s.opening = { at: event.at, quorum: event.quorum };
      break;
    case "sitting:suspended":
      s.status = "suspended";
      s.suspensions.push({ at: event.at, resumedAt: null });
      break;
    case "sitting:resumed": {
      s.status = "opened";
      const last = s.suspensions[s.suspensions.length - 1];
      if (last) last.resumedAt = event.at;
      break;
    }
    case "sitting:closed":
      s.status = "closed";
      s.closedAt = event.at;
      s.currentItemId = null;
      break;
    case "rollcall:marked": {
      const prev = s.attendance[event.memberId];
      s.attendance[event.memberId] = {
        status: event.status,
        arrivedAt: event.status === "present" ? (prev?.arrivedAt ?? event.at) : (prev?.arrivedAt ?? null),
        leftAt: null,
      };
      // A member who is here no longer needs a proxy.
      if (event.status === "present") delete s.proxies[event.memberId];
      else lapseUnusedBallots(s, event.memberId);
      break;
    }
    case "rollcall:departed": {
      const prev = s.attendance[event.memberId];
      s.attendance[event.memberId] = { status: "left", arrivedAt: prev?.arrivedAt ?? null, leftAt: event.at };
      lapseUnusedBallots(s, event.memberId);
      break;
    }
    case "proxy:given":
      s.proxies[event.from] = { to: event.to, at: event.at, sittingsUsed: event.sittingsUsed };
      break;
    case "proxy:revoked":
      delete s.proxies[event.from];
      break;
    case "interest:declared": {
      const item = s.items[event.itemId];
      if (item && !item.interests.includes(event.memberId)) item.interests.push(event.memberId);
      break;
    }
    case "item:called": {
      const item = s.items[event.itemId];
      if (item) {
        item.status = "called";
        item.call = event.call;
      }
      s.currentItemId = event.itemId;
      break;
    }
    case "item:deferred": {
      const item = s.items[event.itemId];
      if (item) item.status = "deferred";
      break;
    }
    case "ballot-mode:requested": {
      const item = s.items[event.itemId];
      if (item && !item.ballotRequests[event.mode].includes(event.memberId)) item.ballotRequests[event.mode].push(event.memberId);
      break;
    }
    case "ballot-mode:decided": {
      const item = s.items[event.itemId];
      if (item) item.decidedMode = event.mode;
      break;
    }
    case "vote:opened": {
      const opened = s.items[event.itemId];
      const vote: VoteState = {
        id: event.voteId,
        itemId: event.itemId,
        mode: event.mode,
        reveal: event.reveal,
        allowChange: event.allowChange,
        status: "open",
        openedAt: event.at,
        closedAt: null,
        electorate: event.electorate ?? (opened ? computeElectorate(s, opened) : []),
        lapsed: [],
        changes: {},
        ballots: {},
        signatures: [],
        urn: { ...EMPTY_TALLY },
        hands: null,
        finalTally: null,
      };
      s.votes[event.voteId] = vote;
      s.openVoteId = event.voteId;
      const item = s.items[event.itemId];
      if (item) {
        item.status = "voting";
        item.voteIds.push(event.voteId);
      }
      break;
    }
    case "ballot:cast": {
      const vote = s.votes[event.voteId];
      if (vote) {
        const key = `${event.memberId}|${event.onBehalfOf}`;
        const before = vote.ballots[key];
        if (before && before.choice !== event.choice) vote.changes[key] = (vote.changes[key] ?? 0) + 1;
        vote.ballots[key] = {
          memberId: event.memberId,
          onBehalfOf: event.onBehalfOf,
          choice: event.choice,
          at: event.at,
        };
      }
      break;
    }
    case "ballot:deposited": {
      const vote = s.votes[event.voteId];
      const key = `${event.memberId}|${event.onBehalfOf}`;
      if (vote && !vote.signatures.includes(key)) vote.signatures.push(key);
      break;
    }
    case "vote:hands-recorded": {
      const vote = s.votes[event.voteId];
      if (vote) vote.hands = { tally: event.tally, presidentVote: event.presidentVote };
      break;
    }
    case "vote:closed": {
      const vote = s.votes[event.voteId];
      if (vote) {
        vote.status = "closed";
        vote.closedAt = event.at;
        vote.finalTally = event.tally;
      }
      if (s.openVoteId === event.voteId) s.openVoteId = null;
      break;
    }
    case "vote:proclaimed": {
      const vote = s.votes[event.voteId];
      if (vote) vote.status = "proclaimed";
      const item = s.items[event.itemId];
      if (item) {
        item.status = "decided";
        item.result = event.result;
      }
      break;
    }
    case "minutes:approved":
      s.minutes.versions.push({ version: event.version, hash: event.hash, atSittingId: event.atSittingId, at: event.at });
      s.minutes.state = "approved";
      break;
    case "minutes:reopened":
      s.minutes.state = "draft";
      s.minutes.corrections.push({ at: event.at, reason: event.reason, ofVersion: event.ofVersion });
      break;
    case "minutes:published":
      s.minutes.publishedVersion = event.version;
      s.minutes.publishedAt = event.at;
      break;
    case "record:published": // records (#14)
      s.records = applyRecordEvent(s.records, event);
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${(never as { type: string }).type}`);
    }
  }
  return s;
}
