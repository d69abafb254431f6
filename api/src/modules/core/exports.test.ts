import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { asc, gt } from "drizzle-orm";
import { badInput } from "../../graphql/errors.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { runQueuedExports, registerExport } from "./exports.js";
import { auditLog } from "./tables.js";

// A real list to export: the audit log, filtered by entity.
registerExport<{ entity?: string }, typeof auditLog.$inferSelect>({
  name: "core.audit",
  titleZh: "审计日志",
  titleEn: "Audit log",
  rule: "audit:read",
  parseFilter(input) {
    if (input.entity !== undefined && typeof input.entity !== "string") throw badInput("filter.entity", "must be a string");
    return { entity: input.entity as string | undefined };
  },
  columns: [
    { key: "id", headerZh: "编号", headerEn: "No.", value: (r) => r.id },
    { key: "actor", headerZh: "操作者", headerEn: "Actor", value: (r) => r.actor },
    { key: "entity", headerZh: "对象", headerEn: "Entity", value: (r) => r.entity },
    { key: "at", headerZh: "时间", headerEn: "At", value: (r) => r.at },
  ],
  async *batches(tx, _p, f) {
    let after = 0;
    for (;;) {
      const page = await tx.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(500);
      const rows = f.entity ? page.filter((r) => r.entity === f.entity) : page;
      if (rows.length) yield rows;
      if (page.length < 500) return;
      after = page[page.length - 1]!.id;
    }
  },
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function exportAndWait(token: string, format: "CSV" | "XLSX", filter: Record<string, unknown>) {
  const started = ok(await h.gql(`mutation($f: JSONObject, $fmt: ExportFormat!) { startExport(name: "core.audit", format: $fmt, filter: $f) { job { id status } userErrors { code field } } }`, { f: filter, fmt: format }, { token }));
  expect(started.startExport.userErrors).toEqual([]);
  await runQueuedExports(h.platform.app);
  const job = ok(await h.gql(`query($id: ID!) { exportJob(id: $id) { status rowCount error download { url expiresAt } } }`, { id: started.startExport.job.id }, { token }));
  return job.exportJob;
}

describe("asynchronous exports", () => {
  it("exports a list to XLSX through a background job and a signed, expiring link", async () => {
    const admin = await h.login("admin");
    for (let i = 0; i < 3; i++) ok(await h.gql(`mutation($u: String!) { createUser(input: { username: $u, displayName: "导出测试", password: "Password12345", role: LEADERSHIP }) { user { id } } }`, { u: `exp${i}` }, { token: admin }));
    const job = await exportAndWait(admin, "XLSX", { entity: "User" });
    expect(job.status).toBe("DONE");
    expect(job.rowCount).toBeGreaterThanOrEqual(3);
    const res = await h.platform.server.inject({ method: "GET", url: job.download.url });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, "编号", "操作者", "对象", "时间"]);
    expect(ws.rowCount - 1).toBe(job.rowCount);
    expect(ws.getRow(2).getCell(3).value).toBe("User");

    const tampered = job.download.url.replace(/sig=.{4}/, "sig=AAAA");
    expect((await h.platform.server.inject({ method: "GET", url: tampered })).statusCode).toBe(403);
    const expired = job.download.url.replace(/expires=\d+/, `expires=${Date.now() - 1000}`);
    expect((await h.platform.server.inject({ method: "GET", url: expired })).statusCode).toBe(403);
  });

  it("exports CSV with a BOM and neutralised formulas", async () => {
    const admin = await h.login("admin");
    ok(await h.gql(`mutation { createUser(input: { username: "formula", displayName: "=HYPERLINK(1)", password: "Password12345", role: LEADERSHIP }) { user { id } } }`, {}, { token: admin }));
    const job = await exportAndWait(admin, "CSV", {});
    const res = await h.platform.server.inject({ method: "GET", url: job.download.url });
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body.split("\r\n")[0]).toBe("\ufeff编号,操作者,对象,时间");
  });

  it("refuses unknown lists, lists the caller may not read, and bad filters", async () => {
    const staff = await h.login("housing");
    const denied = ok(await h.gql(`mutation { startExport(name: "core.audit", format: CSV) { job { id } userErrors { code } } }`, {}, { token: staff }));
    expect(denied.startExport.userErrors[0].code).toBe("FORBIDDEN");
    const unknown = ok(await h.gql(`mutation { startExport(name: "nope", format: CSV) { job { id } userErrors { code field } } }`, {}, { token: staff }));
    expect(unknown.startExport.userErrors[0]).toEqual({ code: "UNKNOWN_EXPORT", field: "name" });
    const leader = await h.login("leader");
    const bad = await h.gql(`mutation { startExport(name: "core.audit", format: CSV, filter: { entity: 5 }) { job { id } } }`, {}, { token: leader });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("shows a job only to whoever requested it", async () => {
    const leader = await h.login("leader");
    const started = ok(await h.gql(`mutation { startExport(name: "core.audit", format: CSV) { job { id } } }`, {}, { token: leader }));
    const other = ok(await h.gql(`query($id: ID!) { exportJob(id: $id) { status } }`, { id: started.startExport.job.id }, { token: await h.login("ecology") }));
    expect(other.exportJob).toBeNull();
  });
});
