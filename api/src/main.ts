/**
 * Starts the platform: migrations, demo data on a fresh database (demo mode), then the server.
 *   no DATABASE_URL → embedded PGlite in ./data (kept across restarts)
 *   DATABASE_URL=postgres://… → a PostgreSQL server
 */
import "reflect-metadata";
import { loadConfig } from "./config.js";
import { runSeed } from "./seed.js";
import { prewarmOverview } from "./modules/overview/briefing.js";
import { createPlatform } from "./server.js";

const config = loadConfig();
const t0 = Date.now();
const platform = await createPlatform(config, { logger: process.env.LOG_LEVEL !== "silent" });
const where = config.databaseUrl ? "PostgreSQL server" : `embedded PGlite at ${config.dataDir}`;
let accounts: { username: string; description: string }[] = [];
let password = "";
if (config.demo) {
  const r = await runSeed(platform.app, config.demoScale, { onlyIfFresh: true, log: (m) => console.log(`[seed] ${m}`) });
  accounts = r.accounts;
  password = r.password;
}
const url = await platform.listen();
console.log(`\n绍兴无废城市信息平台 / Shaoxing Zero-Waste City platform`);
console.log(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${where}`);
console.log(`  open      ${url}/`);
console.log(`  GraphQL   ${url}/graphql`);
if (accounts.length) {
  console.log(`  demo accounts (password ${password}):`);
  for (const a of accounts) console.log(`    ${a.username.padEnd(20)} ${a.description}`);
}
// in the background: the server already answers
if (process.env.OVERVIEW_PREWARM !== "0") void prewarmOverview(platform.app, (m) => console.log(`[overview] ${m}`));
const shutdown = async () => {
  await platform.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
