// One dispatcher for every HTTP route: it matches the path against the route table, refuses
// cross-site mutations, checks who is asking against the route's access, reads and parses the input
// with the route's zod schema, calls the one handler, and maps its Result (or an error) to a reply.
// Each domain only declares its routes (server/http/routes/*.ts) over the contracts of core/api/.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Access, InputOf, OutputOf, RouteContract } from "../../core/api/contract";
import { describeZodError, REFUSALS, refusalToWire, statusOf, wireError, type RefusalCode, type Result } from "../../core/refusal";
import type { Identity, Sessions } from "../auth/sessions";
import { errorMessage, type Logger } from "../ports";
import { UnknownSittingError } from "../store/errors";
import { BodyError, readJson, sendJson } from "./respond";

const FRENCH = z.locales.fr();
import type { EdgePolicy } from "./edge-policy";

export interface RouteContext<C extends RouteContract> {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  input: InputOf<C>;
  /** Who is asking (null: nobody signed in). */
  actor: Identity | null;
  /** For "clerk" routes: the clerk's council. */
  councilId: string;
  /** Extra headers for the JSON answer (a Set-Cookie). */
  headers: Record<string, string>;
}

/** A handler's answer: a Result (sent as JSON), or SENT when it wrote the response itself. */
export const SENT = Symbol("sent");
export type Answered<T> = Result<T> | (Result<T> & { status?: number }) | typeof SENT;
type Handler<C extends RouteContract> = (ctx: RouteContext<C>) => Promise<Answered<OutputOf<C>>>;

interface Entry {
  contract: RouteContract;
  segments: string[];
  handler: Handler<RouteContract>;
}

/** Paths this router answers for (everything else is a page). */
const OWNED = (p: string) => p.startsWith("/api/") || p.startsWith("/records/") || p === "/demo/signin";
const PARAM = /^[A-Za-z0-9_-]{1,64}$/;

/** Thrown by a handler for a refusal found deep in a call (the router maps it like a Result). */
export class RefusalError extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail?: string,
  ) {
    super(detail ?? code);
  }
}

export function sendRefusal(res: ServerResponse, code: RefusalCode, detail?: string, status?: number): void {
  sendJson(res, status ?? statusOf(code), { ok: false, error: wireError(code, detail) });
}

export class Router {
  private entries: Entry[] = [];

  constructor(
    private readonly deps: {
      sessions: Sessions;
      policy: EdgePolicy;
      demo: boolean;
      logger: Logger;
      /** Routes a must-change-password account may still use. */
      allowedBeforePasswordChange: readonly RouteContract[];
    },
  ) {}

  add<C extends RouteContract>(contract: C, handler: Handler<C>): this {
    this.entries.push({ contract, segments: contract.path.split("/"), handler: handler });
    return this;
  }

  /** Answers the request when its path is one of ours; false lets the pages have it. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!OWNED(url.pathname)) return false;
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    try {
      const match = this.match(url.pathname, method);
      if (match === "bad-param") return (sendRefusal(res, "bad-request", "a path parameter is not a valid identifier or escape"), true);
      if (!match) return (sendRefusal(res, "unknown-endpoint", `no such endpoint: ${method} ${url.pathname}`), true);
      const { entry, params } = match;
      const c = entry.contract;
      if (c.access === "demo" && !this.deps.demo) return (sendRefusal(res, "unknown-endpoint", `no such endpoint: ${method} ${url.pathname}`), true);
      // CSRF: a cookie-authenticated mutation must come from this origin (or our own client header).
      if (method !== "GET" && !this.deps.policy.isSameOrigin(req)) return (sendRefusal(res, "forbidden", "cross-site request refused"), true);
      const actor = await this.deps.sessions.identify(req.headers.cookie);
      const denied = this.refuseAccess(c.access, actor);
      if (denied) return (sendRefusal(res, denied.code, denied.detail), true);
      if (actor?.mustChangePassword && c.access !== "public" && !this.deps.allowedBeforePasswordChange.includes(c))
        return (sendRefusal(res, "forbidden", "choose a new password first (/account)"), true);
      const input = await this.readInput(req, url, c);
      if (!input.success) {
        // The field and the reason in the reader's words: a clerk's form shows this sentence.
        const base = REFUSALS["bad-request"];
        const text = { fr: `${base.fr} — ${describeZodError(input.french, " : ")}`, en: `${base.en} — ${describeZodError(input.error)}` };
        return (sendJson(res, 400, { ok: false, error: wireError("bad-request", describeZodError(input.error), text) }), true);
      }
      const ctx: RouteContext<RouteContract> = {
        req,
        res,
        url,
        params,
        input: input.data,
        actor,
        councilId: actor?.councilId ?? "",
        headers: {},
      };
      const answer = await entry.handler(ctx);
      if (answer === SENT) return true;
      if (answer.ok)
        sendJson(res, ("status" in answer && answer.status) || 200, { ok: true, data: answer.value === undefined ? {} : answer.value }, ctx.headers);
      else
        sendJson(res, answer.status ?? statusOf(answer.code), {
          ok: false,
          error: refusalToWire(answer),
          ...(answer.data !== undefined ? { data: answer.data } : {}),
        });
    } catch (err) {
      if (err instanceof BodyError) sendRefusal(res, err.tooLarge ? "too-large" : "bad-request", err.message, 400);
      else if (err instanceof RefusalError) sendRefusal(res, err.code, err.detail);
      else if (err instanceof UnknownSittingError) sendRefusal(res, "unknown-sitting");
      else if (err instanceof Error && err.name === "PdfUnavailableError") sendRefusal(res, "unavailable", err.message);
      else {
        this.deps.logger.error(`${method} ${url.pathname} failed: ${errorMessage(err)}`);
        if (!res.headersSent) sendRefusal(res, "internal");
        else res.end();
      }
    }
    return true;
  }

  private match(path: string, method: string): { entry: Entry; params: Record<string, string> } | "bad-param" | null {
    const parts = path.split("/");
    let badParam = false;
    for (const entry of this.entries) {
      if (entry.contract.method !== method || entry.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = entry.segments[i]!;
        const got = parts[i]!;
        if (!want.startsWith(":")) {
          ok = want === got;
          continue;
        }
        let value: string;
        try {
          value = decodeURIComponent(got);
        } catch {
          // A malformed escape (%E0%A4%A) is the client's mistake (400), not a server error.
          badParam = true;
          ok = false;
          continue;
        }
        if (!PARAM.test(value)) {
          badParam = true;
          ok = false;
          continue;
        }
        params[want.slice(1)] = value;
      }
      if (ok) return { entry, params };
    }
    return badParam ? "bad-param" : null;
  }

  private refuseAccess(access: Access, actor: Identity | null): { code: RefusalCode; detail?: string } | null {
    switch (access) {
      case "public":
      case "demo":
        return null;
      case "signed-in":
        return actor ? null : { code: "not-signed-in" };
      case "staff":
        if (!actor) return { code: "not-signed-in" };
        return actor.role === "clerk" || actor.role === "president" || actor.role === "secretary" ? null : { code: "forbidden" };
      case "clerk":
        if (!actor) return { code: "not-signed-in" };
        return actor.role === "clerk" && actor.councilId ? null : { code: "forbidden" };
    }
  }

  private async readInput(
    req: IncomingMessage,
    url: URL,
    c: RouteContract,
  ): Promise<{ success: true; data: unknown } | { success: false; error: z.ZodError; french: z.ZodError }> {
    if (!c.input) return { success: true, data: undefined };
    const raw = c.method === "GET" ? Object.fromEntries(url.searchParams) : await readJson(req, c.bodyLimit);
    const parsed = c.input.safeParse(raw);
    if (parsed.success) return parsed;
    // The same issues in French (zod's own French messages), for the person who filled the form.
    const french = c.input.safeParse(raw, { error: FRENCH.localeError });
    return { success: false, error: parsed.error, french: french.success ? parsed.error : french.error };
  }
}

/** A success with another status than 200 (201 Created). */
export function created<T>(value: T): { ok: true; value: T; status: number } {
  return { ok: true, value, status: 201 };
}
