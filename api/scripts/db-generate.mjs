#!/usr/bin/env node
// Generates SQL migrations for one module: node scripts/db-generate.mjs <module> [--custom --name x]
// Each module has its own folder (drizzle/<module>) and its own migrations table.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [mod, ...rest] = process.argv.slice(2);
if (!mod) {
  console.error("usage: db-generate <module> [drizzle-kit generate flags]");
  process.exit(2);
}
const schema = `./src/modules/${mod}/tables.ts`;
if (!fs.existsSync(schema)) {
  console.error(`no ${schema}`);
  process.exit(2);
}
const cfg = path.join(".tmp", `drizzle.${mod}.config.json`);
fs.mkdirSync(".tmp", { recursive: true });
fs.writeFileSync(cfg, JSON.stringify({ dialect: "postgresql", schema, out: `./drizzle/${mod}`, casing: "snake_case" }));
const r = spawnSync("npx", ["drizzle-kit", "generate", "--config", cfg, ...rest], { stdio: "inherit" });
process.exit(r.status ?? 1);
