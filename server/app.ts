// Wires Séance into one HTTP server on one port: the API (one route table), Next.js pages, Socket.IO
// (/socket.io) and the Yjs minutes websocket (/yjs/), websocket upgrades routed by path. Only wiring.
// On PostgreSQL with REDIS_URL the node joins a cluster (server/cluster/, docs/ARCHITECTURE.md).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Server as IoServer } from "socket.io";
import { authRoutes } from "../core/api/auth";
import { YJS_PATH } from "../core/minutes/document";
import type { Db } from "./db/client";
import { Accounts } from "./auth/accounts";
import { loadServerKeys, type ServerKeys } from "./auth/server-key";
import { Sessions } from "./auth/sessions";
import { connectionCapsFrom } from "./http/connection-caps";
import { createEdgePolicy } from "./http/edge-policy";
import { sendError } from "./http/respond";
import { Router } from "./http/router";
import { registerAuthRoutes } from "./http/routes/auth-routes";
import { registerChairRoutes } from "./http/routes/chair-routes";
import { registerClerkAgendaRoutes } from "./http/routes/clerk-agenda-routes";
import { registerClerkCouncilRoutes } from "./http/routes/clerk-council-routes";
import { registerConvocationRoutes } from "./http/routes/convocation-routes";
import { createMailer } from "./convocation/mailer";
import type { HttpDeps } from "./http/routes/deps";
import { registerMinutesRoutes } from "./http/routes/minutes-routes";
import { registerPublicRoutes } from "./http/routes/public-routes";
import { registerRecordsRoutes } from "./http/routes/records-routes";
import { registerRecordsDeskRoutes } from "./http/routes/records-desk-routes";
import { attachMinutesFacts } from "./minutes/facts-writer";
import { hostMinutes } from "./minutes/minutes-host";
import { consoleLogger, errorMessage, systemClock, type Clock, type Logger } from "./ports";
import { RoomRegistry } from "./realtime/room-registry";
import { PublicFeed } from "./realtime/public-feed";
import { createSocketServer } from "./realtime/socket-server";
import { createPdfRenderer } from "./records/pdf-renderer";
import { SqliteSittingStore } from "./store/sqlite-store";
import { PostgresSittingStore } from "./store/postgres-store";
import type { SittingStore } from "./store/port";
import { UnknownSittingError } from "./store/errors";
import { isPostgresUrl } from "./db/url";
import { Cluster } from "./cluster/cluster";
import { pageGuard } from "./http/page-guard";
import { securityHeaders } from "./http/security-headers";
import { createWallPages, type PublicViewOf, type WallPages } from "./http/wall-page";

export interface SeanceOptions {
  db: Db;
  /** The same database, for the command log's own connection (the hot path, see store/command-log.ts). */
  databaseUrl: string;
  dev: boolean;
  demo: boolean;
  dir: string;
  clock?: Clock;
  logger?: Logger;
  /** The server key (default: SEANCE_SECRET or the key file beside the database). */
  keys?: ServerKeys;
  /** Serve the API and websockets without Next.js (socket-level tests). */
  withoutPages?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface SeanceServer {
  /** This process among the nodes (random at each start). */
  nodeId: string;
  http: HttpServer;
  io: IoServer;
  rooms: RoomRegistry;
  keys: ServerKeys;
  sessions: Sessions;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Every HTTP route of the server; returns the convocation's mailer (closed with the server). */
function registerRoutes(router: Router, deps: HttpDeps, opts: { env: NodeJS.ProcessEnv; clock: Clock; onAccessChanged: (docName: string) => void }) {
  registerAuthRoutes(router, deps);
  registerPublicRoutes(router, deps);
  registerClerkAgendaRoutes(router, deps);
  registerClerkCouncilRoutes(router, deps);
  registerChairRoutes(router, deps);
  registerRecordsRoutes(router, deps);
  registerRecordsDeskRoutes(router, deps);
  // The convocation (#19): e-mail through SMTP when SEANCE_SMTP_URL is set, off otherwise.
  const mailer = createMailer(opts.env);
  registerConvocationRoutes(router, deps, { mailer, clock: opts.clock });
  registerMinutesRoutes(router, deps, { db: deps.db, rooms: deps.rooms, pdf: deps.pdf, onAccessChanged: opts.onAccessChanged });
  return mailer;
}

/**
 * The sittings' store and rooms: SQLite on one machine; on PostgreSQL with REDIS_URL the node joins a
 * cluster (PostgreSQL orders the sittings, Redis carries what the nodes tell each other).
 */
async function openSittings(o: { databaseUrl: string; db: Db; env: NodeJS.ProcessEnv; keys: ServerKeys; clock: Clock; logger: Logger; nodeId: string }) {
  const { env, logger, nodeId } = o;
  const postgres = isPostgresUrl(o.databaseUrl);
  const cluster =
    postgres && env.REDIS_URL
      ? await Cluster.join({ redisUrl: env.REDIS_URL, nodeId, logger, connectionsPerAddress: connectionCapsFrom(env).perAddress })
      : null;
  const caps = cluster?.caps ?? connectionCapsFrom(env);
  const pgStore = postgres ? new PostgresSittingStore(o.db, o.databaseUrl, o.keys.urn, { nodeId, logger }) : null;
  const store: SittingStore = pgStore ?? new SqliteSittingStore(o.db, o.databaseUrl, o.keys.urn);
  const rooms = new RoomRegistry({
    store,
    clock: o.clock,
    logger,
    receiptKey: o.keys.receipt,
    ...(cluster && pgStore ? { forward: cluster.forwarder((sid) => pgStore.ownerOf(sid)) } : {}),
  });
  return { cluster, caps, store, rooms };
}

/** The public wall's page is rendered with the view the public's screens hold (the base of their next patch). */
function publicViewOf(rooms: RoomRegistry, feed: PublicFeed, logger: Logger): PublicViewOf {
  return async (sittingId) => {
    try {
      return feed.current(await rooms.get(sittingId));
    } catch (err) {
      // Unknown here, or not loadable just now: the page says "loading" and its socket tells the rest.
      if (!(err instanceof UnknownSittingError)) logger.error(`public wall ${sittingId}: ${errorMessage(err)}`);
      return null;
    }
  };
}

type PageHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
type UpgradeHandler = ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null;

/** Next.js and the public wall, loaded only when pages are served: socket tests and benchmarks start without them. */
async function loadPages(
  opts: SeanceOptions,
  viewOf: PublicViewOf,
): Promise<{ nextHandler: PageHandler; nextUpgrade: UpgradeHandler; wall: WallPages | null }> {
  if (opts.withoutPages) return { nextHandler: null, nextUpgrade: null, wall: null };
  const wall = await createWallPages(opts.dir, opts.dev, viewOf);
  const { default: next } = await import("next");
  const app = next({ dev: opts.dev, dir: opts.dir });
  await app.prepare();
  return { nextHandler: app.getRequestHandler(), nextUpgrade: opts.dev ? app.getUpgradeHandler() : null, wall };
}

export async function createSeanceServer(opts: SeanceOptions): Promise<SeanceServer> {
  const env = opts.env ?? process.env;
  const logger = opts.logger ?? consoleLogger;
  const clock = opts.clock ?? systemClock;
  const keys = opts.keys ?? loadServerKeys(opts.databaseUrl, env);
  const policy = createEdgePolicy(env);
  const nodeId = randomUUID();
  const { cluster, caps, store, rooms } = await openSittings({ databaseUrl: opts.databaseUrl, db: opts.db, env, keys, clock, logger, nodeId });
  const sessions = new Sessions(opts.db, keys, () => clock.now());
  const accounts = new Accounts(opts.db, keys, sessions, { demo: opts.demo, now: () => clock.now(), ...(cluster ? { failures: cluster.failures } : {}) });
  const pdf = createPdfRenderer({ ...(Number(env.SEANCE_PDF_RENDERS_PER_MINUTE) > 0 ? { rendersPerMinute: Number(env.SEANCE_PDF_RENDERS_PER_MINUTE) } : {}) });
  const isLocal = (req: IncomingMessage) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(req.headers.host ?? "");

  const { docs, persistence } = hostMinutes({ db: opts.db, sessions, logger, policy, caps, env, clock, ...(cluster ? { relay: cluster.relay } : {}) });
  sessions.onRevoked((ids) => docs.dropSessions(ids));
  cluster?.attach({ rooms, sessions, reconnectDoc: (name) => docs.reconnectAll(name) });

  const feed = new PublicFeed();
  const deps: HttpDeps = {
    db: opts.db,
    keys,
    sessions,
    accounts,
    rooms,
    policy,
    demo: opts.demo,
    logger,
    pdf,
    caps,
    feed,
    secureCookies: (req) => !isLocal(req),
  };
  const router = new Router({
    sessions,
    policy,
    demo: opts.demo,
    logger,
    allowedBeforePasswordChange: [authRoutes.changePassword, authRoutes.me, authRoutes.signOut],
  });
  const mailer = registerRoutes(router, deps, {
    env,
    clock,
    onAccessChanged: (name) => {
      docs.reconnectAll(name);
      cluster?.docAccessChanged(name);
    },
  });

  const { nextHandler, nextUpgrade, wall } = await loadPages(opts, publicViewOf(rooms, feed, logger));
  const guard = pageGuard({ sessions, demo: opts.demo });

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
    // With a configured public origin, a request for another host is refused (the health check aside).
    if (!policy.hostAllowed(req) && url.pathname !== "/api/health") return sendError(res, 421, "bad-request", "this server does not answer for that host");
    void (async () => {
      if (await router.handle(req, res, url)) return;
      if (await wall?.handle(req, res, url)) return;
      if (!nextHandler) return sendError(res, 404, "unknown-endpoint");
      // CSRF: a cookie-authenticated mutation must come from this origin (or our own client header).
      if (req.method !== "GET" && req.method !== "HEAD" && !policy.isSameOrigin(req)) return sendError(res, 403, "forbidden", "cross-site request refused");
      if (!url.pathname.startsWith("/_next/") && !(await guard(req, res, url))) return;
      await nextHandler(req, res);
    })().catch((err: unknown) => {
      logger.error(`request ${req.method} ${req.url} failed: ${errorMessage(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // An idle keep-alive connection is closed by the server after this long. Node's 5 s default races
  // with clients that reuse the connection just then (a load balancer's pool, a browser, a script):
  // their request meets a reset, and a POST cannot safely be sent again. The server waits longer
  // than the balancers' idle time (haproxy's `timeout server 60s` in the scale-out notes), so the
  // client side closes first; close() still ends idle connections at once.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;

  const io = createSocketServer(http, { sessions, rooms, logger, policy, caps, feed, clock });
  const facts = attachMinutesFacts({ db: opts.db, rooms, persistence, logger });

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = req.url ?? "";
    if (!policy.hostAllowed(req)) return socket.destroy();
    if (path.startsWith("/socket.io/")) return; // engine.io's own upgrade listener takes it
    if (path.startsWith(`${YJS_PATH}/`)) {
      docs.handleUpgrade(req, socket, head).catch(() => socket.destroy());
      return;
    }
    if (nextUpgrade && path.startsWith("/_next/")) {
      void nextUpgrade(req, socket, head);
      return;
    }
    socket.destroy();
  });

  return {
    nodeId,
    http,
    io,
    rooms,
    keys,
    sessions,
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
      await rooms.stop();
      await facts.idle();
      await persistence.flushAll();
      docs.close();
      await io.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await pdf.close();
      mailer.close();
      await store.close();
      await cluster?.close();
    },
  };
}
