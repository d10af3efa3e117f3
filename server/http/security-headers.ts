// The headers every reply carries: a strict Content-Security-Policy (scripts, styles and
// connections to this origin only — 'self' covers its own ws:/wss: — no framing) and the usual
// hardening headers.
import type { ServerResponse } from "node:http";

export function securityHeaders(res: ServerResponse, dev: boolean): void {
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(dev, { inlineScripts: true }));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

/** The policy; a page with no inline script (the public wall) goes without 'unsafe-inline' for scripts. */
export function contentSecurityPolicy(dev: boolean, opts: { inlineScripts: boolean }): string {
  return [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; without a nonce pipeline 'unsafe-inline' is needed.
    `script-src 'self'${opts.inlineScripts ? " 'unsafe-inline'" : ""}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Our own origin only, websockets included (CSP 3: 'self' matches ws:/wss: of the same host).
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
