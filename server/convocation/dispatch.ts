// Sending the convocation (#19.2): checked (the delay in the log's decision, the notes of synthesis,
// an agenda), recorded in the sitting's log (convocation:sent), delivered at once to every member's
// copy in Séance, its date written as the sitting's convocation date (registre, PV), then e-mailed
// in the background with the convocation and the ordre du jour as PDFs and a link to read and
// acknowledge. Each e-mail's outcome is kept per member; failed ones can be sent again.
import { createHash, randomUUID } from "node:crypto";
import type { SendOutcome } from "../../core/api/convocation";
import { convocationEmail, renderAgendaHtml, renderConvocationHtml } from "../../core/convocation/documents";
import { done, refuse, type Result } from "../../core/refusal";
import type { RoomCommand } from "../../core/sitting/protocol";
import type { Actor } from "../../core/sitting/state";
import { longFrenchDate } from "../../core/time";
import { errorMessage } from "../ports";
import {
  buildDocument,
  linkTokenHash,
  loadConvocationContext,
  missingSynthesis,
  newLinkToken,
  todayFor,
  type ConvocationContext,
  type ConvocationDeps,
} from "./context";

/** Sends one of the server's own commands to the sitting's room; a refusal comes back as a Result. */
export async function roomCommand(
  deps: Pick<ConvocationDeps, "rooms">,
  actor: Actor,
  sittingId: string,
  command: RoomCommand,
): Promise<Result<Record<string, unknown>>> {
  const room = await deps.rooms.get(sittingId);
  const reply = await room.handle(actor, { sittingId, commandId: `srv-${randomUUID()}`, command });
  if (reply.ok) return done(reply.data);
  return { ok: false, code: reply.error.code, text: reply.error.text, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
}

/** The two PDFs of a dispatch (cached by the renderer: the same document is rendered once). */
export async function dispatchPdfs(
  deps: Pick<ConvocationDeps, "pdf">,
  ctx: ConvocationContext,
  sentOn: string,
): Promise<{ convocation: Buffer; agenda: Buffer }> {
  const doc = buildDocument(ctx, sentOn);
  const footer = `${ctx.sitting.council.name} — séance du ${longFrenchDate(ctx.sitting.date)}`;
  const convocation = await deps.pdf.renderPdf(renderConvocationHtml(doc), undefined, { footer: `Convocation — ${footer}` });
  const agenda = await deps.pdf.renderPdf(renderAgendaHtml(doc), undefined, { footer: `Ordre du jour — ${footer}` });
  return { convocation, agenda };
}

const sending = new Map<string, Promise<void>>();

/** Resolves when the e-mails being sent for this sitting are all sent or failed (tests, shutdown). */
export function mailIdle(sittingId: string): Promise<void> {
  return sending.get(sittingId) ?? Promise.resolve();
}

/**
 * E-mails the members of one dispatch whose message is pending, one at a time. The link's token is
 * made anew for each attempt (only its HMAC is kept), so a retried e-mail carries a working link.
 */
export function deliverMail(deps: ConvocationDeps, sittingId: string, dispatch: number, origin: string): Promise<void> {
  const run = (sending.get(sittingId) ?? Promise.resolve()).then(async () => {
    const pending = await deps.db.convocationRecipient.findMany({ where: { sittingId, dispatch, emailStatus: "pending" } });
    if (!pending.length) return;
    const ctx = await loadConvocationContext(deps, sittingId);
    if (!ctx) return;
    const sentOn = ctx.state.convocation.dispatches[dispatch - 1]?.on ?? todayFor(ctx, deps.clock);
    let pdfs: { convocation: Buffer; agenda: Buffer };
    try {
      pdfs = await dispatchPdfs(deps, ctx, sentOn);
    } catch (err) {
      await deps.db.convocationRecipient.updateMany({
        where: { sittingId, dispatch, emailStatus: "pending" },
        data: { emailStatus: "failed", emailError: `PDF : ${errorMessage(err)}` },
      });
      return;
    }
    const doc = buildDocument(ctx, sentOn);
    for (const r of pending) {
      const token = newLinkToken();
      const member = ctx.members.find((m) => m.id === r.memberId);
      const mail = convocationEmail(
        { ...doc, addressee: member ? `${member.civility} ${member.firstName} ${member.lastName}` : null },
        `${origin}/convocation/${token}`,
      );
      try {
        await deps.db.convocationRecipient.update({ where: { id: r.id }, data: { tokenHash: linkTokenHash(deps.keys, token) } });
        await deps.mailer.send({
          to: r.email!,
          subject: mail.subject,
          text: mail.text,
          attachments: [
            { filename: `convocation-${ctx.sitting.date}.pdf`, content: pdfs.convocation, contentType: "application/pdf" },
            { filename: `ordre-du-jour-${ctx.sitting.date}.pdf`, content: pdfs.agenda, contentType: "application/pdf" },
          ],
        });
        await deps.db.convocationRecipient.update({ where: { id: r.id }, data: { emailStatus: "sent", emailError: null, emailSentAt: deps.clock.now() } });
      } catch (err) {
        deps.logger.error(`convocation e-mail to ${r.memberId} failed: ${errorMessage(err)}`);
        await deps.db.convocationRecipient.update({ where: { id: r.id }, data: { emailStatus: "failed", emailError: errorMessage(err).slice(0, 300) } });
      }
    }
  });
  const settled = run.catch((err: unknown) => deps.logger.error(`convocation e-mails failed: ${errorMessage(err)}`));
  sending.set(sittingId, settled);
  return settled;
}

export async function sendConvocation(deps: ConvocationDeps, actor: Actor, sittingId: string, origin: string): Promise<Result<SendOutcome>> {
  const ctx = await loadConvocationContext(deps, sittingId);
  if (!ctx) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  if (ctx.state.status !== "convened") return refuse(409, "wrong-state", "La séance est déjà ouverte.", "The sitting has already been opened.");
  if (!ctx.sitting.items.length)
    return refuse(
      409,
      "wrong-state",
      "L'ordre du jour est vide : ajoutez ou importez les points d'abord.",
      "The agenda is empty: add or import its items first.",
    );
  const missing = missingSynthesis(ctx);
  if (missing.length)
    return refuse(
      409,
      "wrong-state",
      `Note explicative de synthèse manquante (commune de 3 500 habitants ou plus, L2121-12) : point${missing.length > 1 ? "s" : ""} n° ${missing.map((m) => m.order).join(", ")}.`,
      `Note of synthesis missing (commune of 3,500 inhabitants or more, L2121-12): item${missing.length > 1 ? "s" : ""} ${missing.map((m) => m.order).join(", ")}.`,
    );
  const on = todayFor(ctx, deps.clock);
  const dispatch = ctx.state.convocation.dispatches.length + 1;
  const doc = buildDocument(ctx, on);
  const letterSha256 = createHash("sha256").update(renderConvocationHtml(doc)).digest("hex");
  const now = deps.clock.now();
  // Each member's copy exists before the log says the convocation went; a refusal removes them again.
  const rows = ctx.members.map((m) => ({
    id: `cr-${randomUUID()}`,
    sittingId,
    memberId: m.id,
    dispatch,
    tokenHash: linkTokenHash(deps.keys, newLinkToken()),
    email: m.email,
    emailStatus: !deps.mailer.enabled ? "off" : m.email ? "pending" : "no-address",
    paper: m.paperConvocation,
    deliveredAt: now,
  }));
  await deps.db.convocationRecipient.createMany({ data: rows });
  const population = ctx.sitting.council.population;
  const r = await roomCommand(deps, actor, sittingId, {
    type: "convocation:send",
    on,
    urgencyReason: ctx.sitting.convocation?.urgencyReason ?? null,
    itemIds: ctx.sitting.items.map((it) => it.id),
    recipients: rows.length,
    letterSha256,
    population,
    departement: ctx.sitting.council.departement,
  });
  if (!r.ok) {
    await deps.db.convocationRecipient.deleteMany({ where: { sittingId, dispatch } });
    return r;
  }
  // The registre and the PV print the date the convocation was sent.
  if (dispatch === 1) await deps.db.sitting.update({ where: { id: sittingId }, data: { convocationDate: on } });
  const emails = rows.filter((row) => row.emailStatus === "pending").length;
  if (emails) void deliverMail(deps, sittingId, dispatch, origin);
  return done({
    dispatch,
    on,
    recipients: rows.length,
    emails,
    clearDays: Number(r.value.clearDays),
    required: Number(r.value.required),
    inTime: r.value.inTime === true,
  });
}

/** Sends again the e-mails that failed (or never went: a restart during the dispatch). */
export async function retryMail(deps: ConvocationDeps, sittingId: string, origin: string): Promise<Result<{ emails: number }>> {
  if (!deps.mailer.enabled)
    return refuse(409, "wrong-state", "L'envoi de courriels n'est pas configuré (SEANCE_SMTP_URL).", "E-mail is off (SEANCE_SMTP_URL is not set).");
  const rows = await deps.db.convocationRecipient.findMany({ where: { sittingId, emailStatus: { in: ["failed", "pending"] }, email: { not: null } } });
  if (!rows.length) return done({ emails: 0 });
  await deps.db.convocationRecipient.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { emailStatus: "pending", emailError: null } });
  for (const d of new Set(rows.map((r) => r.dispatch))) void deliverMail(deps, sittingId, d, origin);
  return done({ emails: rows.length });
}

export type { ConvocationContext };
