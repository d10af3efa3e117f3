// Published records are frozen (#14.5): publishing an extract, the list of deliberations or the
// procès-verbal stores the rendered document and writes its hashes in the sitting's log; a correction
// is a new version with its reason. The decision and the fold live here; core/sitting only delegates.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { reject, type WireError } from "../refusal";
import type { SittingState } from "../sitting/state";
import { isIsoDate } from "./dates";

export const RECORD_KINDS = ["extract", "deliberations", "minutes"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The server's command that freezes a rendered record (sent for a signed-in clerk, never from a socket). */
export const PublishRecordCommandSchema = z.strictObject({
  type: z.literal("record:publish"),
  record: z.enum(RECORD_KINDS),
  /** The item of an extract; null for the sitting's list and minutes. */
  itemId: Id.nullable(),
  version: z.number().int().min(1).max(999),
  htmlSha256: Sha256,
  pdfSha256: Sha256,
  /** The day the record was put online (the council's calendar date). */
  publishedOn: z.string().refine(isIsoDate),
  /** Why a record already published is published again (a rectification); null for the first version. */
  reason: z.string().trim().min(3).max(500).nullable(),
});
export type PublishRecordCommand = z.infer<typeof PublishRecordCommandSchema>;

export interface RecordPublishedEvent {
  type: "record:published";
  record: RecordKind;
  itemId: string | null;
  version: number;
  htmlSha256: string;
  pdfSha256: string;
  publishedOn: string;
  reason: string | null;
  at: string;
}

export interface PublishedVersion {
  version: number;
  htmlSha256: string;
  pdfSha256: string;
  publishedOn: string;
  reason: string | null;
  at: string;
}

/** The sitting's published records: every version of each, oldest first, keyed by {@link recordKey}. */
export interface RecordsState {
  published: Record<string, PublishedVersion[]>;
}

export function emptyRecords(): RecordsState {
  return { published: {} };
}

/** "extract:<itemId>", "deliberations" or "minutes". */
export function recordKey(record: RecordKind, itemId: string | null): string {
  return record === "extract" ? `extract:${itemId ?? ""}` : record;
}

/** The versions of one record (none before its first publication). */
export function publishedVersions(state: Pick<SittingState, "records">, record: RecordKind, itemId: string | null): PublishedVersion[] {
  return state.records.published[recordKey(record, itemId)] ?? [];
}

type Decision = { ok: true; events: RecordPublishedEvent[]; reply: Record<string, unknown> } | { ok: false; error: WireError };

/**
 * Whether the record may be published now: the sitting is over; an extract is a decided item; the
 * minutes are published only once approved and released; the version follows the last one, and a
 * new version of a published record says why. A record is never published before its sitting.
 */
export function decideRecordPublication(state: SittingState, cmd: PublishRecordCommand, now: string): Decision {
  if (state.status !== "closed") return reject("wrong-state", "records are published once the sitting is closed");
  if ((cmd.record === "extract") !== (cmd.itemId !== null)) return reject("bad-request", "an extract names its item; the list and the minutes do not");
  if (cmd.record === "extract") {
    const item = state.items[cmd.itemId ?? ""];
    if (!item) return reject("unknown-item");
    if (item.status !== "decided") return reject("wrong-state", "the item is not decided: there is no act to publish");
  }
  if (cmd.record === "minutes" && state.minutes.publishedVersion === null) return reject("wrong-state", "the minutes are not approved and published");
  const versions = publishedVersions(state, cmd.record, cmd.itemId);
  if (cmd.version !== versions.length + 1) return reject("wrong-state", `the next version is ${versions.length + 1}`);
  if (cmd.version > 1 && !cmd.reason) return reject("bad-request", "a record already published is published again only with the reason of the rectification");
  if (cmd.publishedOn < state.date) return reject("bad-request", `a record is not published before its sitting (${state.date})`);
  const event: RecordPublishedEvent = {
    type: "record:published",
    record: cmd.record,
    itemId: cmd.itemId,
    version: cmd.version,
    htmlSha256: cmd.htmlSha256,
    pdfSha256: cmd.pdfSha256,
    publishedOn: cmd.publishedOn,
    reason: cmd.version > 1 ? cmd.reason : null,
    at: now,
  };
  return { ok: true, events: [event], reply: { version: cmd.version } };
}

/** Folds a publication into the records (a new object: the state is never mutated in place). */
export function applyRecordEvent(records: RecordsState, e: RecordPublishedEvent): RecordsState {
  const key = recordKey(e.record, e.itemId);
  const version: PublishedVersion = {
    version: e.version,
    htmlSha256: e.htmlSha256,
    pdfSha256: e.pdfSha256,
    publishedOn: e.publishedOn,
    reason: e.reason,
    at: e.at,
  };
  return { published: { ...records.published, [key]: [...(records.published[key] ?? []), version] } };
}

/** What a published record says about its own version: a rectification names its reason and the versions before it. */
export interface VersionNote {
  version: number;
  publishedOn: string;
  reason: string | null;
  previous: { version: number; publishedOn: string; href: string }[];
}
