// A member's side of the convocation (#19): reading it (the letter, the agenda, each item's exposé,
// proposals, note of synthesis and annexes; the first reading is recorded as "opened"), acknowledging
// it, and declaring in advance — from the paired device, or from the e-mail's link, whose token is
// the only key it carries (it opens that member's copy of that sitting and nothing else).
import type { Declare, MemberConvocation } from "../../core/api/convocation";
import { recordPaths } from "../../core/api/records";
import type { AdvanceSource } from "../../core/convocation/sitting-part";
import { itemsAddedAfterConvocation } from "../../core/convocation/sitting-part";
import { done, refuse, type Result } from "../../core/refusal";
import type { Actor } from "../../core/sitting/state";

import { loadSitting } from "../store/sitting-store";
import { defaultLetter, linkTokenHash, loadConvocationContext, strings, type ConvocationDeps } from "./context";
import { roomCommand } from "./dispatch";

export type Via = "device" | "link";

/** Who a link's token opens: one member's copy of one sitting's convocation. */
export async function resolveLink(deps: ConvocationDeps, token: string): Promise<{ sittingId: string; memberId: string; actor: Actor } | null> {
  const r = await deps.db.convocationRecipient.findUnique({ where: { tokenHash: linkTokenHash(deps.keys, token) } });
  if (!r) return null;
  const s = await deps.db.sitting.findUnique({ where: { id: r.sittingId }, select: { councilId: true } });
  if (!s) return null;
  return {
    sittingId: r.sittingId,
    memberId: r.memberId,
    actor: { userId: `link-${r.memberId}`, role: "councillor", memberId: r.memberId, councilId: s.councilId },
  };
}

/** A signed-in councillor of the sitting's council (the device), or the refusal. */
export async function deviceMember(deps: ConvocationDeps, actor: Actor | null, sittingId: string): Promise<Result<string>> {
  if (!actor) return refuse(401, "not-signed-in", "Connexion requise", "Sign-in required");
  if (actor.role !== "councillor" || !actor.memberId) return refuse(403, "forbidden", "Réservé aux élus", "For members only");
  const s = await deps.db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
  if (!s) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  if (s.councilId !== actor.councilId)
    return refuse(403, "wrong-sitting", "Cette séance ne relève pas de votre conseil", "This sitting is not in your council");
  return done(actor.memberId);
}

export async function memberConvocation(
  deps: ConvocationDeps,
  memberId: string,
  sittingId: string,
  via: Via,
  token?: string,
): Promise<Result<MemberConvocation>> {
  const ctx = await loadConvocationContext(deps, sittingId);
  if (!ctx) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
  const me = ctx.state.roster[memberId];
  if (!me)
    return refuse(
      403,
      "forbidden",
      "Vous n'êtes pas membre du conseil à la date de cette séance",
      "You are not a member of the council on this sitting's date",
    );
  const first = ctx.state.convocation.dispatches[0] ?? null;
  if (first) {
    const now = deps.clock.now();
    await deps.db.convocationRecipient.updateMany({ where: { sittingId, memberId, openedAt: null }, data: { openedAt: now, openedVia: via } });
  }
  const copies = await deps.db.convocationRecipient.findMany({
    where: { sittingId, memberId, acknowledgedAt: { not: null } },
    orderBy: { acknowledgedAt: "asc" },
  });
  const late = new Set(itemsAddedAfterConvocation(ctx.state));
  const d = ctx.state.convocation.advance[memberId];
  const q = token ? `?t=${encodeURIComponent(token)}` : "";
  const s = ctx.sitting;
  return done({
    sittingId,
    councilName: s.council.name,
    commune: s.council.commune,
    date: s.date,
    time: s.time,
    place: s.place,
    status: ctx.state.status,
    secondConvocation: s.secondConvocation,
    member: { id: memberId, name: me.name },
    sent: first ? { on: first.on, urgencyReason: first.urgencyReason } : null,
    letter: s.convocation?.letter.trim() ? s.convocation.letter : defaultLetter(ctx),
    acknowledgedAt: copies[0]?.acknowledgedAt?.toISOString() ?? null,
    timeZone: ctx.state.settings.timeZone,
    // Before the convocation is sent, a member sees that it is coming, not the clerk's drafts.
    items: first
      ? s.items.map((it) => ({
          id: it.id,
          order: it.order,
          identifier: it.identifier,
          title: it.title,
          kind: it.kind,
          rapporteurs: strings(it.rapporteurs),
          commission: it.commission,
          expose: it.expose,
          proposals: strings(it.proposals),
          synthesis: it.synthesis,
          attachments: strings(it.attachments),
          annexes: it.annexes.map((a) => ({
            id: a.id,
            name: a.name,
            size: a.size,
            url: via === "link" && token ? `/api/convocation/${token}/annexes/${a.id}` : recordPaths(sittingId).annex(it.id, a.id),
          })),
          addedAfterConvocation: late.has(it.id),
        }))
      : [],
    declaration: d ? { intent: d.intent, to: d.to, source: d.source, at: d.at } : null,
    colleagues: Object.values(ctx.state.roster)
      .filter((m) => m.id !== memberId)
      .sort((a, b) => a.lastName.localeCompare(b.lastName))
      .map((m) => ({ id: m.id, name: m.name })),
    open: ctx.state.status === "convened" && !!first,
    pdf: { convocation: `/api/sittings/${sittingId}/convocation.pdf${q}`, agenda: `/api/sittings/${sittingId}/agenda.pdf${q}` },
  });
}

export async function acknowledge(deps: ConvocationDeps, memberId: string, sittingId: string, via: Via): Promise<Result<{ acknowledgedAt: string }>> {
  const copies = await deps.db.convocationRecipient.findMany({ where: { sittingId, memberId }, orderBy: { dispatch: "desc" } });
  const last = copies[0];
  if (!last) return refuse(409, "wrong-state", "La convocation n'a pas encore été envoyée.", "The convocation has not been sent yet.");
  if (last.acknowledgedAt) return done({ acknowledgedAt: last.acknowledgedAt.toISOString() });
  const at = deps.clock.now();
  await deps.db.convocationRecipient.update({
    where: { id: last.id },
    data: { acknowledgedAt: at, acknowledgedVia: via, openedAt: last.openedAt ?? at, openedVia: last.openedVia ?? via },
  });
  return done({ acknowledgedAt: at.toISOString() });
}

/**
 * How many consecutive sittings this proxy will have served, this one included (PROXY-6, at most
 * three unless illness is certified): the council's previous sittings, latest first, where the same
 * member gave a proxy to the same colleague.
 */
export async function sittingsUsedFor(deps: ConvocationDeps, sittingId: string, memberId: string, to: string): Promise<number> {
  const s = await deps.db.sitting.findUniqueOrThrow({ where: { id: sittingId }, select: { councilId: true, date: true } });
  const before = await deps.db.sitting.findMany({
    where: { councilId: s.councilId, date: { lt: s.date } },
    orderBy: [{ date: "desc" }, { time: "desc" }],
    take: 5,
    select: { id: true },
  });
  let used = 1;
  for (const prev of before) {
    const { state } = await loadSitting(deps.db, prev.id);
    const gave =
      state.proxies[memberId]?.to === to || (state.convocation.advance[memberId]?.intent === "proxy" && state.convocation.advance[memberId]?.to === to);
    if (!gave) break;
    used += 1;
  }
  return used;
}

export async function declareFor(
  deps: ConvocationDeps,
  actor: Actor,
  sittingId: string,
  memberId: string,
  input: Declare,
  source: AdvanceSource,
  documentSha256: string | null,
): Promise<Result<Record<string, unknown>>> {
  const to = input.intent === "proxy" ? (input.to ?? null) : null;
  if (input.intent === "proxy" && !to)
    return refuse(400, "bad-request", "Choisissez le collègue à qui vous donnez pouvoir.", "Choose the colleague who holds your proxy.");
  const sittingsUsed = to ? await sittingsUsedFor(deps, sittingId, memberId, to) : null;
  return roomCommand(deps, actor, sittingId, {
    type: "attendance:declare",
    memberId,
    intent: input.intent,
    to,
    sittingsUsed,
    illnessCertified: input.illnessCertified ?? false,
    source,
    documentSha256,
  });
}
