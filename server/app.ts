// Wires Séance into one HTTP server on one port: the API, Next.js pages, Socket.IO (/socket.io)
// and the Yjs minutes websocket (/yjs/), websocket upgrades routed by path. Only wiring here.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import type { Server as IoServer } from "socket.io";
import type { Db } from "./db/client";
import { identify, loadAuthKeys, type AuthKeys } from "./auth/tokens";
import { createApi } from "./http/api";
import { createRecordsRoutes } from "./http/records-routes";
import { createPdfRenderer } from "./records/pdf-renderer";
import { createMinutesRoutes } from "./http/minutes-routes";
import { createClerkRoutes } from "./http/clerk-routes";
import { isSameOrigin, sendError } from "./http/respond";
import { RoomRegistry, type Clock, type Logger } from "./realtime/sitting-room";
import { CommandLog } from "./store/command-log";
import { createSocketServer } from "./realtime/socket-server";
import { createMinutesSocket, YJS_PATH } from "./yjs/minutes-ws";
import { attachMinutesFacts } from "./yjs/minutes-facts";

export interface SeanceOptions {
  db: Db;
  /** The same database, for the command log's own connection (the hot path, see store/command-log.ts). */
  databaseUrl: string;
  dev: boolean;
  demo: boolean;
  dir: string;
  clock?: Clock;
  logger?: Logger;
  /** Serve the API and websockets without Next.js (socket-level tests). */
  withoutPages?: boolean;
}

export interface SeanceServer {
  http: HttpServer;
  io: IoServer;
  rooms: RoomRegistry;
  keys: AuthKeys;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const consoleLogger: Logger = { info: (m) => console.log(m), error: (m) => console.error(m) };

/** Which signed-in roles may open each area of pages; everything else is public. */
const GUARDS: { prefix: string; roles: string[] }[] = [
  { prefix: "/clerk", roles: ["clerk"] },
  { prefix: "/president", roles: ["president", "clerk"] },
  { prefix: "/councillor", roles: ["councillor", "president"] },
  { prefix: "/minutes", roles: ["clerk", "president", "secretary", "councillor"] },
];

function securityHeaders(res: ServerResponse, dev: boolean): void {
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      // Next.js inlines its bootstrap scripts; without a nonce pipeline 'unsafe-inline' is needed.
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self' ws: wss:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

export async function createSeanceServer(opts: SeanceOptions): Promise<SeanceServer> {
  const logger = opts.logger ?? consoleLogger;
  const clock = opts.clock ?? { now: () => new Date() };
  const keys = await loadAuthKeys(opts.db);
  const commandLog = new CommandLog(opts.databaseUrl);
  const rooms = new RoomRegistry(opts.db, commandLog, clock, logger);
  const isLocal = (req: IncomingMessage) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(req.headers.host ?? "");
  const api = createApi({ db: opts.db, keys, rooms, demo: opts.demo, secureCookies: (req) => !isLocal(req) });
  const pdf = createPdfRenderer();
  const records = createRecordsRoutes({ db: opts.db, keys, rooms, pdf });

  const minutesRoutes = createMinutesRoutes({ db: opts.db, keys, rooms, renderPdf: (html) => pdf.renderPdf(html) });
  const clerkRoutes = createClerkRoutes({ db: opts.db, keys, rooms });
  let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null = null;
  if (!opts.withoutPages) {
    const app = next({ dev: opts.dev, dir: opts.dir });
    await app.prepare();
    nextHandler = app.getRequestHandler();
    if (opts.dev) nextUpgrade = app.getUpgradeHandler();
  }

  async function guard(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === "/demo" && !opts.demo) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
      return false;
    }
    const rule = GUARDS.find((g) => url.pathname === g.prefix || url.pathname.startsWith(`${g.prefix}/`));
    if (!rule) return true;
    const actor = await identify(opts.db, keys, req.headers.cookie);
    if (actor && rule.roles.includes(actor.role)) return true;
    res.writeHead(303, { Location: `/signin?next=${encodeURIComponent(url.pathname)}${actor ? "&denied=1" : ""}`, "Cache-Control": "no-store" });
    res.end();
    return false;
  }

  const http = createServer((req, res) => {
    securityHeaders(res, opts.dev);
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // A request target that is no URL ("//", "http://[") must not throw out of this listener:
      // an exception here is uncaught and would end the process.
      return sendError(res, 400, "bad-request", "request target is not a URL");
    }
    void (async () => {
      // CSRF: a cookie-authenticated mutation must come from this origin (or our own client header).
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) return sendError(res, 403, "forbidden", "cross-site request refused");
      if (await minutesRoutes.handle(req, res, url)) return;
      if (await records.handle(req, res, url)) return;
      if (await clerkRoutes.handle(req, res, url)) return;
      if (await api.handle(req, res, url)) return;
      if (!nextHandler) {
        res.writeHead(404);
        res.end();
        return;
      }
      if (!url.pathname.startsWith("/_next/") && !(await guard(req, res, url))) return;
      await nextHandler(req, res);
    })().catch((err: unknown) => {
      logger.error(`request ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const io = createSocketServer(http, { db: opts.db, keys, rooms, logger });
  const minutes = createMinutesSocket({ db: opts.db, keys, logger });
  const facts = attachMinutesFacts({ db: opts.db, rooms, persistence: minutes.persistence, logger });

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = req.url ?? "";
    if (path.startsWith("/socket.io/")) return; // engine.io's own upgrade listener takes it
    if (path.startsWith(YJS_PATH)) {
      minutes.handleUpgrade(req, socket, head).catch(() => socket.destroy());
      return;
    }
    if (nextUpgrade && path.startsWith("/_next/")) {
      void nextUpgrade(req, socket, head);
      return;
    }
    socket.destroy();
  });

  return {
    http,
    io,
    rooms,
    keys,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        http.once("error", onError);
        http.listen(port, host, () => {
          http.off("error", onError);
          const addr = http.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    async close() {
      await facts.idle();
      await minutes.persistence.flushAll();
      minutes.wss.clients.forEach((c) => c.terminate());
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await records.close();
      commandLog.close();
    },
  };
}
