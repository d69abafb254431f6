import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, TEST_DB } from "../../test/harness.js";
import { migrateAll, openDatabase, rows } from "./db.js";
import { moduleNames } from "../index.js";

describe("migrations", () => {
  it("apply every module's migrations once, and re-running them changes nothing", async () => {
    const h = await createHarness({ seed: false });
    try {
      const applied = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from drizzle.migrations_core`);
      const journal = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../../../drizzle/core/meta/_journal.json"), "utf8"));
      expect(applied[0]!.n).toBe(journal.entries.length);
      await migrateAll(h.database, moduleNames, h.config.databaseUrl);
      const again = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from drizzle.migrations_core`);
      expect(again[0]!.n).toBe(applied[0]!.n);
      const d = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.districts`);
      expect(d[0]!.n).toBe(7);
    } finally {
      await h.close();
    }
  });
});

describe.runIf(TEST_DB === "pglite")("embedded data directory", () => {
  it("keeps data across a restart", { timeout: 240_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-persist-"));
    try {
      const first = await createHarness({ dataDir: dir });
      const admin = await first.login("admin");
      ok(await first.gql(`mutation { createUser(input: { username: "survivor", displayName: "重启后仍在", password: "Password12345", role: LEADERSHIP }) { user { id } } }`, {}, { token: admin }));
      await first.close();

      const again = await openDatabase({ dataDir: dir });
      await migrateAll(again, moduleNames);
      const r = await rows<{ display_name: string }>(again.db, sql`select display_name from core.users where username = 'survivor'`);
      expect(r.map((x) => x.display_name)).toEqual(["重启后仍在"]);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
