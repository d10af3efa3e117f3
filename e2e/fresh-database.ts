// A path for a new, empty database in a folder of its own (setup and the server create the file).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function freshTemplateFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seance-e2e-fresh-")), "seance.db");
}
