// Server-side sign-in sessions. The httpOnly cookie is a token signed with the server key (jose,
// HS256) that names a Session row; every page, API call, Socket.IO handshake and Yjs upgrade checks
// that row, so signing out, revoking a device or disabling an account takes effect at once, and the
// open sockets of a revoked session are dropped by the listeners told through onRevoked().
import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { Db } from "../db/client";
import type { Actor, Role } from "../../core/sitting/state";
import type { ServerKeys } from "./server-key";

export const AUTH_COOKIE = "seance_auth";
/** Staff sign in for a working day. */
export const STAFF_TTL_SECONDS = 12 * 3600;
/** A paired device stays signed in while it is used: 30 days after its last use. */
export const DEVICE_IDLE_SECONDS = 30 * 24 * 3600;
/** The cookie itself may live this long; the session row decides. */
const COOKIE_MAX_AGE = 400 * 24 * 3600;
/** lastSeenAt (and a device's sliding expiry) is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type SessionKind = "staff" | "device";

export interface Identity extends Actor {
  displayName: string;
  sessionId: string;
  /** Epoch ms after which this identity is no longer valid (sockets are dropped then). */
  expiresAt: number;
  mustChangePassword: boolean;
}

const ROLES: readonly Role[] = ["clerk", "president", "secretary", "councillor"];

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k && !(k in out)) {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

export function hasAuthCookie(header: string | undefined): boolean {
  return !!parseCookies(header)[AUTH_COOKIE];
}

export function authCookie(token: string, opts: { secure: boolean }): string {
  return `${AUTH_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE}${opts.secure ? "; Secure" : ""}`;
}

export function clearAuthCookie(secure: boolean): string {
  return `${AUTH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

type RevokedListener = (sessionIds: string[]) => void;

export class Sessions {
  private listeners = new Set<RevokedListener>();

  constructor(
    private readonly db: Db,
    private readonly keys: ServerKeys,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opens a session for a user and returns the cookie value naming it. */
  async create(userId: string, kind: SessionKind, opts: { label?: string | null; pairingId?: string } = {}): Promise<string> {
    const id = randomBytes(24).toString("base64url");
    const now = this.now();
    const ttl = kind === "staff" ? STAFF_TTL_SECONDS : DEVICE_IDLE_SECONDS;
    await this.db.session.create({
      data: {
        id,
        userId,
        kind,
        label: opts.label ? opts.label.slice(0, 120) : null,
        pairingId: opts.pairingId ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ttl * 1000),
      },
    });
    return new SignJWT({ sid: id })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(userId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + COOKIE_MAX_AGE)
      .sign(this.keys.cookie);
  }

  /** Who is asking, from the cookie header: a live session of an enabled account, or nobody. */
  async identify(cookieHeader: string | undefined): Promise<Identity | null> {
    const token = parseCookies(cookieHeader)[AUTH_COOKIE];
    if (!token || token.length > 4096) return null;
    let sub: string;
    let sid: string;
    try {
      const { payload } = await jwtVerify(token, this.keys.cookie, { algorithms: ["HS256"] });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
      sub = payload.sub;
      sid = payload.sid;
    } catch {
      return null;
    }
    const session = await this.db.session.findUnique({ where: { id: sid }, include: { user: true } });
    const now = this.now();
    if (!session || session.userId !== sub || session.revokedAt || session.expiresAt <= now) return null;
    const user = session.user;
    if (user.disabledAt || !(ROLES as readonly string[]).includes(user.role)) return null;
    let expiresAt = session.expiresAt;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      // A device that is used stays signed in; a staff session keeps its fixed end.
      if (session.kind === "device") expiresAt = new Date(now.getTime() + DEVICE_IDLE_SECONDS * 1000);
      await this.db.session.updateMany({ where: { id: sid, revokedAt: null }, data: { lastSeenAt: now, expiresAt } });
    }
    return {
      userId: user.id,
      role: user.role as Role,
      memberId: user.memberId,
      councilId: user.councilId,
      displayName: user.displayName,
      sessionId: sid,
      expiresAt: expiresAt.getTime(),
      mustChangePassword: user.mustChangePassword,
    };
  }

  onRevoked(fn: RevokedListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Revokes sessions by id (sign-out, a device the clerk removes). */
  async revoke(sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    await this.db.session.updateMany({ where: { id: { in: sessionIds }, revokedAt: null }, data: { revokedAt: this.now() } });
    this.tell(sessionIds);
  }

  /** Revokes every live session of a user (account disabled, password reset), but one if given. */
  async revokeUser(userId: string, except?: string): Promise<void> {
    const live = await this.db.session.findMany({ where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
    await this.revoke(live.map((s) => s.id));
  }

  /** Sessions revoked on another node (several nodes): this node's listeners close their connections. */
  revokedElsewhere(ids: string[]): void {
    if (ids.length) this.tell(ids);
  }

  private tell(ids: string[]): void {
    for (const fn of this.listeners) {
      try {
        fn(ids);
      } catch {
        // a listener's failure must not stop the others
      }
    }
  }
}
