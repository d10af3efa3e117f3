// The publication of the sitting's records (#14.5): an extract, the list of deliberations or the
// procès-verbal, frozen with its hashes in the log; a correction is a new version with its reason.
// The rules live in core/records/publication.ts; this module plugs them into the sitting's tables.
import { applyRecordEvent, decideRecordPublication } from "../../records/publication";
import type { Allowed, DecideTable, FoldTable } from "./kit";

export const roles: Record<"record:publish", Allowed> = { "record:publish": ["clerk"] };

export const decide: DecideTable<"record:publish"> = {
  "record:publish": (state, _actor, cmd, ctx) => decideRecordPublication(state, cmd, ctx.now),
};

export const fold: FoldTable<"record:published"> = {
  "record:published": (s, e) => {
    s.records = applyRecordEvent(s.records, e);
  },
};
