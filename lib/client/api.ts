"use client";
// The screens' one way to call the HTTP API: typed from the route contracts of core/api (the same
// objects the server's router serves), with the same-origin header and the refusal shape of the wire.
import { buildPath, type InputOf, type OutputOf, type PathParams, type RouteContract } from "@/core/api/contract";
import { wireError, type Reply, type WireError } from "@/core/refusal";

export type ApiReply<T> = Reply<T> & { data?: T };
export type ApiError = WireError;

/** Calls a route; network failures come back as a refusal like the server's own. */
export async function call<C extends RouteContract>(
  contract: C,
  params: PathParams<C["path"]>,
  ...input: InputOf<C> extends undefined ? [] : [InputOf<C>]
): Promise<Reply<OutputOf<C>> & { data?: OutputOf<C> }> {
  const path = buildPath(contract.path, params);
  const body = input[0];
  const query = contract.method === "GET" && body !== undefined ? `?${new URLSearchParams(body as Record<string, string>).toString()}` : "";
  try {
    const r = await fetch(path + query, {
      method: contract.method,
      headers: { "x-seance-client": "1", ...(body !== undefined && contract.method !== "GET" ? { "Content-Type": "application/json" } : {}) },
      ...(body !== undefined && contract.method !== "GET" ? { body: JSON.stringify(body) } : {}),
    });
    return (await r.json()) as Reply<OutputOf<C>>;
  } catch {
    return { ok: false, error: wireError("unavailable", "network unavailable", { fr: "Réseau indisponible", en: "Network unavailable" }) };
  }
}
