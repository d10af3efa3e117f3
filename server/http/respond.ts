// Small HTTP helpers for the API edge: JSON replies, bounded JSON bodies, same-origin checks.
import type { IncomingMessage, ServerResponse } from "node:http";
import { wireError, statusOf, type RefusalCode } from "../../core/refusal";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number | undefined, code: RefusalCode, detail?: string): void {
  sendJson(res, status ?? statusOf(code), { ok: false, error: wireError(code, detail) });
}

export class BodyError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/json")) throw new BodyError("expected application/json");
  // Refused unread: Node discards the unread body after the reply, and the connection stays usable.
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new BodyError(`body larger than ${limit} bytes`, true);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    // Past the limit the rest is read and dropped: leaving the loop would destroy the socket, and the
    // client would lose the reply or the next request it sends on this keep-alive connection.
    if (size <= limit) chunks.push(b);
  }
  if (size > limit) throw new BodyError(`body larger than ${limit} bytes`, true);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new BodyError("body is not valid JSON");
  }
}

/** CSRF defence for cookie-authenticated mutations: the browser's Origin must be this host. */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!host) return false;
  if (!origin) return req.headers["sec-fetch-site"] === "same-origin" || req.headers["x-seance-client"] === "1";
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}
