// Identifiers a client sends are looked up in the state's maps, which are plain objects: a name every
// object has ("valueOf", "constructor", "__proto__") must be refused at the edge, or
// `state.proxies["valueOf"]` finds Object.prototype's function and a revocation of nothing is logged
// (found by the SEC-1 fuzz: `proxy:revoke { from: "valueOf" }` was accepted from the clerk).
import { describe, expect, it } from "vitest";
import { CommandBodySchema } from "../../../core/sitting/protocol";
import { IdSchema } from "../../../core/vocabulary";

describe("identifiers", () => {
  it("SEC-1 an identifier that names a property of every object is refused; ordinary ones pass", () => {
    for (const bad of ["valueOf", "constructor", "__proto__", "toString", "hasOwnProperty", "isPrototypeOf"]) {
      expect(IdSchema.safeParse(bad).success, bad).toBe(false);
      expect(CommandBodySchema.safeParse({ type: "proxy:revoke", from: bad }).success, bad).toBe(false);
    }
    for (const good of ["m03", "i-548638b0-a97", "v-987c267d", "s-2022-10-03", "value", "proto"]) expect(IdSchema.safeParse(good).success, good).toBe(true);
  });
});
