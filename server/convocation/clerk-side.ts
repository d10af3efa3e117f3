// The clerk's side of the convocation (#19): what the screen shows (the letter, the delay if sent
// today, the notes of synthesis missing, each member's copy: e-mailed, opened, acknowledged, what they
// declared), the letter and urgency being prepared, the ordre du jour's publication, and declarations
// received on paper with their scan.
import { createHash, randomUUID } from "node:crypto";
import type { ClerkConvocation, PaperDeclaration, RecipientRow } from "../../core/api/convocation";
import { checkConvocationDelay } from "../../core/convocation/delay";
import { forecastAttendance } from "../../core/convocation/forecast";
import { itemsAddedAfterConvocation } from "../../core/convocation/sitting-part";
import { annexTypeOf } from "../../core/records/annexes";
import { base64ToBytes } from "../../core/records/text-encoding";
import { done, refuse, type Result } from "../../core/refusal";
import type { Actor } from "../../core/sitting/state";
import { fullName } from "../../core/vocabulary";
import { defaultLetter, loadConvocationContext, missingSynthesis, todayFor, withSynthesis, type ConvocationDeps } from "./context";
import { roomCommand } from "./dispatch";
import { declareFor } from "./member-side";

export async function clerkConvocation(deps: ConvocationDeps, sittingId: string): Promise<Result<ClerkConvocation>> {
  const ctx = await loadConvocationContext(deps, sittingId);
  if (!ctx) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  const { sitting, state } = ctx;
  const today = todayFor(ctx, deps.clock);
  const delay = (dispatchOn: string) =>
    checkConvocationDelay({
      dispatchOn,
      sittingOn: sitting.date,
      population: sitting.council.population,
      secondConvocation: sitting.secondConvocation,
      urgencyReason: sitting.convocation?.urgencyReason ?? null,
      departement: sitting.council.departement,
    });
  const recipients = await deps.db.convocationRecipient.findMany({ where: { sittingId }, orderBy: { dispatch: "desc" } });
  const paired = await deps.db.devicePairing.findMany({
    where: { memberId: { in: ctx.members.map((m) => m.id) }, usedAt: { not: null }, revokedAt: null },
    select: { memberId: true },
  });
  const withDevice = new Set(paired.map((p) => p.memberId));
  const documents = await deps.db.advanceDocument.findMany({ where: { sittingId }, select: { memberId: true } });
  const scanned = new Set(documents.map((d) => d.memberId));
  const rows: RecipientRow[] = ctx.members
    .slice()
    .sort((a, b) => (a.seat ?? 999) - (b.seat ?? 999) || a.lastName.localeCompare(b.lastName))
    .map((m) => {
      // The latest dispatch's copy, with the first open and acknowledgement over all of them.
      const copies = recipients.filter((r) => r.memberId === m.id);
      const last = copies[0];
      const first = <K extends "openedAt" | "acknowledgedAt">(k: K) =>
        copies
          .map((c) => c[k])
          .filter((d): d is Date => !!d)
          .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      const acked = copies.filter((c) => c.acknowledgedAt).sort((a, b) => a.acknowledgedAt!.getTime() - b.acknowledgedAt!.getTime())[0];
      const d = state.convocation.advance[m.id];
      return {
        memberId: m.id,
        name: fullName(m),
        email: m.email,
        paper: m.paperConvocation,
        device: withDevice.has(m.id),
        emailStatus: (last?.emailStatus as RecipientRow["emailStatus"]) ?? null,
        emailError: last?.emailError ?? null,
        deliveredAt: last?.deliveredAt.toISOString() ?? null,
        openedAt: first("openedAt")?.toISOString() ?? null,
        acknowledgedAt: acked?.acknowledgedAt?.toISOString() ?? null,
        acknowledgedVia: acked?.acknowledgedVia ?? null,
        declaration: d
          ? { intent: d.intent, to: d.to, toName: d.to ? (state.roster[d.to]?.name ?? null) : null, source: d.source, at: d.at, scanned: scanned.has(m.id) }
          : null,
      };
    });
  return done({
    sittingId,
    letter: sitting.convocation?.letter.trim() ? sitting.convocation.letter : defaultLetter(ctx),
    urgencyReason: sitting.convocation?.urgencyReason ?? null,
    delayToday: delay(today),
    delayPlanned: delay(sitting.convocationDate),
    today,
    missingSynthesis: missingSynthesis(ctx),
    withSynthesis: withSynthesis(ctx),
    dispatches: state.convocation.dispatches.map((d) => ({
      on: d.on,
      at: d.at,
      urgencyReason: d.urgencyReason,
      items: d.itemIds.length,
      recipients: d.recipients,
      clearDays: d.clearDays,
      required: d.required,
      inTime: d.inTime,
    })),
    agendaPublishedOn: state.convocation.agendaPublished?.on ?? null,
    addedAfterConvocation: itemsAddedAfterConvocation(state),
    mail: { enabled: deps.mailer.enabled, from: deps.mailer.from },
    timeZone: state.settings.timeZone,
    recipients: rows,
    forecast: forecastAttendance(state),
    editable: state.status === "convened",
  });
}

export async function updateConvocation(
  deps: ConvocationDeps,
  sittingId: string,
  input: { letter?: string; urgencyReason?: string | null },
): Promise<Result<null>> {
  const s = await deps.db.sitting.findUnique({ where: { id: sittingId }, select: { status: true } });
  if (!s) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  if (s.status !== "convened") return refuse(409, "wrong-state", "La séance est déjà ouverte.", "The sitting has already been opened.");
  const data = {
    ...(input.letter !== undefined ? { letter: input.letter } : {}),
    ...(input.urgencyReason !== undefined ? { urgencyReason: input.urgencyReason?.trim() ? input.urgencyReason.trim() : null } : {}),
  };
  await deps.db.convocation.upsert({ where: { sittingId }, create: { sittingId, ...data }, update: data });
  return done(null);
}

/** The ordre du jour posted and put online (L2121-10), on the day given or today; the sitting's postedOn too. */
export async function publishAgenda(deps: ConvocationDeps, actor: Actor, sittingId: string, on: string | undefined): Promise<Result<null>> {
  const ctx = await loadConvocationContext(deps, sittingId);
  if (!ctx) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  const day = on ?? todayFor(ctx, deps.clock);
  if (day > todayFor(ctx, deps.clock))
    return refuse(400, "bad-request", "La date de publication ne peut pas être future.", "The publication date cannot be in the future.");
  const r = await roomCommand(deps, actor, sittingId, { type: "agenda:publish", on: day });
  if (!r.ok) return r;
  await deps.db.sitting.update({ where: { id: sittingId }, data: { postedOn: day } });
  return done(null);
}

const SCAN_TYPES = new Set(["application/pdf", "image/png", "image/jpeg"]);

/** A declaration the clerk received on paper; a written proxy needs its scan (the proxy is written, L2121-20). */
export async function paperDeclaration(deps: ConvocationDeps, actor: Actor, sittingId: string, input: PaperDeclaration): Promise<Result<null>> {
  let document: { name: string; mediaType: string; bytes: Uint8Array; sha256: string } | null = null;
  if (input.scan) {
    const bytes = base64ToBytes(input.scan.dataBase64);
    const mediaType = bytes ? annexTypeOf(input.scan.name, bytes) : null;
    if (!bytes || !mediaType || !SCAN_TYPES.has(mediaType))
      return refuse(400, "bad-request", "Le document scanné doit être un PDF, un PNG ou un JPEG.", "The scan must be a PDF, PNG or JPEG file.");
    document = { name: input.scan.name, mediaType, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
  }
  if (input.intent === "proxy" && !document)
    return refuse(400, "bad-request", "Un pouvoir reçu sur papier s'enregistre avec son scan.", "A proxy received on paper is recorded with its scan.");
  const r = await declareFor(deps, actor, sittingId, input.memberId, input, "paper", document?.sha256 ?? null);
  if (!r.ok) return r;
  if (document)
    await deps.db.advanceDocument.create({
      data: {
        id: `ad-${randomUUID()}`,
        sittingId,
        memberId: input.memberId,
        name: document.name,
        mediaType: document.mediaType,
        size: document.bytes.length,
        sha256: document.sha256,
        bytes: Buffer.from(document.bytes),
      },
    });
  return done(null);
}

/** The latest scan of a member's paper declaration. */
export async function declarationDocument(deps: ConvocationDeps, sittingId: string, memberId: string) {
  return deps.db.advanceDocument.findFirst({ where: { sittingId, memberId }, orderBy: { createdAt: "desc" } });
}
