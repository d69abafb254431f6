/**
 * Backup and restore (docs/reliability.md, "Backup and restore"): a backup taken the documented way,
 * restored into a fresh database, holds every record of every table, value for value.
 *   PostgreSQL server: pg_dump -Fc → createdb → pg_restore (the commands the runbook gives).
 *   Embedded PGlite: the data directory copied while the platform is stopped, and PGlite's own
 *   dumpDataDir() tarball taken while it runs; each opened as a fresh instance.
 * The database is the full small demo seed, so every stream's tables have rows.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../modules/core/db.js";
import { createHarness, createTestDatabase, ok, TEST_DB, type Harness } from "../test/harness.js";
import { fingerprint, totalRows, type TableFingerprint } from "./fingerprint.js";

let h: Harness;
let tmp: string;
let before: TableFingerprint[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zw-backup-"));
  h = await createHarness({ seed: "small", dataDir: TEST_DB === "pglite" ? path.join(tmp, "data") : undefined });
  // A record written just before the backup, through the API, must be in it too.
  const admin = await h.login("admin");
  ok(await h.gql(`mutation { createUser(input: { username: "backup.witness", displayName: "备份见证", password: "Password12345", role: LEADERSHIP }) { user { id } } }`, {}, { token: admin }));
}, 900_000);
afterAll(async () => {
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function expectSame(restored: TableFingerprint[]) {
  expect(restored.map((t) => t.table)).toEqual(before.map((t) => t.table));
  const diff = restored.filter((t, i) => t.rows !== before[i]!.rows || t.md5 !== before[i]!.md5).map((t) => t.table);
  expect(diff).toEqual([]);
}

describe.runIf(TEST_DB === "postgres")("backup and restore on the PostgreSQL server", () => {
  it("pg_dump -Fc, then pg_restore into a new database: every table, every row, every value", async () => {
    before = await fingerprint(h.database.db);
    expect(totalRows(before)).toBeGreaterThan(1000);
    expect(before.filter((t) => t.rows > 0).length).toBeGreaterThan(50);
    const file = path.join(tmp, "zw.dump");
    const url = h.config.databaseUrl!;
    execFileSync("pg_dump", ["--format=custom", "--no-owner", "--file", file, url], { stdio: "pipe" });
    const target = await createTestDatabase();
    try {
      execFileSync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", target.url, file], { stdio: "pipe" });
      const restored = await openDatabase({ databaseUrl: target.url, max: 2 });
      try {
        expectSame(await fingerprint(restored.db));
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  }, 600_000);
});

describe.runIf(TEST_DB === "pglite")("backup and restore of the embedded data directory", () => {
  const open = async (p: PGlite) => ({ p, db: drizzle(p, { casing: "snake_case" }) as unknown as Db });

  it("dumpDataDir() while running, loaded into a fresh instance: every table, every row, every value", async () => {
    before = await fingerprint(h.database.db);
    expect(totalRows(before)).toBeGreaterThan(1000);
    const tarball = await h.database.pglite!.dumpDataDir("gzip");
    const file = path.join(tmp, "zw-pglite.tar.gz");
    fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
    const blob = new Blob([fs.readFileSync(file)]);
    const { p, db } = await open(await PGlite.create({ loadDataDir: blob, extensions: { pg_trgm } }));
    try {
      expectSame(await fingerprint(db));
    } finally {
      await p.close();
    }
  }, 600_000);

  it("the data directory copied while the platform is stopped opens with every record", async () => {
    before = await fingerprint(h.database.db);
    const dir = h.config.dataDir;
    await h.close(); // a clean stop, as the runbook says
    const copy = path.join(tmp, "data-restored");
    fs.cpSync(dir, copy, { recursive: true });
    fs.rmSync(dir, { recursive: true, force: true }); // the original is gone: only the backup remains
    const { p, db } = await open(await PGlite.create(copy, { extensions: { pg_trgm } }));
    try {
      expectSame(await fingerprint(db));
      const [w] = (await p.query<{ display_name: string }>(`select display_name from core.users where username = 'backup.witness'`)).rows;
      expect(w?.display_name).toBe("备份见证");
    } finally {
      await p.close();
    }
  }, 600_000);
});
