// The shape of an HTTP route, shared by the server (which serves it) and the screens (which call it):
// method, path template, who may call it, the zod schema of its input and the type of its answer.
// The server's router checks all of it; lib/client/api.ts builds typed calls from the same object.
import type { z } from "zod";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * Who may call a route: anyone; anyone signed in; the staff (clerk, president, secretaries); the
 * clerk of the council concerned; or only on a demo server.
 */
export type Access = "public" | "signed-in" | "staff" | "clerk" | "demo";

/** The answer a route gives: JSON data, or a document (CSV, HTML, PDF, a redirect, a stream). */
export type Answer = "json" | "document";

export interface RouteContract<Path extends string = string, Input extends z.ZodType | undefined = z.ZodType | undefined, Output = unknown> {
  method: Method;
  path: Path;
  access: Access;
  /** The body (POST, PATCH) or the query string (GET), parsed before the handler runs. */
  input: Input;
  answer: Answer;
  /** Largest body accepted, in bytes (64 kB when not given). */
  bodyLimit?: number;
  /** Phantom: the type of `data` in a JSON answer. */
  readonly output?: Output;
}

/** The names of the `:params` of a path template, as an object type. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<string, never>;

export type InputOf<C> = C extends RouteContract<string, infer I, unknown> ? (I extends z.ZodType ? z.input<I> : undefined) : never;
export type OutputOf<C> = C extends RouteContract<string, z.ZodType | undefined, infer O> ? O : never;

/** Declares a route; `Output` is given as a type argument: `route<Sitting>()({ … })`. */
export function route<Output = unknown>() {
  return <Path extends string, Input extends z.ZodType | undefined = undefined>(def: {
    method: Method;
    path: Path;
    access: Access;
    input?: Input;
    answer?: Answer;
    bodyLimit?: number;
  }): RouteContract<Path, Input, Output> => ({
    method: def.method,
    path: def.path,
    access: def.access,
    input: def.input as Input,
    answer: def.answer ?? "json",
    ...(def.bodyLimit !== undefined ? { bodyLimit: def.bodyLimit } : {}),
  });
}

/** Fills a path template with its params (each one percent-encoded). */
export function buildPath(template: string, params: Record<string, string>): string {
  return template.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""));
}
