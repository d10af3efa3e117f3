// The minutes document's contract, shared by the editor (app/minutes) and the server: the Yjs
// websocket path, the document's name, the fragment TipTap edits, the node the sitting's facts use
// and its attributes, and the one message the server adds to the y-websocket protocol.

/** Where the minutes' websocket is served. */
export const YJS_PATH = "/yjs";
/** The Yjs document of a sitting's minutes. */
export const minutesDocName = (sittingId: string) => `minutes-${sittingId}`;
export const MINUTES_DOC_PATTERN = /^minutes-([A-Za-z0-9_-]{1,64})$/;
/** The XML fragment TipTap's Collaboration extension binds to (its default name). */
export const MINUTES_FRAGMENT = "default";
/** The locked block a fact of the sitting is written as. */
export const FACT_NODE = "sittingFact";
export interface FactAttributes {
  seq: number;
  kind: string;
  text: string;
}
/** The Y.Map holding the facts writer's bookmark (the last event already written). */
export const MINUTES_META = "seance";
export const LAST_FACT_SEQ = "lastFactSeq";

/**
 * y-websocket message types (y-protocols): 0 sync (sub-types 0 step 1, 1 step 2, 2 update), 1
 * awareness. Séance adds one server→client message: a notice (JSON) the editor shows, e.g. that the
 * document reached its size limit and the last change was not kept.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_NOTICE = 100;
export type MinutesNotice = { code: "too-large"; limitBytes: number } | { code: "read-only" };
