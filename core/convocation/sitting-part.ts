// The weeks before the sitting, in the sitting's log (#19): each dispatch of the convocation (its
// date, its urgency and reason, the items it carried, the delay it met), the publication of the
// ordre du jour, and what each member declared in advance — will attend, apologies, or a written
// proxy checked by the rules engine. Apologies and proxies fill the roll call's starting state, so the
// log stays the one source of truth. The decisions and folds live here; core/sitting only delegates.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { validateNewProxy } from "../rules";
import { reject, type WireError } from "../refusal";
import { isIsoDate } from "../rules/dates";
import type { SittingEvent, SittingState } from "../sitting/state";
import type { RuleSet } from "../rules/types";
import { checkConvocationDelay, type DelayBasis } from "./delay";

const Day = z.string().refine(isIsoDate, "a real date YYYY-MM-DD");
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ADVANCE_INTENTS = ["attend", "apologies", "proxy"] as const;
export type AdvanceIntent = (typeof ADVANCE_INTENTS)[number];
export const ADVANCE_SOURCES = ["device", "link", "paper"] as const;
export type AdvanceSource = (typeof ADVANCE_SOURCES)[number];

/** The server's commands for the weeks before the sitting (sent for a signed-in clerk or member, never from a socket). */
export const ConvocationCommandSchemas = [
  z.strictObject({
    type: z.literal("convocation:send"),
    /** The day of dispatch on the council's calendar. */
    on: Day,
    urgencyReason: z.string().trim().max(2000).nullable(),
    itemIds: z.array(Id).max(500),
    recipients: z.number().int().min(0).max(10_000),
    letterSha256: Sha256,
    /** The commune's size and département, for the delay (L2121-11, L2121-12) and its holidays. */
    population: z.number().int().min(0).nullable(),
    departement: z.string().max(3).nullable(),
  }),
  z.strictObject({ type: z.literal("agenda:publish"), on: Day }),
  z.strictObject({
    type: z.literal("attendance:declare"),
    memberId: Id,
    intent: z.enum(ADVANCE_INTENTS),
    to: Id.nullable(),
    /** Consecutive sittings this proxy has served, this one included (PROXY-6); computed by the server. */
    sittingsUsed: z.number().int().min(1).max(99).nullable(),
    illnessCertified: z.boolean(),
    source: z.enum(ADVANCE_SOURCES),
    /** The scanned paper the clerk received (its SHA-256), for a declaration on paper. */
    documentSha256: Sha256.nullable(),
  }),
] as const;
export type ConvocationCommand = z.infer<(typeof ConvocationCommandSchemas)[number]>;

export interface Dispatch {
  at: string;
  on: string;
  urgencyReason: string | null;
  itemIds: string[];
  recipients: number;
  letterSha256: string;
  basis: DelayBasis;
  clearDays: number;
  required: number;
  /** Whether this dispatch met the legal delay (a later complement may not). */
  inTime: boolean;
}

export interface AdvanceDeclaration {
  intent: AdvanceIntent;
  to: string | null;
  at: string;
  source: AdvanceSource;
  documentSha256: string | null;
}

export type ConvocationEvent =
  | ({ type: "convocation:sent" } & Dispatch)
  | { type: "agenda:published"; on: string; at: string }
  | {
      type: "attendance:declared";
      memberId: string;
      intent: AdvanceIntent;
      to: string | null;
      sittingsUsed: number | null;
      source: AdvanceSource;
      documentSha256: string | null;
      at: string;
    };

export interface ConvocationState {
  dispatches: Dispatch[];
  agendaPublished: { on: string; at: string } | null;
  advance: Record<string, AdvanceDeclaration>;
}

export function emptyConvocation(): ConvocationState {
  return { dispatches: [], agendaPublished: null, advance: {} };
}

/** Items first sent in a dispatch that met the delay are regularly on the agenda; the others were added after. */
export function itemsAddedAfterConvocation(state: Pick<SittingState, "convocation" | "itemOrder">): string[] {
  const c = state.convocation;
  if (!c.dispatches.length) return [];
  const regular = new Set(c.dispatches.filter((d) => d.inTime).flatMap((d) => d.itemIds));
  return state.itemOrder.filter((id) => !regular.has(id));
}

/** The public may read the ordre du jour once it is published, and in any case once the sitting is opened. */
export function agendaIsPublic(state: Pick<SittingState, "convocation" | "status">): boolean {
  return state.status !== "convened" || state.convocation.agendaPublished !== null;
}

type Outcome = { ok: true; events: SittingEvent[]; reply: Record<string, unknown> } | { ok: false; error: WireError };
const ok = (events: SittingEvent[], reply: Record<string, unknown> = {}): Outcome => ({ ok: true, events, reply });

export function decideSend(state: SittingState, cmd: Extract<ConvocationCommand, { type: "convocation:send" }>, now: string): Outcome {
  if (state.status !== "convened") return reject("wrong-state", `sitting is ${state.status}`);
  const first = state.convocation.dispatches.length === 0;
  const delay = checkConvocationDelay({
    dispatchOn: cmd.on,
    sittingOn: state.date,
    population: cmd.population,
    secondConvocation: state.secondConvocation,
    urgencyReason: cmd.urgencyReason,
    departement: cmd.departement,
  });
  // The first dispatch must meet the delay; a later one (a complement, items added) may not: its new
  // items are then flagged, and the council agrees to examine them or not.
  if (first && !delay.ok) {
    const p = delay.problems[0]!;
    return reject("convocation-too-late", p.en, { fr: p.fr, en: p.en });
  }
  if (cmd.on > state.date) return reject("convocation-too-late", "after the sitting's day");
  const unknown = cmd.itemIds.filter((id) => !state.items[id]);
  if (unknown.length) return reject("unknown-item", unknown.join(", "));
  const dispatch: Dispatch = {
    at: now,
    on: cmd.on,
    urgencyReason: cmd.urgencyReason?.trim() ? cmd.urgencyReason.trim() : null,
    itemIds: cmd.itemIds,
    recipients: cmd.recipients,
    letterSha256: cmd.letterSha256,
    basis: delay.basis,
    clearDays: delay.clearDays,
    required: delay.required,
    inTime: delay.ok,
  };
  return ok([{ type: "convocation:sent", ...dispatch }], { clearDays: delay.clearDays, required: delay.required, inTime: delay.ok });
}

export function decidePublish(state: SittingState, cmd: Extract<ConvocationCommand, { type: "agenda:publish" }>, now: string): Outcome {
  const first = state.convocation.dispatches[0];
  if (!first) return reject("wrong-state", "send the convocation first: it fixes the ordre du jour");
  if (state.status === "closed") return reject("wrong-state", "sitting is closed");
  if (cmd.on < first.on || cmd.on > state.date) return reject("bad-request", "published between the convocation and the sitting");
  if (state.convocation.agendaPublished?.on === cmd.on) return ok([], { unchanged: true });
  return ok([{ type: "agenda:published", on: cmd.on, at: now }]);
}

export function decideDeclare(state: SittingState, rs: RuleSet, cmd: Extract<ConvocationCommand, { type: "attendance:declare" }>, now: string): Outcome {
  if (state.status !== "convened") return reject("wrong-state", "declarations in advance close when the sitting opens");
  if (!state.convocation.dispatches.length) return reject("wrong-state", "the convocation has not been sent");
  const m = cmd.memberId;
  if (!state.roster[m]) return reject("unknown-member");
  if (state.attendance[m]?.status === "present") return reject("wrong-state", "already marked present at the roll call");
  if (cmd.intent === "proxy") {
    if (!cmd.to || !state.roster[cmd.to]) return reject("unknown-member", "the proxy's holder");
    const holder = state.convocation.advance[cmd.to];
    if (holder && holder.intent !== "attend")
      return reject("proxy-invalid", "the holder has sent apologies", {
        fr: "Le mandataire choisi a annoncé son absence : il ne pourra pas voter pour vous",
        en: "The chosen holder has sent apologies: they will not be able to vote for you",
      });
    // A declaration replaces the member's own earlier one: the engine checks against everybody else's.
    const existing = Object.entries(state.proxies)
      .filter(([from]) => from !== m)
      .map(([from, p]) => ({ from, to: p.to, sittingsUsed: p.sittingsUsed }));
    const check = validateNewProxy(rs, existing, { from: m, to: cmd.to, sittingsUsed: cmd.sittingsUsed ?? 1, illnessCertified: cmd.illnessCertified });
    if (!check.valid) {
      const names = (s: string) => Object.entries(state.roster).reduce((t, [id, r]) => t.split(id).join(r.name), s);
      return reject("proxy-invalid", check.problems.map((p) => p.en).join("; "), {
        fr: names(check.problems.map((p) => p.fr).join(" ; ")),
        en: names(check.problems.map((p) => p.en).join("; ")),
      });
    }
  }
  const prev = state.convocation.advance[m];
  if (prev && prev.intent === cmd.intent && prev.to === (cmd.intent === "proxy" ? cmd.to : null) && cmd.source !== "paper") return ok([], { unchanged: true });
  return ok([
    {
      type: "attendance:declared",
      memberId: m,
      intent: cmd.intent,
      to: cmd.intent === "proxy" ? cmd.to : null,
      sittingsUsed: cmd.intent === "proxy" ? (cmd.sittingsUsed ?? 1) : null,
      source: cmd.source,
      documentSha256: cmd.documentSha256,
      at: now,
    },
  ]);
}

export function foldConvocation(s: SittingState, e: ConvocationEvent): void {
  switch (e.type) {
    case "convocation:sent": {
      const { type: _t, ...dispatch } = e;
      s.convocation.dispatches.push(dispatch);
      return;
    }
    case "agenda:published":
      s.convocation.agendaPublished = { on: e.on, at: e.at };
      return;
    case "attendance:declared": {
      s.convocation.advance[e.memberId] = { intent: e.intent, to: e.to, at: e.at, source: e.source, documentSha256: e.documentSha256 };
      // The roll call starts from the declarations: apologies and proxies mark the member excused,
      // a proxy is registered for the holder; "will attend" clears what an earlier one had set.
      delete s.proxies[e.memberId];
      if (e.intent === "attend") {
        if (s.attendance[e.memberId]?.status === "excused") delete s.attendance[e.memberId];
        return;
      }
      s.attendance[e.memberId] = { status: "excused", arrivedAt: null, leftAt: null };
      if (e.intent === "proxy" && e.to) s.proxies[e.memberId] = { to: e.to, at: e.at, sittingsUsed: e.sittingsUsed ?? 1 };
      return;
    }
  }
}
