// CROWD-5: the wall is served with only its own message namespaces (WALL_NAMESPACES), so a component
// on the wall that reads a message from another namespace would show its key ("mode.public") instead of
// words. Every source file the browser's bundle holds is read here: each namespace it names, through
// useTranslations("…") or a root t("namespace.…"), must be one the wall is served with.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import fr from "../../messages/fr.json";
import { WALL_NAMESPACES } from "../../app/public/[sittingId]/wall-render";
import { islandBuild } from "../../scripts/build-wall";

const ROOT = path.resolve(__dirname, "../..");
const ROOT_NAMESPACES = new Set(Object.keys(fr));

/** The namespaces a source names: useTranslations("ns…") and t("ns.…") / t(`ns.…`) whose ns is a catalogue's root key. */
function namespacesNamed(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/useTranslations\(\s*["'`]([A-Za-z]+)/g)) found.add(m[1] ?? "");
  // A namespaced t("kind.x") is relative to its namespace: only a first segment that is also a root
  // namespace can be a root read (a false alarm there costs one namespace more on the wall).
  for (const m of source.matchAll(/\bt\(\s*["'`]([A-Za-z]+)\./g)) if (ROOT_NAMESPACES.has(m[1] ?? "")) found.add(m[1] ?? "");
  return found;
}

describe("CROWD-5 the wall's messages", () => {
  it("the scan finds what it looks for", () => {
    expect([...namespacesNamed('const t = useTranslations("debate"); t("kind.x"); t(`mode.${m}`); u("status.x")')].sort()).toEqual(["debate", "mode"]);
  });

  it("every namespace the wall's code reads is one the wall is served with", async () => {
    const result = await build({ ...islandBuild(ROOT, false), write: false, metafile: true, outdir: path.join(ROOT, ".next", "wall-check") });
    const sources = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules") && /\.tsx?$/.test(f));
    // The screen and the widgets it shares with the other live screens.
    expect(sources).toContain("app/public/[sittingId]/public-wall.tsx");
    expect(sources).toContain("app/components/sitting/agenda-list.tsx");
    const missing: string[] = [];
    for (const file of sources)
      for (const ns of namespacesNamed(fs.readFileSync(path.join(ROOT, file), "utf8")))
        if (!(WALL_NAMESPACES as readonly string[]).includes(ns)) missing.push(`${file}: ${ns}`);
    expect(missing).toEqual([]);
  });
});
