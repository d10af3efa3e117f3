// fast-check arbitraries for hostile input, shared by the fuzz suite: strings that break parsers
// (NUL, lone surrogates, right-to-left marks, paths, injections, 1 MB), values of the wrong type,
// prototype keys as own properties, and structural mutations of a well-formed object.
import fc from "fast-check";

/** Strings chosen by hand because random generation would rarely hit them. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "m01\u0000",
  "M01",
  "m01 ",
  "\uff4d01",
  "../../etc/passwd",
  "..%2F..%2Fetc",
  "%00",
  "%E0%A4%A",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "' OR '1'='1",
  '"; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "\u202eetats",
  "\ufeff",
  "\ud800",
  "\udfff\ud800",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "null",
  "undefined",
  "[]",
  "{}",
  "\r\nSet-Cookie: x=1",
  "s-2022-10-03\u0000",
] as const;

/** Any string a client could send: ASCII, graphemes, raw UTF-16 (NUL, lone surrogates), nasty ones, long ones. */
export function hostileString(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 65, max: Math.max(65, maxLength) }), fc.constantFrom("a", "\u00e9", "\u0000", "\ud83d\uddf3", "%", "9"))
        .map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n)),
    },
  );
}

/** A value of the wrong type for almost any field (numbers JSON cannot carry become null on the wire). */
export function wrongValue(maxLength: number, withBinary: boolean): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 1e308, 2 ** 53 + 2, -(2 ** 31), 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
    hostileString(maxLength),
  ];
  if (withBinary) options.push(fc.uint8Array({ maxLength: 24 }));
  return fc.oneof(...options);
}

/** A copy of `o` with `key` as an own, enumerable property, even for "__proto__" (as JSON.parse makes it). */
export function withOwnKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export type Mutation = (o: Record<string, unknown>) => unknown;

/**
 * One structural change to a well-formed object: a field of the wrong type, a field dropped, an
 * unknown or prototype key added, an id swapped for a well-formed unknown one, or the whole object
 * replaced by another type.
 */
export function mutation(
  fields: readonly string[],
  idFields: readonly string[],
  unknownId: fc.Arbitrary<string>,
  maxLength: number,
  withBinary: boolean,
): fc.Arbitrary<Mutation> {
  const value = wrongValue(maxLength, withBinary);
  const key = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "role", "isAdmin", "userId", "councilId"), fc.string({ maxLength: 12 }));
  const options: fc.Arbitrary<Mutation>[] = [
    key.chain((k) =>
      value.map(
        (v): Mutation =>
          (o) =>
            withOwnKey(o, k, v),
      ),
    ),
    value.map(
      (v): Mutation =>
        () =>
          v,
    ),
    fc.constant<Mutation>((o) => [o]),
  ];
  if (fields.length) {
    options.push(
      fc.constantFrom(...fields).chain((k) =>
        value.map(
          (v): Mutation =>
            (o) =>
              withOwnKey(o, k, v),
        ),
      ),
    );
    options.push(
      fc.constantFrom(...fields).map((k): Mutation => (o) => {
        const copy = { ...o };
        delete copy[k];
        return copy;
      }),
    );
  }
  if (idFields.length)
    options.push(
      fc.constantFrom(...idFields).chain((k) =>
        unknownId.map(
          (id): Mutation =>
            (o) =>
              withOwnKey(o, k, id),
        ),
      ),
    );
  return fc.oneof(...options);
}

/** Applies mutations in turn; a mutation that made a non-object leaves the rest nothing to change. */
export function applyMutations(start: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  let current: unknown = start;
  for (const m of mutations) {
    if (typeof current !== "object" || current === null || Array.isArray(current) || current instanceof Uint8Array) break;
    current = m(current as Record<string, unknown>);
  }
  return current;
}

/** Whether a payload carries binary anywhere (Socket.IO sends it as an attachment, never as JSON). */
export function hasBinary(v: unknown, depth = 0): boolean {
  if (v instanceof Uint8Array) return true;
  if (depth > 20 || typeof v !== "object" || v === null) return false;
  return Object.values(v).some((x) => hasBinary(x, depth + 1));
}

/**
 * What the server receives from the Socket.IO client: `binary` when an attachment is still referenced.
 * Without binary the client sends JSON.stringify(v) (NaN → null, -0 → 0, undefined dropped). With
 * binary it first copies the payload key by key, by assignment, so an own "__proto__" key is lost
 * (it becomes the copy's prototype, which JSON does not carry).
 */
export function overTheWire(v: unknown): { value: unknown; binary: boolean } {
  const placeholder = { _placeholder: true, num: 0 };
  const copy = (x: unknown): unknown => {
    if (x instanceof Uint8Array) return placeholder;
    if (Array.isArray(x)) return x.map(copy);
    if (typeof x !== "object" || x === null) return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) out[k] = copy((x as Record<string, unknown>)[k]);
    return out;
  };
  const referenced = (x: unknown, depth: number): boolean =>
    x === placeholder || (depth < 40 && typeof x === "object" && x !== null && Object.values(x).some((y) => referenced(y, depth + 1)));
  const sent = hasBinary(v) ? copy(v) : v;
  const text = JSON.stringify(sent);
  return { value: text === undefined ? null : (JSON.parse(text) as unknown), binary: referenced(sent, 0) };
}
