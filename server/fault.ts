// Fault injection for the crash suite: SEANCE_CRASH_AT="<point>:<n>" kills this process with
// SIGKILL the n-th time execution reaches <point>. Unset (always, outside tests), it does nothing.
const spec = process.env.SEANCE_CRASH_AT ?? "";
const cut = spec.lastIndexOf(":");
const target = cut > 0 ? spec.slice(0, cut) : spec;
const wanted = cut > 0 ? Number(spec.slice(cut + 1)) || 1 : 1;
let seen = 0;

export type CrashPoint =
  | "command:received"
  | "commit:before"
  | "commit:in-tx"
  | "commit:after"
  | "ack:after"
  | "broadcast:before"
  | "minutes:save:before"
  | "minutes:save:after"
  | "minutes:compact:in-tx";

export function crashPoint(point: CrashPoint): void {
  if (!target || point !== target) return;
  seen += 1;
  if (seen === wanted) process.kill(process.pid, "SIGKILL");
}

/** Deliberately unsafe mode, only to prove the crash suite catches it: acknowledge ballots before the commit. */
export const UNSAFE_ACK_BEFORE_COMMIT = process.env.SEANCE_UNSAFE_ACK_BEFORE_COMMIT === "1";
