// The Prisma CLI's connection to PostgreSQL (migrate deploy, migrate diff): prisma/orm#27403 (open)
// — the JS schema engine reads catalog columns of type `name` (OID 19), which @prisma/adapter-pg
// 6.19 refuses ("Column type 'name' could not be deserialized from the database"). The CLI's
// connections report them as text (OID 25), which they are. The server never uses this client.
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

function asText(result: unknown): unknown {
  const fields = (result as { fields?: { dataTypeID: number }[] } | null)?.fields;
  for (const f of fields ?? []) if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
  return result;
}

export class MigrateClient extends pg.Client {}

// Read off the prototype as a plain function (it is called with the client as `this` below).
const query = Reflect.get(pg.Client.prototype, "query") as (...args: unknown[]) => unknown;
Object.defineProperty(MigrateClient.prototype, "query", {
  value: function (this: pg.Client, ...args: unknown[]): unknown {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as (err: unknown, res: unknown) => void;
      return Reflect.apply(query, this, [...args.slice(0, -1), (err: unknown, res: unknown) => callback(err, asText(res))]);
    }
    const out = Reflect.apply(query, this, args);
    return out instanceof Promise ? out.then(asText) : out;
  },
});
