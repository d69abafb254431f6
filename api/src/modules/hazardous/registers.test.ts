import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { rows } from "../core/db.js";
import { exportDefinitions } from "../core/exports.js";
import { systemPrincipal } from "../core/auth.js";
import { buildWorld, worldAccounts, KEQIAO, type World } from "./test-fixtures.js";

let h: Harness;
let world: World;
const tok: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness();
  const ctx = await h.seedContext();
  world = await buildWorld(ctx);
  const acc = await worldAccounts(ctx, world);
  tok.collector = await h.login(acc.collector);
  tok.producer = await h.login(acc.producer);
  tok.staff = await h.login("ecology");
  tok.keqiao = await h.login("ecology.keqiao");
});
afterAll(async () => h?.close());
const G = (t: string, id: number) => toGlobalId(t, id);

describe("decommissioning projects", () => {
  it("refuses a step before its prerequisite, requires a document to complete, and finishes in order", async () => {
    const created = ok(await h.gql(`mutation($i: CreateProjectInput!) { createDecommissionProject(input: $i) { project { id currentStep steps { step status requires } } userErrors { code } } }`, { i: { unitId: G("HazardousUnit", world.producer), oldSite: "柯桥华舍老厂区", newSite: "滨海印染集聚区" } }, { token: tok.keqiao }));
    const p = created.createDecommissionProject.project;
    expect(p.steps.map((s: { step: string }) => s.step)).toEqual(["PLAN_FILED", "DEMOLITION", "SOIL_SURVEY", "TRANSITION"]);
    expect(p.steps[1].requires).toEqual(["PLAN_FILED"]);
    const step = (s: string, action: string) => h.gql(`mutation($i: AdvanceStepInput!) { advanceDecommissionStep(input: $i) { project { currentStep completed } userErrors { code message } } }`, { i: { id: p.id, step: s, action } }, { token: tok.keqiao });
    const attach = (s: string) =>
      h.gql(`mutation($i: AttachDocumentInput!) { attachHazardousDocument(input: $i) { document { id fileName sizeBytes sha256 } userErrors { code field } } }`, { i: { ownerId: p.id, step: s, fileName: `${s}.txt`, mimeType: "text/plain", contentBase64: Buffer.from(`${s} 文件内容`).toString("base64") } }, { token: tok.keqiao });
    const early = await step("DEMOLITION", "start");
    expect(early.data.advanceDecommissionStep.userErrors[0].code).toBe("PREREQUISITE_MISSING");
    expect(early.data.advanceDecommissionStep.userErrors[0].message).toMatch(/拆除活动污染防治方案备案/);
    expect((await step("PLAN_FILED", "start")).data.advanceDecommissionStep.userErrors).toEqual([]);
    expect((await step("PLAN_FILED", "complete")).data.advanceDecommissionStep.userErrors[0].code).toBe("DOCUMENT_REQUIRED");
    const doc = await attach("PLAN_FILED");
    expect(doc.data.attachHazardousDocument.document.sizeBytes).toBe(Buffer.from("PLAN_FILED 文件内容").length);
    expect((await step("PLAN_FILED", "complete")).data.advanceDecommissionStep.project.currentStep).toBe("PLAN_FILED");
    for (const s of ["DEMOLITION", "SOIL_SURVEY", "TRANSITION"]) {
      expect((await step(s, "start")).data.advanceDecommissionStep.userErrors).toEqual([]);
      await attach(s);
      expect((await step(s, "complete")).data.advanceDecommissionStep.userErrors).toEqual([]);
    }
    const done = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on DecommissionProject { completed documents { fileName } } } }`, { id: p.id }, { token: tok.staff }));
    expect(done.node.completed).toBe(true);
    expect(done.node.documents).toHaveLength(4);
    const content = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on HazardousDocument { contentBase64 } } }`, { id: doc.data.attachHazardousDocument.document.id }, { token: tok.staff }));
    expect(Buffer.from(content.node.contentBase64, "base64").toString()).toBe("PLAN_FILED 文件内容");
    const bad = await h.gql(`mutation($i: AttachDocumentInput!) { attachHazardousDocument(input: $i) { userErrors { code field } } }`, { i: { ownerId: p.id, step: "PLAN_FILED", fileName: "../x", mimeType: "text/plain", contentBase64: "aGk=" } }, { token: tok.keqiao });
    expect(bad.data.attachHazardousDocument.userErrors[0]).toEqual({ code: "INVALID_FILE_NAME", field: "input.fileName" });
  });
});

describe("small/micro collection", () => {
  it("signs contracts only with eligible units and records runs only within the contract", async () => {
    const sign = (unit: number, token = tok.collector!) =>
      h.gql(`mutation($i: SignContractInput!) { signCollectionContract(input: $i) { contract { id unitType } userErrors { code } } }`, { i: { operatorId: G("CollectionOperator", world.operator), unitId: G("HazardousUnit", unit), signedOn: "2026-01-01", validTo: "2027-12-31" } }, { token });
    const c = await sign(world.producer);
    expect(c.data.signCollectionContract.contract.unitType).toBe("INDUSTRIAL");
    expect((await sign(world.producer2)).data.signCollectionContract.userErrors[0].code).toBe("NOT_ELIGIBLE");
    expect((await sign(world.lab)).data.signCollectionContract.contract.unitType).toBe("LABORATORY");
    expect((await sign(world.producer)).data.signCollectionContract.userErrors[0].code).toBe("DUPLICATE");
    expect((await sign(world.autoRepair, tok.producer)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const run = (at: string, lines: { wasteCode: string; quantityKg: string }[]) =>
      h.gql(`mutation($i: RecordRunInput!) { recordCollectionRun(input: $i) { run { totalKg lines { wasteCode quantityKg } } userErrors { code field } } }`, { i: { contractId: c.data.signCollectionContract.contract.id, collectedAt: at, lines } }, { token: tok.collector });
    const okRun = await run("2026-03-05T02:00:00Z", [
      { wasteCode: "900-249-08", quantityKg: "120.5" },
      { wasteCode: "900-041-49", quantityKg: "30.25" },
    ]);
    expect(okRun.data.recordCollectionRun.run.totalKg).toBe("150.750");
    expect((await run("2025-12-01T02:00:00Z", [{ wasteCode: "900-249-08", quantityKg: "1" }])).data.recordCollectionRun.userErrors[0].code).toBe("NO_CONTRACT");
    expect((await run("2026-03-05T02:00:00Z", [{ wasteCode: "999-999-99", quantityKg: "1" }])).data.recordCollectionRun.userErrors[0]).toEqual({ code: "UNKNOWN_WASTE_CODE", field: "input.lines[0].wasteCode" });
    const stats = ok(await h.gql(`{ collectionStatistics(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { totals { unitType contracts runs tonnes } } }`, {}, { token: tok.collector }));
    expect(stats.collectionStatistics.totals[0]).toEqual({ unitType: "INDUSTRIAL", contracts: 1, runs: 1, tonnes: "0.151" });
  });
});

describe("capacity matching and exports", () => {
  it("matches generation by category and district against licensed capacity", async () => {
    const year = new Date().getUTCFullYear();
    const r = ok(await h.gql(`query($y: Int!) { hazardousCapacityMatching(year: $y) { district { code } category utilisationT disposalT generatedT shortfallT } }`, { y: year }, { token: tok.staff }));
    const hw08 = r.hazardousCapacityMatching.find((x: { category: string; district: { code: string } }) => x.category === "HW08" && x.district.code === "shangyu");
    expect(hw08).toMatchObject({ utilisationT: "20000.000", disposalT: "0.000" });
    expect(Number(hw08.shortfallT)).toBeLessThan(0);
  });

  it("registers Excel/CSV exports whose batches respect the caller's scope", async () => {
    const defs = exportDefinitions().filter((d) => d.name.startsWith("hazardous."));
    expect(defs.map((d) => d.name).sort()).toEqual(["hazardous.carriers", "hazardous.collectionRuns", "hazardous.hazards", "hazardous.manifests", "hazardous.people", "hazardous.units", "hazardous.vehicles"]);
    const units = defs.find((d) => d.name === "hazardous.units")!;
    const all: unknown[] = [];
    for await (const b of units.batches(h.database.db, systemPrincipal("t"), units.parseFilter({}, systemPrincipal("t")))) all.push(...b);
    const [n] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.units`);
    expect(all).toHaveLength(n!.n);
    const keqiao = { ...systemPrincipal("t"), districtId: KEQIAO };
    const scoped: { districtId: number }[] = [];
    for await (const b of units.batches(h.database.db, keqiao, units.parseFilter({}, keqiao))) scoped.push(...(b as { districtId: number }[]));
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((u) => u.districtId === KEQIAO)).toBe(true);
    expect(() => units.parseFilter({ districtId: "nope" }, keqiao)).toThrow(/District/);
  });
});
