/**
 * Asynchronous exports (数据导出): any module registers a list as exportable; a background job
 * streams it to CSV or XLSX (memory stays flat on a million rows), and the requester downloads it
 * through a signed link that is valid for a short time.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { App, Principal } from "../../graphql/context.js";
import { can } from "../../graphql/auth.js";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { row, type Tx } from "./db.js";
import { exportJobs, settings } from "./tables.js";

export interface ExportColumn<Row> {
  key: string;
  headerZh: string;
  headerEn: string;
  value: (row: Row) => string | number | Date | boolean | null | undefined;
}

export interface ExportDefinition<Filter = unknown, Row = unknown> {
  /** e.g. "construction.sites" */
  name: string;
  titleZh: string;
  titleEn: string;
  /** Access rule, as in Can.*: "construction:read", "hazardous:read:op", … */
  rule: string;
  /** Validates the filter (same shape as the list's GraphQL filter); throw badInput on bad input. */
  parseFilter(input: Record<string, unknown>, p: Principal): Filter;
  columns: ExportColumn<Row>[];
  /** Rows in batches (keyset-paged), scoped to what `p` may see. */
  batches(tx: Tx, p: Principal, filter: Filter): AsyncIterable<Row[]>;
}

const registry = new Map<string, ExportDefinition<unknown, unknown>>();
export function registerExport<F, R>(def: ExportDefinition<F, R>): void {
  registry.set(def.name, def as unknown as ExportDefinition<unknown, unknown>);
}
export function exportDefinitions(): ExportDefinition<unknown, unknown>[] {
  return [...registry.values()];
}

export type ExportJobRow = typeof exportJobs.$inferSelect;
export const EXPORT_LINK_MINUTES = 10;
export const EXPORT_KEEP_HOURS = 24;
export const MAX_EXPORT_ROWS = 2_000_000;

export function exportDir(app: App): string {
  const base = app.config.databaseUrl || app.config.dataDir.startsWith("memory://") ? path.join(process.env.TMPDIR || "/tmp", "zw-exports") : path.join(app.config.dataDir, "..", "exports");
  fs.mkdirSync(base, { recursive: true });
  return base;
}

/** The signing secret, shared by every API process through the database. */
let secretCache: WeakMap<object, Buffer> = new WeakMap();
export async function signingSecret(app: App): Promise<Buffer> {
  const cached = secretCache.get(app.db);
  if (cached) return cached;
  await app.db.insert(settings).values({ key: "signing_secret", value: randomBytes(32).toString("base64") }).onConflictDoNothing();
  const r = await row<{ value: string }>(app.db, sql`select value from core.settings where key = 'signing_secret'`);
  const secret = Buffer.from(r!.value, "base64");
  secretCache.set(app.db, secret);
  return secret;
}
export function resetSecretCache(): void {
  secretCache = new WeakMap();
}

export async function signDownload(app: App, jobId: number, expires: number): Promise<string> {
  const sig = createHmac("sha256", await signingSecret(app)).update(`export:${jobId}:${expires}`).digest("base64url");
  return `/exports/${jobId}/download?expires=${expires}&sig=${sig}`;
}

export async function verifyDownload(app: App, jobId: number, expires: number, sig: string): Promise<boolean> {
  if (!Number.isFinite(expires) || expires < Date.now()) return false;
  const want = createHmac("sha256", await signingSecret(app)).update(`export:${jobId}:${expires}`).digest();
  const got = Buffer.from(sig, "base64url");
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Queues an export for the caller; validates name, access and filter now. */
export async function startExport(w: Writer, name: string, format: "CSV" | "XLSX", filter: Record<string, unknown>, language: "zh-CN" | "en"): Promise<ExportJobRow> {
  const p = w.principal;
  const def = registry.get(name);
  if (!def) throw new DomainError("UNKNOWN_EXPORT", `No export named ${name}`, "name");
  if (!can(p, def.rule)) throw new DomainError("FORBIDDEN", "You may not export this list", "name");
  def.parseFilter(filter, p);
  const [job] = await w.tx
    .insert(exportJobs)
    // A filter written as a GraphQL literal arrives as a null-prototype object: store a plain copy.
    .values({ name, format, language, filter: JSON.parse(JSON.stringify(filter)) as Record<string, unknown>, principal: p as unknown as Record<string, unknown>, requestedBy: p.label })
    .returning();
  w.afterCommit(() => void runQueuedExports(w.app).catch(() => {}));
  return job!;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  // Neutralise spreadsheet formulas (CSV injection) and quote when needed.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function xlsxValue(v: unknown): string | number | Date | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  const s = String(v);
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/**
 * ExcelJS's streaming writer hands each 64 KB of sheet XML to the zip without waiting for it (its
 * StreamBuf ignores backpressure): when compression is slower than rows arrive, the queue grows with the
 * rows — hundreds of MB on a million. Wait after each batch until less than 1 MB is queued.
 */
type Queue = { _writableState?: { length: number }; _readableState?: { length: number } };
export async function xlsxBackpressure(ws: unknown, maxQueued = 1 << 20): Promise<void> {
  const dest = (ws as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0];
  if (!dest) return;
  const queued = () => (dest._writableState?.length ?? 0) + (dest._readableState?.length ?? 0);
  for (let waited = 0; queued() > maxQueued && waited < 120_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
}

/** Runs one queued job (claimed with SKIP LOCKED so several processes can share the queue). */
export async function runOneExport(app: App): Promise<boolean> {
  const claimed = await row<{ id: number }>(
    app.db,
    sql`update core.export_jobs set status = 'RUNNING', started_at = now()
        where id = (select id from core.export_jobs where status = 'QUEUED' order by id for update skip locked limit 1)
        returning id`,
  );
  if (!claimed) return false;
  const [job] = await app.db.select().from(exportJobs).where(eq(exportJobs.id, claimed.id));
  const def = registry.get(job!.name);
  const file = path.join(exportDir(app), `export-${job!.id}-${randomBytes(6).toString("hex")}.${job!.format === "CSV" ? "csv" : "xlsx"}`);
  try {
    if (!def) throw new Error(`export ${job!.name} is no longer registered`);
    const p = job!.principal as unknown as Principal;
    const filter = def.parseFilter(job!.filter as Record<string, unknown>, p);
    const zh = job!.language !== "en";
    const headers = def.columns.map((c) => (zh ? c.headerZh : c.headerEn));
    let count = 0;
    if (job!.format === "CSV") {
      const out = fs.createWriteStream(file, { encoding: "utf8" });
      out.write("\ufeff" + headers.map(csvCell).join(",") + "\r\n");
      for await (const batch of def.batches(app.db, p, filter)) {
        for (const r of batch) {
          if (!out.write(def.columns.map((c) => csvCell(c.value(r))).join(",") + "\r\n")) await once(out, "drain");
        }
        count += batch.length;
        if (count > MAX_EXPORT_ROWS) throw new Error(`more than ${MAX_EXPORT_ROWS} rows; narrow the filter`);
      }
      out.end();
      await once(out, "finish");
    } else {
      const { default: ExcelJS } = await import("exceljs"); // loaded on the first export, not at start
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet((zh ? def.titleZh : def.titleEn).slice(0, 31));
      ws.columns = def.columns.map((c, i) => ({ header: headers[i], key: c.key, width: Math.min(40, Math.max(10, headers[i]!.length * 2)) }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for await (const batch of def.batches(app.db, p, filter)) {
        for (const r of batch) ws.addRow(def.columns.map((c) => xlsxValue(c.value(r)))).commit();
        await xlsxBackpressure(ws);
        count += batch.length;
        if (count > MAX_EXPORT_ROWS) throw new Error(`more than ${MAX_EXPORT_ROWS} rows; narrow the filter`);
      }
      ws.commit();
      await wb.commit();
    }
    const bytes = fs.statSync(file).size;
    await app.db
      .update(exportJobs)
      .set({ status: "DONE", rowCount: count, filePath: file, fileBytes: bytes, finishedAt: new Date(), expiresAt: new Date(Date.now() + EXPORT_KEEP_HOURS * 3600_000) })
      .where(eq(exportJobs.id, job!.id));
  } catch (e) {
    fs.rmSync(file, { force: true });
    await app.db.update(exportJobs).set({ status: "FAILED", error: String((e as Error).message).slice(0, 500), finishedAt: new Date() }).where(eq(exportJobs.id, job!.id));
  }
  return true;
}

let running: Promise<void> | null = null;
/** Drains the queue (one runner per process at a time). */
export function runQueuedExports(app: App): Promise<void> {
  running ??= (async () => {
    try {
      while (await runOneExport(app)) {
        /* next */
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Scheduled: delete expired files and their jobs. */
export async function purgeExpiredExports(app: App): Promise<void> {
  const old = await app.db.select().from(exportJobs).where(and(eq(exportJobs.status, "DONE"), lt(exportJobs.expiresAt, new Date()))).orderBy(asc(exportJobs.id)).limit(100);
  for (const j of old) {
    if (j.filePath) fs.rmSync(j.filePath, { force: true });
    await app.db.delete(exportJobs).where(eq(exportJobs.id, j.id));
  }
}
