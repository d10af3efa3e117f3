// STORE-10: the PostgreSQL schema is generated from the SQLite one, where models are added: the
// committed prisma/postgres/schema.prisma must be what `npm run db:postgres-schema` writes today.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaOf } from "../../scripts/postgres-schema";

describe("the PostgreSQL schema", () => {
  it("STORE-10 prisma/postgres/schema.prisma is the SQLite schema's models with PostgreSQL as provider (stale: run npm run db:postgres-schema)", () => {
    const wanted = postgresSchemaOf(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    const committed = fs.readFileSync(POSTGRES_SCHEMA, "utf8");
    expect(committed, `${POSTGRES_SCHEMA} is stale: run \`npm run db:postgres-schema\`, which also writes the PostgreSQL migration`).toBe(wanted);
    expect(committed).toMatch(/provider = "postgresql"/);
    expect(fs.readFileSync(`${POSTGRES_MIGRATIONS}/migration_lock.toml`, "utf8")).toMatch(/provider = "postgresql"/);
  });

  it("STORE-10 the generator changes nothing but the provider and the client's output", () => {
    const sqlite =
      'generator client {\n  provider   = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n\nmodel A {\n  id String @id\n}\n';
    const out = postgresSchemaOf(sqlite);
    expect(out).toContain('provider = "postgresql"');
    expect(out).toContain('output     = "../../node_modules/.prisma/postgres-client"');
    expect(out).toContain("model A {\n  id String @id\n}\n");
    expect(
      out
        .replace(/^\/\/.*\n/gm, "")
        .replace('provider = "postgresql"', 'provider = "sqlite"')
        .replace(/\n {2}output .*\n/, "\n"),
    ).toBe(sqlite);
  });
});
