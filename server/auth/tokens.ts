// Signed sign-in cookies (JWT, HS256 via jose). The same check serves pages, the HTTP API, the
// Socket.IO handshake and the Yjs websocket.
import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { Db } from "../db/client";
import type { Actor, Role } from "../../core/sitting/state";

export const AUTH_COOKIE = "seance_auth";

export interface AuthKeys {
  secret: Uint8Array;
}

/** SEANCE_SECRET, or a random secret kept in the database so sign-ins survive a restart. */
export async function loadAuthKeys(db: Db): Promise<AuthKeys> {
  const fromEnv = process.env.SEANCE_SECRET;
  if (fromEnv && fromEnv.length >= 32) return { secret: new TextEncoder().encode(fromEnv) };
  const row = await db.appSetting.findUnique({ where: { key: "auth-secret" } });
  if (row) return { secret: Buffer.from(row.value, "base64") };
  const value = randomBytes(32).toString("base64");
  await db.appSetting.upsert({ where: { key: "auth-secret" }, create: { key: "auth-secret", value }, update: {} });
  const stored = await db.appSetting.findUniqueOrThrow({ where: { key: "auth-secret" } });
  return { secret: Buffer.from(stored.value, "base64") };
}

export async function signAuthToken(keys: AuthKeys, userId: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(keys.secret);
}

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

const ROLES: readonly Role[] = ["clerk", "president", "secretary", "councillor"];

/** Who is asking, from the cookie header: the user as stored now (deleted users are nobody). */
export async function identify(db: Db, keys: AuthKeys, cookieHeader: string | undefined): Promise<(Actor & { displayName: string }) | null> {
  const token = parseCookies(cookieHeader)[AUTH_COOKIE];
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, keys.secret, { algorithms: ["HS256"] });
    if (typeof payload.sub !== "string") return null;
    const user = await db.user.findUnique({ where: { id: payload.sub } });
    if (!user || !(ROLES as readonly string[]).includes(user.role)) return null;
    return { userId: user.id, role: user.role as Role, memberId: user.memberId, councilId: user.councilId, displayName: user.displayName };
  } catch {
    return null;
  }
}

export function authCookie(token: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  return `${AUTH_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${opts.maxAgeSeconds}${opts.secure ? "; Secure" : ""}`;
}

export function clearAuthCookie(secure: boolean): string {
  return `${AUTH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
