// Who the server believes it is and who it believes is calling: the configured public origin
// (SEANCE_PUBLIC_URL: QR codes, SCDL links, the Origin and Host checks) and the trusted reverse
// proxies whose X-Forwarded-For is believed (SEANCE_TRUSTED_PROXIES). Nothing else is trusted.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export interface EdgePolicy {
  /** "https://seance.ville.fr" when configured, else null (the origin is the request's own Host). */
  publicOrigin: string | null;
  /** The origin links and QR codes should use for this request. */
  originFor(req: IncomingMessage): string;
  /** A cookie-authenticated mutation or socket must come from our own origin. */
  isSameOrigin(req: IncomingMessage): boolean;
  /**
   * A websocket (Socket.IO, Yjs) carrying a sign-in cookie must name our origin: a browser always
   * sends Origin on a websocket handshake, so a foreign page cannot ride the cookie (CSWSH).
   */
  socketOriginAllowed(req: IncomingMessage): boolean;
  /** With a configured public origin, requests for another Host are refused. */
  hostAllowed(req: IncomingMessage): boolean;
  /** The caller's address: the socket's, or X-Forwarded-For's last untrusted hop behind a trusted proxy. */
  clientAddress(req: IncomingMessage): string;
}

function normaliseAddress(a: string): string {
  return a.startsWith("::ffff:") ? a.slice(7) : a;
}

export function createEdgePolicy(env: NodeJS.ProcessEnv = process.env): EdgePolicy {
  const raw = env.SEANCE_PUBLIC_URL?.trim();
  let publicOrigin: string | null = null;
  if (raw) {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("SEANCE_PUBLIC_URL must be an http(s) URL");
    publicOrigin = u.origin;
  }
  const publicHost = publicOrigin ? new URL(publicOrigin).host : null;
  const trusted = new Set(
    (env.SEANCE_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .flatMap((s) => (s === "loopback" ? ["127.0.0.1", "::1"] : [normaliseAddress(s)])),
  );

  const clientAddress = (req: IncomingMessage): string => {
    const direct = normaliseAddress(req.socket.remoteAddress ?? "unknown");
    if (!trusted.has(direct)) return direct;
    const hops = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((s) => normaliseAddress(s.trim()))
      .filter((s) => isIP(s) !== 0);
    // Walk back from the proxy: the first address that is not one of our proxies is the client.
    for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!;
    return direct;
  };

  return {
    publicOrigin,
    originFor(req) {
      if (publicOrigin) return publicOrigin;
      const tls = "encrypted" in req.socket || (trusted.has(normaliseAddress(req.socket.remoteAddress ?? "")) && req.headers["x-forwarded-proto"] === "https");
      return `${tls ? "https" : "http"}://${req.headers.host ?? "localhost"}`;
    },
    isSameOrigin(req) {
      const origin = req.headers.origin;
      const host = req.headers.host;
      if (!host) return false;
      if (!origin) return req.headers["sec-fetch-site"] === "same-origin" || req.headers["x-seance-client"] === "1";
      try {
        const o = new URL(origin);
        if (publicOrigin) return o.origin === publicOrigin;
        return o.host === host;
      } catch {
        return false;
      }
    },
    socketOriginAllowed(req) {
      if (!/(?:^|;\s*)seance_auth=/.test(req.headers.cookie ?? "")) return true;
      const origin = req.headers.origin;
      if (!origin || !req.headers.host) return false;
      try {
        const o = new URL(origin);
        return publicOrigin ? o.origin === publicOrigin : o.host === req.headers.host;
      } catch {
        return false;
      }
    },
    hostAllowed(req) {
      return !publicHost || req.headers.host === publicHost;
    },
    clientAddress,
  };
}
