/**
 * Exports stream: memory stays flat however many rows a list has. Runs scripts/export-memory.mjs (the
 * real export job over rows the database generates, read in keyset batches) in a child process for CSV
 * and XLSX and checks every row was written and RSS did not grow with the rows. The million-row run is
 * the same script with --rows 1000000 (figures in docs/architecture.md, "Third-party programme").
 * Needs the build (dist/).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { apiRoot } from "../../paths.js";
import { createTestDatabase, TEST_DB } from "../../test/harness.js";

const run = promisify(execFile);
const SCRIPT = path.join(apiRoot, "scripts", "export-memory.mjs");
const built = fs.existsSync(path.join(apiRoot, "dist", "modules", "core", "exports.js"));
const ROWS = Number(process.env.EXPORT_MEMORY_ROWS ?? 200_000);

interface Result {
  rows: number;
  status: string;
  fileMb: number;
  fileLines?: number;
  rssGrowthMb: number;
  lateGrowthMb: number;
}

async function exportRows(format: "CSV" | "XLSX"): Promise<Result> {
  const db = TEST_DB === "postgres" ? await createTestDatabase() : null;
  try {
    const { stdout } = await run(process.execPath, ["--max-old-space-size=1024", SCRIPT, "--rows", String(ROWS), "--format", format], {
      cwd: apiRoot,
      env: { ...process.env, ...(db ? { DATABASE_URL: db.url } : {}) },
      maxBuffer: 10 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").pop()!) as Result;
  } finally {
    await db?.drop();
  }
}

describe("export of a large list", () => {
  for (const format of ["CSV", "XLSX"] as const) {
    it.skipIf(!built && !process.env.CI)(`${format}: ${ROWS.toLocaleString("en")} rows with flat memory`, { timeout: 900_000 }, async () => {
      const r = await exportRows(format);
      expect(r.status).toBe("DONE");
      expect(r.rows).toBe(ROWS);
      if (format === "CSV") expect(r.fileLines).toBe(ROWS + 1); // header + every row
      expect(r.fileMb).toBeGreaterThan(ROWS / 20_000); // > 50 bytes a row: the rows are really in the file
      // Buffering the rows would grow with them (≥ 150 bytes × 150,000 rows ≈ 25+ MB as JS strings, far
      // more as an in-memory workbook); streamed, RSS stays within allocator noise.
      expect(r.lateGrowthMb, JSON.stringify(r)).toBeLessThan(40);
      expect(r.rssGrowthMb, JSON.stringify(r)).toBeLessThan(150);
    });
  }
});
