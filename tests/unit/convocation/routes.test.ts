// CONV-15 the phone's convocation routes come without zod (the councillor's screen does not download
// it), and the table the server serves checks the declaration's body all the same.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convocationRoutes } from "../../../core/api/convocation";
import { memberConvocationRoutes } from "../../../core/api/convocation-member";

describe("the member's convocation routes", () => {
  it("CONV-15 the served declarations parse their body; the phone's module imports no zod at run time", () => {
    for (const r of [convocationRoutes.memberDeclare, convocationRoutes.linkDeclare]) {
      expect(r.input, r.path).toBeDefined();
      expect(r.input?.safeParse({ intent: "nonsense" }).success, r.path).toBe(false);
      expect(r.input?.safeParse({}).success, r.path).toBe(false);
    }
    for (const [name, r] of Object.entries(memberConvocationRoutes)) {
      const served = convocationRoutes[name as keyof typeof memberConvocationRoutes];
      expect({ method: served.method, path: served.path, access: served.access }, name).toEqual({ method: r.method, path: r.path, access: r.access });
    }
    const text = readFileSync(path.resolve(__dirname, "../../../core/api/convocation-member.ts"), "utf8");
    expect(text).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+"zod"/m);
    expect(text).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+"\.\/convocation"/m);
  });
});
