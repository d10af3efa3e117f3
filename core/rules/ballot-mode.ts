// How an item is voted on: show of hands by default, public or secret ballot when enough members ask,
// secret for nominations.

import { enCount, frCount, reason } from "./reason";
import type { BallotModeDecision, BallotModeInput, RuleSet } from "./types";

export function decideBallotMode(rs: RuleSet, r: BallotModeInput): BallotModeDecision {
  const thresholds = rs.ballotThresholds(r.present);
  const publicThreshold = thresholds.public;
  const secretThreshold = thresholds.secret;
  const article = rs.articles.ballotMode;
  // With nobody present a threshold of 0 would be met by nobody asking; a request needs a requester.
  const secretAsked = r.secretRequests > 0 && r.secretRequests >= secretThreshold;
  const publicAsked = r.publicRequests > 0 && r.publicRequests >= publicThreshold;
  const decided = { publicThreshold, secretThreshold };

  if (r.isNomination && rs.nominationsBySecretBallot) {
    return {
      mode: "secret",
      reason: reason("BALLOT-4", rs.articles.election, "Scrutin secret : il s'agit d'une nomination", "Secret ballot: this is a nomination"),
      ...decided,
    };
  }
  if (secretAsked) {
    return {
      mode: "secret",
      reason: reason(
        publicAsked ? "BALLOT-3" : "BALLOT-2",
        article,
        `Scrutin secret : demandé par ${frCount(r.secretRequests, "membre")} sur ${r.present} présents, le seuil étant de ${secretThreshold}${publicAsked ? " ; le scrutin secret l'emporte sur la demande de scrutin public" : ""}`,
        `Secret ballot: asked for by ${r.secretRequests} of ${enCount(r.present, "member")} present, the threshold being ${secretThreshold}${publicAsked ? "; a secret ballot prevails over the request for a public one" : ""}`,
      ),
      ...decided,
    };
  }
  if (publicAsked) {
    return {
      mode: "public",
      reason: reason(
        "BALLOT-1",
        article,
        `Scrutin public : demandé par ${frCount(r.publicRequests, "membre")} sur ${r.present} présents, le seuil étant de ${publicThreshold}`,
        `Public ballot: asked for by ${r.publicRequests} of ${enCount(r.present, "member")} present, the threshold being ${publicThreshold}`,
      ),
      ...decided,
    };
  }
  return {
    mode: "show-of-hands",
    reason: reason(
      "BALLOT-5",
      article,
      `Vote à main levée : aucune demande n'atteint le seuil (scrutin public ${publicThreshold}, scrutin secret ${secretThreshold} sur ${r.present} présents)`,
      `Show of hands: no request reached its threshold (public ballot ${publicThreshold}, secret ballot ${secretThreshold} of ${r.present} present)`,
    ),
    ...decided,
  };
}
