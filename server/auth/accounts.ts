// Accounts and devices: staff sign in with a password (failures limited by address and login),
// councillors pair a device with a one-time code (failures limited by address); owners change their
// password; the clerk creates, disables, enables and resets staff accounts and sees and revokes the
// paired devices. Every change that must end someone's access revokes their sessions at once.
import { randomUUID } from "node:crypto";
import QRCode from "qrcode";
import { done, refuse, type Result } from "../../core/refusal";
import { fullName, type StaffRole } from "../../core/vocabulary";
import type { CreateAccount, IssuedPairing, PairedDevice, StaffAccount } from "../../core/api/clerk-council";
import type { Db } from "../db/client";
import { hashPassword, verifyPassword } from "./passwords";
import { passwordProblem } from "./password-strength";
import { newPairingCode, pairingCodeHash, PAIRING_CODE_TTL_MS } from "./pairing-code";
import { localFailureCounters, type FailureCounter, type FailureCounters } from "./rate-limit";
import type { ServerKeys } from "./server-key";
import type { Sessions } from "./sessions";

/** The passwords the demo council ships with: published, so never accepted outside demo mode. */
export const DEMO_PASSWORDS = { clerk: "greffe-demo", president: "maire-demo" } as const;

const STAFF_ROLES: readonly string[] = ["clerk", "president", "secretary"];

export interface SignedInUser {
  token: string;
  userId: string;
  role: string;
  councilId: string;
  displayName: string;
  mustChangePassword: boolean;
}

export class Accounts {
  private readonly signInFailures: FailureCounter;
  private readonly pairFailures: FailureCounter;

  constructor(
    private readonly db: Db,
    private readonly keys: ServerKeys,
    private readonly sessions: Sessions,
    // `failures`: counted by every node together when there are several (default: this process).
    private readonly opts: { demo: boolean; now?: () => Date; failures?: FailureCounters },
  ) {
    const counters = opts.failures ?? localFailureCounters;
    this.signInFailures = counters("sign-in", 10, 60_000);
    this.pairFailures = counters("pairing", 10, 60_000);
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async signIn(login: string, password: string, address: string): Promise<Result<SignedInUser>> {
    const keys = [`ip:${address}`, `login:${login.toLowerCase()}`];
    if (await this.signInFailures.blocked(...keys)) return { ok: false, code: "rate-limited" };
    const user = await this.db.user.findUnique({ where: { login } });
    const good = user?.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : false;
    // A published demo password signs in only on a demo server.
    const demoPassword = !this.opts.demo && (Object.values(DEMO_PASSWORDS) as string[]).includes(password);
    if (!user || !good || demoPassword) {
      await this.signInFailures.fail(...keys);
      return { ok: false, code: "wrong-password", status: 401 };
    }
    const token = await this.sessions.create(user.id, "staff");
    return done({
      token,
      userId: user.id,
      role: user.role,
      councilId: user.councilId,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
    });
  }

  async pair(code: string, address: string, label: string | null): Promise<Result<SignedInUser>> {
    const key = `ip:${address}`;
    if (await this.pairFailures.blocked(key)) return { ok: false, code: "rate-limited" };
    const now = this.now();
    const pairing = await this.db.devicePairing.findUnique({ where: { codeHash: pairingCodeHash(this.keys, code) } });
    const unusable = !pairing || pairing.usedAt || pairing.revokedAt || pairing.expiresAt < now;
    // One-time: only the request that flips usedAt wins.
    const won =
      !unusable && (await this.db.devicePairing.updateMany({ where: { id: pairing.id, usedAt: null, revokedAt: null }, data: { usedAt: now } })).count === 1;
    if (!pairing || !won) {
      await this.pairFailures.fail(key);
      return refuse(
        401,
        "not-signed-in",
        "Code inconnu, expiré ou déjà utilisé : demandez un nouveau code au service des assemblées.",
        "Unknown, expired or used code: ask the council's clerk for a new one.",
      );
    }
    const user = await this.db.user.findFirst({ where: { memberId: pairing.memberId, role: "councillor", disabledAt: null } });
    if (!user) return { ok: false, code: "unknown-member" };
    const token = await this.sessions.create(user.id, "device", { label, pairingId: pairing.id });
    return done({ token, userId: user.id, role: user.role, councilId: user.councilId, displayName: user.displayName, mustChangePassword: false });
  }

  /** The clerk issues a one-time code for a member's device; it cancels the member's older unused codes. */
  async issuePairing(councilId: string, memberId: string, origin: string): Promise<Result<IssuedPairing>> {
    const member = await this.db.member.findUnique({ where: { id: memberId } });
    if (!member || member.councilId !== councilId) return { ok: false, code: "unknown-member" };
    const code = newPairingCode();
    const expiresAt = new Date(this.now().getTime() + PAIRING_CODE_TTL_MS);
    await this.db.$transaction([
      this.db.devicePairing.updateMany({ where: { memberId, usedAt: null, revokedAt: null }, data: { revokedAt: this.now() } }),
      // The row id must not carry the code: only its HMAC is kept.
      this.db.devicePairing.create({ data: { id: `p-${randomUUID()}`, memberId, codeHash: pairingCodeHash(this.keys, code), expiresAt } }),
    ]);
    const url = `${origin}/pair?code=${code}`;
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return done({ code, url, qrSvg, expiresAt: expiresAt.toISOString(), member: fullName(member), memberId });
  }

  async devices(councilId: string): Promise<PairedDevice[]> {
    const rows = await this.db.session.findMany({
      where: { kind: "device", revokedAt: null, expiresAt: { gt: this.now() }, user: { councilId } },
      include: { user: { include: { member: true } } },
      orderBy: { createdAt: "desc" },
    });
    return rows.map((s) => ({
      sessionId: s.id,
      memberId: s.user.memberId,
      member: s.user.member ? fullName(s.user.member) : s.user.displayName,
      label: s.label,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    }));
  }

  async revokeDevice(councilId: string, sessionId: string): Promise<Result<null>> {
    const s = await this.db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
    if (!s || s.kind !== "device" || s.user.councilId !== councilId) return refuse(404, "unknown-account", "Appareil inconnu", "Unknown device");
    await this.sessions.revoke([sessionId]);
    return done(null);
  }

  async changePassword(userId: string, sessionId: string, current: string, next: string): Promise<Result<null>> {
    const user = await this.db.user.findUnique({ where: { id: userId }, include: { council: true } });
    if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash)))
      return refuse(401, "wrong-password", "Mot de passe actuel incorrect", "Wrong current password");
    const weak = this.weakness(next, [user.login, user.displayName, user.council.commune]);
    if (weak) return weak;
    await this.db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next), mustChangePassword: false } });
    // Anyone else signed in with the old password is signed out; this session stays.
    await this.sessions.revokeUser(userId, sessionId);
    return done(null);
  }

  async list(councilId: string): Promise<StaffAccount[]> {
    const users = await this.db.user.findMany({ where: { councilId, role: { in: [...STAFF_ROLES] } }, orderBy: { login: "asc" } });
    const live = await this.db.session.groupBy({
      by: ["userId"],
      where: { userId: { in: users.map((u) => u.id) }, revokedAt: null, expiresAt: { gt: this.now() } },
      _count: { _all: true },
    });
    const count = new Map(live.map((l) => [l.userId, l._count._all]));
    return users.map((u) => this.toAccount(u, count.get(u.id) ?? 0));
  }

  async create(councilId: string, input: CreateAccount): Promise<Result<StaffAccount>> {
    if (await this.db.user.findUnique({ where: { login: input.login } }))
      return refuse(409, "conflict", `L'identifiant « ${input.login} » est déjà pris.`, `The login "${input.login}" is taken.`);
    if (input.memberId) {
      const m = await this.db.member.findUnique({ where: { id: input.memberId } });
      if (!m || m.councilId !== councilId) return { ok: false, code: "unknown-member" };
    }
    const council = await this.db.council.findUniqueOrThrow({ where: { id: councilId } });
    const weak = this.weakness(input.password, [input.login, input.displayName, council.commune]);
    if (weak) return weak;
    const user = await this.db.user.create({
      data: {
        id: `u-${randomUUID().slice(0, 12)}`,
        councilId,
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        memberId: input.memberId ?? null,
        passwordHash: await hashPassword(input.password),
        // The clerk chose this password: its owner replaces it at first sign-in.
        mustChangePassword: true,
      },
    });
    return done(this.toAccount(user, 0));
  }

  async setDisabled(councilId: string, actorUserId: string, userId: string, disabled: boolean): Promise<Result<StaffAccount>> {
    const user = await this.staffUser(councilId, userId);
    if (!user) return { ok: false, code: "unknown-account" };
    if (disabled && user.id === actorUserId)
      return refuse(409, "wrong-state", "Vous ne pouvez pas désactiver votre propre compte.", "You cannot disable your own account.");
    const updated = await this.db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? this.now() : null } });
    if (disabled) await this.sessions.revokeUser(userId);
    return done(this.toAccount(updated, 0));
  }

  async resetPassword(councilId: string, userId: string, password: string): Promise<Result<StaffAccount>> {
    const user = await this.staffUser(councilId, userId);
    if (!user) return { ok: false, code: "unknown-account" };
    const council = await this.db.council.findUniqueOrThrow({ where: { id: councilId } });
    const weak = this.weakness(password, [user.login, user.displayName, council.commune]);
    if (weak) return weak;
    const updated = await this.db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), mustChangePassword: true } });
    await this.sessions.revokeUser(userId);
    return done(this.toAccount(updated, 0));
  }

  private async staffUser(councilId: string, userId: string) {
    const user = await this.db.user.findUnique({ where: { id: userId } });
    return user && user.councilId === councilId && STAFF_ROLES.includes(user.role) ? user : null;
  }

  private weakness(password: string, hints: string[]): Result<never> | null {
    const problem = passwordProblem(password, hints);
    if (!problem) return null;
    return refuse(400, "weak-password", problem.fr, problem.en);
  }

  private toAccount(
    u: { id: string; login: string; displayName: string; role: string; memberId: string | null; disabledAt: Date | null; mustChangePassword: boolean },
    liveSessions: number,
  ): StaffAccount {
    return {
      id: u.id,
      login: u.login,
      displayName: u.displayName,
      role: u.role as StaffRole,
      memberId: u.memberId,
      disabled: !!u.disabledAt,
      mustChangePassword: u.mustChangePassword,
      liveSessions,
    };
  }
}

/** Logins of accounts still holding a published demo password (the server refuses to start with them outside demo mode). */
export async function accountsWithDemoPasswords(db: Db): Promise<string[]> {
  const users = await db.user.findMany({ where: { passwordHash: { not: null } }, select: { login: true, passwordHash: true } });
  const found: string[] = [];
  for (const u of users) {
    for (const pw of Object.values(DEMO_PASSWORDS)) {
      if (u.passwordHash && (await verifyPassword(pw, u.passwordHash))) {
        found.push(u.login);
        break;
      }
    }
  }
  return found;
}
