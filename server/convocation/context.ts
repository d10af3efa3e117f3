// What the convocation is made of, read once: the sitting and its agenda, the council, the members in
// office (from the live room's state), the letter being prepared, and the room's log-derived state
// (dispatches, publication, declarations). The document and the default letter are built from it.
import { createHmac, randomBytes } from "node:crypto";
import { needsSynthesisNote } from "../../core/convocation/delay";
import type { ConvocationDocument } from "../../core/convocation/documents";
import { frenchDayDate } from "../../core/convocation/documents";
import { itemsAddedAfterConvocation } from "../../core/convocation/sitting-part";
import { presidentLabel } from "../../core/records/attendance";
import { councilDate, frenchHour } from "../../core/time";
import { done, refuse, type Result } from "../../core/refusal";
import type { SittingState } from "../../core/sitting/state";
import type { ServerKeys } from "../auth/server-key";
import type { Db } from "../db/client";
import type { Clock, Logger } from "../ports";
import type { RoomRegistry } from "../realtime/sitting-room";
import type { PdfRenderer } from "../records/pdf-renderer";
import type { Mailer } from "./mailer";

export interface ConvocationDeps {
  db: Db;
  rooms: RoomRegistry;
  pdf: PdfRenderer;
  mailer: Mailer;
  keys: Pick<ServerKeys, "pairing">;
  clock: Clock;
  logger: Logger;
}

export function strings(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
}

/** A link's token: 32 random bytes, kept only as an HMAC with the server key (like pairing codes). */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}
export function linkTokenHash(keys: Pick<ServerKeys, "pairing">, token: string): string {
  return createHmac("sha256", keys.pairing).update(`convocation-link:${token}`).digest("hex");
}

export async function loadConvocationContext(deps: Pick<ConvocationDeps, "db" | "rooms">, sittingId: string) {
  const sitting = await deps.db.sitting.findUnique({
    where: { id: sittingId },
    include: { council: true, items: { orderBy: { order: "asc" }, include: { annexes: { select: { id: true, name: true, size: true } } } }, convocation: true },
  });
  if (!sitting) return null;
  const room = await deps.rooms.get(sittingId);
  const state: SittingState = room.state;
  const members = await deps.db.member.findMany({ where: { councilId: sitting.councilId, id: { in: Object.keys(state.roster) } } });
  const previous = sitting.previousSittingId ? await deps.db.sitting.findUnique({ where: { id: sitting.previousSittingId }, select: { date: true } }) : null;
  return { sitting, state, members, previousDate: previous?.date ?? null };
}
export type ConvocationContext = NonNullable<Awaited<ReturnType<typeof loadConvocationContext>>>;

/** The council's calendar day now. */
export function todayFor(ctx: ConvocationContext, clock: Clock): string {
  return councilDate(clock.now().toISOString(), ctx.state.settings.timeZone) ?? clock.now().toISOString().slice(0, 10);
}

export function withSynthesis(ctx: ConvocationContext): boolean {
  return needsSynthesisNote(ctx.sitting.council.population);
}

/** The letter's words when the clerk has written none. */
export function defaultLetter(ctx: ConvocationContext): string {
  const s = ctx.sitting;
  return `J'ai l'honneur de vous convier à la séance du conseil municipal qui se tiendra le ${frenchDayDate(s.date)} à ${frenchHour(s.time)}, ${s.place}, pour délibérer sur les affaires inscrites à l'ordre du jour ci-dessous.\n\nJe vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.`;
}

export function buildDocument(ctx: ConvocationContext, sentOn: string, addressee: string | null = null): ConvocationDocument {
  const s = ctx.sitting;
  const late = new Set(itemsAddedAfterConvocation(ctx.state));
  const president = ctx.state.roster[s.presidentMemberId ?? ""];
  const dispatch = ctx.state.convocation.dispatches[0];
  return {
    councilName: s.council.name,
    commune: s.council.commune,
    sitting: { date: s.date, time: s.time, place: s.place },
    sentOn,
    letter: s.convocation?.letter.trim() ? s.convocation.letter : defaultLetter(ctx),
    urgencyReason: dispatch ? dispatch.urgencyReason : (s.convocation?.urgencyReason ?? null),
    secondConvocationOf: s.secondConvocation ? ctx.previousDate : null,
    signatory: president ? { title: presidentLabel(ctx.state), name: president.name } : null,
    addressee,
    items: s.items.map((it) => ({
      order: it.order,
      identifier: it.identifier,
      title: it.title,
      rapporteurs: strings(it.rapporteurs),
      commission: it.commission,
      synthesis: it.synthesis.trim() || it.expose,
      addedAfterConvocation: late.has(it.id),
      postponedFrom: it.postponedFrom,
    })),
    withSynthesis: withSynthesis(ctx),
  };
}

/** Items lacking the note of synthesis the law asks for (from 3,500 inhabitants): neither a note nor an exposé. */
export function missingSynthesis(ctx: ConvocationContext): { itemId: string; order: number; title: string }[] {
  if (!withSynthesis(ctx)) return [];
  return ctx.sitting.items.filter((it) => !it.synthesis.trim() && !it.expose.trim()).map((it) => ({ itemId: it.id, order: it.order, title: it.title }));
}

/** The sitting of this council, or the refusal to give (404 unknown, 403 another council's). */
export async function ownSitting(db: Db, councilId: string | null, sittingId: string): Promise<Result<null>> {
  const s = await db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
  if (!s) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  return s.councilId === councilId
    ? done(null)
    : refuse(403, "wrong-sitting", "Cette séance ne relève pas de votre conseil", "This sitting is not in your council");
}
