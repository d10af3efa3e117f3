// The sitting's rules of procedure: given the state, who asks and what, either the events to append
// or a refusal. Pure: no clock, no ids, no I/O — those are passed in. Each part of the rules is a
// module of core/sitting/domains/; this file checks who may send what and hands the command on.
import { reject } from "../refusal";
import type { CommandBody, InternalCommand, RoomCommand } from "./protocol";
import type { Actor, SittingState } from "./state";
import * as agenda from "./domains/agenda";
import * as amendments from "./domains/amendments";
import * as attendance from "./domains/attendance";
import * as ballots from "./domains/ballots";
import * as chairBallots from "./domains/chair-ballots";
import * as closedSession from "./domains/closed-session";
import * as convocation from "./domains/convocation";
import * as clock from "./domains/clock";
import * as debate from "./domains/debate";
import type { Allowed, CommandContext, CommandOutcome, Decide, DecideTable } from "./domains/kit";
import * as lifecycle from "./domains/lifecycle";
import * as minutesRecord from "./domains/minutes-record";
import * as nominations from "./domains/nominations";
import * as records from "./domains/records";
import * as voting from "./domains/voting";

export type { CommandContext, CommandOutcome } from "./domains/kit";
export { MAX_BALLOT_CHANGES } from "./domains/ballots";

/** Which roles may send each client command (councillor rights are further narrowed to themselves). */
export const COMMAND_ROLES: Record<CommandBody["type"], Allowed> = {
  ...lifecycle.roles,
  ...attendance.roles,
  ...agenda.roles,
  ...voting.roles,
  ...ballots.roles,
  ...amendments.roles,
  ...nominations.roles,
  ...chairBallots.roles,
  ...closedSession.roles,
  ...debate.roles,
  ...clock.roles,
};

/** The server's own commands, sent for a signed-in clerk (never from a socket). */
const INTERNAL_ROLES: Record<InternalCommand["type"], Allowed> = {
  ...minutesRecord.roles,
  ...records.roles,
  ...convocation.roles,
  ...clock.internalRoles,
};

const DECIDE: DecideTable<RoomCommand["type"]> = {
  ...lifecycle.decide,
  ...attendance.decide,
  ...agenda.decide,
  ...voting.decide,
  ...ballots.decide,
  ...amendments.decide,
  ...nominations.decide,
  ...chairBallots.decide,
  ...closedSession.decide,
  ...minutesRecord.decide,
  ...records.decide,
  ...convocation.decide,
  ...debate.decide,
  ...clock.decide,
};

function rolesFor(type: RoomCommand["type"]): Allowed {
  return type in INTERNAL_ROLES ? INTERNAL_ROLES[type as InternalCommand["type"]] : COMMAND_ROLES[type as CommandBody["type"]];
}

export function applyCommand(state: SittingState, actor: Actor, cmd: RoomCommand, ctx: CommandContext): CommandOutcome {
  if (!rolesFor(cmd.type).includes(actor.role)) return reject("forbidden", `${actor.role} may not send ${cmd.type}`);
  if (actor.councilId !== state.councilId) return reject("wrong-sitting");
  const decide = DECIDE[cmd.type] as Decide<RoomCommand> | undefined;
  if (!decide) return reject("bad-request", `unknown command ${cmd.type}`);
  return decide(state, actor, cmd, ctx);
}
