/**
 * Demo data: `node dist/seed.js [--scale small|demo|city|province] [--modules a,b]` fills the configured database.
 * The platform seeds a fresh database once on start in demo mode.
 */
import "reflect-metadata";
import { pathToFileURL } from "node:url";
import { loadConfig } from "./config.js";
import type { App } from "./graphql/context.js";
import { PgPubSub } from "./graphql/pubsub.js";
import { migrateAll, openDatabase } from "./modules/core/db.js";
import { DEMO_PASSWORD, isFresh } from "./modules/core/demo.js";
import type { DemoAccount, Scale } from "./modules/core/seed.js";
import { modules, moduleNames } from "./modules/index.js";
import { sql } from "drizzle-orm";

export async function runSeed(app: App, scale: Scale, opts: { onlyIfFresh?: boolean; log?: (m: string) => void; only?: readonly string[] } = {}): Promise<{ seeded: boolean; accounts: DemoAccount[]; password: string }> {
  const log = opts.log ?? (() => {});
  if (opts.onlyIfFresh && !(await isFresh(app.db))) {
    const demo = (await app.db.execute(sql`select username, display_name from core.users where demo order by id`)) as unknown;
    const rows = (Array.isArray(demo) ? demo : (demo as { rows: unknown[] }).rows) as { username: string; display_name: string }[];
    return { seeded: false, accounts: rows.map((r) => ({ username: r.username, role: "", description: r.display_name })), password: DEMO_PASSWORD };
  }
  const { createSeedContext } = await import("./modules/core/seed.js"); // the generator, only when seeding
  const ctx = await createSeedContext(app, scale, 20211119, log);
  for (const m of modules) {
    if (!m.seed) continue;
    if (opts.only && m.name !== "core" && !opts.only.includes(m.name)) continue; // core holds the accounts
    const t = Date.now();
    await m.seed(ctx);
    log(`${m.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return { seeded: true, accounts: ctx.accounts, password: ctx.password };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--scale");
  const scale = (i >= 0 ? args[i + 1] : "demo") as Scale;
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateAll(database, moduleNames, config.databaseUrl);
  const app: App = { config, database, db: database.db, pubsub: new PgPubSub(database) };
  for (const m of modules) await m.init?.(app);
  const t = Date.now();
  // --modules construction,hazardous: only those streams (and core), e.g. a province scale for the benchmarks' scaling rows
  const j = args.indexOf("--modules");
  const only = j >= 0 ? (args[j + 1] ?? "").split(",").filter(Boolean) : undefined;
  const r = await runSeed(app, scale, { onlyIfFresh: args.includes("--if-fresh"), log: (m) => console.log(m), only });
  console.log(r.seeded ? `seeded (${scale}) in ${((Date.now() - t) / 1000).toFixed(1)} s` : "database not fresh; nothing seeded");
  await database.close();
}
