// `npm run cluster`: Séance as several nodes on this machine — PostgreSQL and Redis from Debian's
// packages in a temporary folder, two nodes (server/index.ts) and haproxy in front (signed-in
// devices hashed by sitting, the public spread) — then the demo links. Ctrl-C stops everything.
//   npm run cluster [-- --nodes 3] [-- --port 4000] [-- --no-pages]
import { ensureProductionBuild } from "../ensure-build";
import { parseArgs } from "node:util";
import { LocalCluster } from "./local-cluster";
import { missingServices } from "./local-services";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { nodes: { type: "string", default: "2" }, port: { type: "string" }, "no-pages": { type: "boolean", default: false } },
  });
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 8) throw new Error("--nodes takes 1 to 8");
  const missing = missingServices(["postgresql", "redis-server", "haproxy"]);
  if (missing.length) throw new Error(`missing: ${missing.join(", ")} — install them with: apt-get install ${missing.join(" ")}`);
  const pages = !values["no-pages"];
  if (pages) ensureProductionBuild((m) => console.log(m));
  const cluster = await LocalCluster.start({
    nodes,
    pages,
    ...(values.port ? { balancerPort: Number(values.port) } : {}),
    log: (line) => console.log(`  ${line}`),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the nodes, haproxy, Redis and PostgreSQL…`);
    void cluster.stop().finally(() => process.exit(0));
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  for (const node of cluster.nodes)
    node.proc?.once("exit", (code, signal) => {
      if (!stopping) console.log(`node ${node.name} stopped (${code ?? signal}); the others carry on`);
    });

  const base = cluster.url;
  const sittings = (await (await fetch(`${base}/api/public/sittings`)).json()) as { data: { id: string }[] };
  const sid = sittings.data[sittings.data.length - 1]?.id ?? "";
  console.log(`\nSéance runs on ${nodes} node(s) behind ${base} (PostgreSQL ${cluster.databaseUrl}, Redis ${cluster.redis.url})`);
  console.log("Demo mode — sign in with one click:");
  console.log(`  All demo links:      ${base}/demo`);
  console.log(`  Mayor (president):   ${base}/demo/signin?as=u-president`);
  console.log(`  Clerk:               ${base}/demo/signin?as=u-clerk`);
  console.log(`  A councillor:        ${base}/demo/signin?as=u-m05`);
  console.log(`  Public screen:       ${base}/public/${sid}`);
  for (const node of cluster.nodes) console.log(`  Node ${node.name} directly:     ${node.url}`);
  console.log("Ctrl-C stops everything (the temporary folder is removed).");
}

main().catch((err: unknown) => {
  console.error(`npm run cluster: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
