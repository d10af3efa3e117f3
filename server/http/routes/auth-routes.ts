// Signing in and out, pairing a device, changing one's password, and the demo's one-click links.
import { authRoutes } from "../../../core/api/auth";
import { done, refuse } from "../../../core/refusal";
import { authCookie, clearAuthCookie } from "../../auth/sessions";
import { SENT, type Router } from "../router";
import { currentSittingId, homeFor, type HttpDeps } from "./deps";

/** "Chromium on Android", kept short: how the clerk recognises a device in the list. */
function deviceLabel(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const os = /Android|iPhone|iPad|Windows|Macintosh|Linux|CrOS/.exec(userAgent)?.[0] ?? null;
  const browser = /Firefox|Edg|Chrome|Safari/.exec(userAgent)?.[0] ?? null;
  return [browser === "Edg" ? "Edge" : browser, os].filter(Boolean).join(" — ") || userAgent.slice(0, 60);
}

export function registerAuthRoutes(router: Router, deps: HttpDeps): void {
  const { db, accounts, sessions } = deps;

  router.add(authRoutes.signIn, async (ctx) => {
    const r = await accounts.signIn(ctx.input.login, ctx.input.password, deps.policy.clientAddress(ctx.req));
    if (!r.ok) return r;
    ctx.headers["Set-Cookie"] = authCookie(r.value.token, { secure: deps.secureCookies(ctx.req) });
    const home = r.value.mustChangePassword ? "/account?must=1" : homeFor(r.value.role, await currentSittingId(db, r.value.councilId));
    return done({ role: r.value.role as "clerk", home, mustChangePassword: r.value.mustChangePassword });
  });

  router.add(authRoutes.pair, async (ctx) => {
    const r = await accounts.pair(ctx.input.code, deps.policy.clientAddress(ctx.req), deviceLabel(ctx.req.headers["user-agent"]));
    if (!r.ok) return r;
    ctx.headers["Set-Cookie"] = authCookie(r.value.token, { secure: deps.secureCookies(ctx.req) });
    return done({ role: "councillor" as const, home: homeFor(r.value.role, await currentSittingId(db, r.value.councilId)), name: r.value.displayName });
  });

  router.add(authRoutes.signOut, async (ctx) => {
    // Signing out ends the session on the server: the cookie, if kept somewhere, signs nobody in.
    if (ctx.actor) await sessions.revoke([ctx.actor.sessionId]);
    ctx.headers["Set-Cookie"] = clearAuthCookie(deps.secureCookies(ctx.req));
    return done({});
  });

  router.add(authRoutes.me, async (ctx) => {
    const a = ctx.actor;
    if (!a) return done(null);
    const user = await db.user.findUnique({ where: { id: a.userId }, select: { passwordHash: true } });
    return done({
      userId: a.userId,
      role: a.role,
      memberId: a.memberId,
      councilId: a.councilId,
      displayName: a.displayName,
      home: a.mustChangePassword ? "/account?must=1" : homeFor(a.role, await currentSittingId(db, a.councilId ?? "")),
      mustChangePassword: a.mustChangePassword,
      hasPassword: !!user?.passwordHash,
    });
  });

  router.add(authRoutes.changePassword, async (ctx) => {
    const a = ctx.actor!;
    return accounts.changePassword(a.userId, a.sessionId, ctx.input.current, ctx.input.next);
  });

  router.add(authRoutes.demoLinks, async () => {
    const users = await db.user.findMany({ where: { disabledAt: null }, include: { member: true }, orderBy: { login: "asc" } });
    const sittings = await db.sitting.findMany({ orderBy: { date: "asc" } });
    const links = [];
    for (const u of users) {
      const sid = await currentSittingId(db, u.councilId);
      const sitting = sittings.find((s) => s.id === sid);
      const secretaries = sitting ? (JSON.parse(sitting.secretaryIds) as string[]) : [];
      const isSecretary = !!u.memberId && secretaries.includes(u.memberId);
      links.push({
        userId: u.id,
        role: isSecretary ? "secretary" : u.role,
        name: u.displayName,
        seat: u.member?.seat ?? null,
        href: `/demo/signin?as=${encodeURIComponent(u.id)}${isSecretary && sid ? `&to=${encodeURIComponent(`/minutes/${sid}`)}` : ""}`,
      });
    }
    const publicLinks = sittings.map((s) => ({ sittingId: s.id, date: s.date, href: `/public/${s.id}` }));
    return done({ links, publicLinks });
  });

  router.add(authRoutes.demoSignIn, async (ctx) => {
    const user = await db.user.findUnique({ where: { id: ctx.input.as } });
    if (!user || user.disabledAt) return refuse(404, "unknown-member", "Compte de démonstration inconnu", "Unknown demo account");
    const to = ctx.input.to;
    const home = to && /^\/[a-z]+\/[A-Za-z0-9_-]+$/.test(to) ? to : homeFor(user.role, await currentSittingId(db, user.councilId));
    const token = await sessions.create(user.id, user.role === "councillor" ? "device" : "staff", { label: "démo" });
    ctx.res.writeHead(303, { Location: home, "Set-Cookie": authCookie(token, { secure: deps.secureCookies(ctx.req) }), "Cache-Control": "no-store" });
    ctx.res.end();
    return SENT;
  });
}
