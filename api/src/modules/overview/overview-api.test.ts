/**
 * The overview's GraphQL on the small demo data: every query answers for the leadership; access
 * (operators refused, anonymous unauthenticated), district scoping (district staff get their district,
 * another district is FORBIDDEN, the map shows only theirs), period resolution in Asia/Shanghai, the
 * briefing and its signed workbook link (the workbook opens with exceljs and has the four sheets).
 */
import "reflect-metadata";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../graphql/ids.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { addDays, resolvePeriod, shanghaiDay } from "./periods.js";

let h: Harness;
const tokens: Record<string, string> = {};
const as = async (u: string) => (tokens[u] ??= await h.login(u));
const D = (id: number) => toGlobalId("District", id);

beforeAll(async () => {
  h = await createHarness({ seed: "small" });
}, 600_000);
afterAll(async () => h?.close());

const FIGURES = `query($p: OverviewPeriod, $d: String, $district: ID) { overviewFigures(period: $p, date: $d, districtId: $district) {
  period { kind startDay endDay lastDay toDate previousStartDay previousLastDay labelZh labelEn year quarter }
  district { adcode }
  streams { stream available figures { key stream labelZh labelEn unit value previous delta changePct link } } } }`;

describe("overview figures", () => {
  it("gives every stream's figures for the month to date with the same days a year before, each linking into its module", async () => {
    const r = ok(await h.gql(FIGURES, {}, { token: await as("leader") })).overviewFigures;
    const today = shanghaiDay(new Date());
    expect(r.period).toMatchObject({ kind: "MONTH", startDay: `${today.slice(0, 7)}-01`, lastDay: today, toDate: true });
    expect(r.period.previousStartDay).toBe(`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`);
    expect(r.district).toBeNull();
    expect(r.streams.map((s: { stream: string }) => s.stream)).toEqual(["construction", "hazardous", "recycling", "cells"]);
    for (const s of r.streams) {
      expect(s.available).toBe(true);
      expect(s.figures.length).toBeGreaterThan(3);
      for (const f of s.figures) {
        expect(f.key.startsWith(`${s.stream}.`)).toBe(true);
        expect(f.link.startsWith(`/${s.stream === "construction" ? "construction" : s.stream}`)).toBe(true);
        expect(f.value).toMatch(/^-?\d+(\.\d+)?$/);
        if (f.previous != null && /^-?\d+(\.\d+)?$/.test(f.previous) && Number(f.previous) !== 0) {
          const pct = ((Number(f.value) - Number(f.previous)) / Number(f.previous)) * 100;
          expect(Math.abs(Number(f.changePct) - pct)).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }
    }
  });

  it("resolves day, quarter and year periods in Shanghai time and refuses a bad date", async () => {
    const t = await as("leader");
    const y = ok(await h.gql(FIGURES, { p: "YEAR", d: "2025-07-09" }, { token: t })).overviewFigures.period;
    expect(y).toMatchObject({ kind: "YEAR", startDay: "2025-01-01", endDay: "2026-01-01", lastDay: "2025-12-31", toDate: false, previousStartDay: "2024-01-01", previousLastDay: "2024-12-31", labelZh: "2025年" });
    const q = ok(await h.gql(FIGURES, { p: "QUARTER", d: "2025-08-31" }, { token: t })).overviewFigures.period;
    expect(q).toMatchObject({ startDay: "2025-07-01", endDay: "2025-10-01", quarter: 3, labelZh: "2025年第三季度", labelEn: "Q3 2025" });
    const d = ok(await h.gql(FIGURES, { p: "DAY", d: "2024-02-29" }, { token: t })).overviewFigures.period;
    expect(d).toMatchObject({ startDay: "2024-02-29", endDay: "2024-03-01", previousStartDay: "2023-02-28", previousLastDay: "2023-02-28" });
    const bad = await h.gql(FIGURES, { p: "DAY", d: "2025-02-30" }, { token: t });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses operators and anonymous callers", async () => {
    const op = await h.gql(FIGURES, {}, { token: await as("transport.demo") });
    expect(op.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anon = await h.gql(FIGURES, {});
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("gives district staff their own district only", async () => {
    const t = await as("housing.shangyu");
    const own = ok(await h.gql(FIGURES, {}, { token: t })).overviewFigures;
    expect(own.district).toEqual({ adcode: "330604" });
    const city = ok(await h.gql(FIGURES, {}, { token: await as("leader") })).overviewFigures;
    const leaderShangyu = ok(await h.gql(FIGURES, { district: D(330604) }, { token: await as("leader") })).overviewFigures;
    expect(own.streams).toEqual(leaderShangyu.streams);
    expect(own.streams).not.toEqual(city.streams);
    const other = await h.gql(FIGURES, { district: D(330602) }, { token: t });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const map = ok(await h.gql(`{ overviewDistricts(figureKey: "construction.trips") { values { district { adcode } value } } }`, {}, { token: t })).overviewDistricts;
    expect(map.values.filter((v: { value: string | null }) => v.value != null).map((v: { district: { adcode: string } }) => v.district.adcode)).toEqual(["330604"]);
  });
});

describe("map, ranking, capacity", () => {
  it("colours the map by a figure: the districts' values add up to the city's", async () => {
    const t = await as("leader");
    const city = ok(await h.gql(FIGURES, { p: "YEAR" }, { token: t })).overviewFigures;
    const trips = city.streams[0].figures.find((f: { key: string }) => f.key === "construction.trips");
    const r = ok(await h.gql(`{ overviewDistricts(figureKey: "construction.trips", period: YEAR) { key unit labelZh values { district { adcode } value rank } } }`, {}, { token: t })).overviewDistricts;
    expect(r.values).toHaveLength(6);
    expect(r.values.reduce((a: number, v: { value: string }) => a + Number(v.value), 0)).toBe(Number(trips.value));
    const sorted = [...r.values].sort((a: { rank: number }, b: { rank: number }) => a.rank - b.rank);
    for (let i = 1; i < sorted.length; i++) expect(Number(sorted[i - 1].value)).toBeGreaterThanOrEqual(Number(sorted[i].value));
    const bad = await h.gql(`{ overviewDistricts { key } }`, {}, { token: t });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = ok(await h.gql(`{ overviewDistricts(figureKey: "nothing.here") { key } }`, {}, { token: t }));
    expect(unknown.overviewDistricts).toBeNull();
  });

  it("ranks the districts by the zero-waste index with trends, the same as the cells module's ranking", async () => {
    const t = await as("leader");
    const r = ok(await h.gql(`{ indexRanking(quarters: 4) { year quarter provincialRank city { value } districts { district { adcode } value rank previousValue change trend { year quarter value rank } } } }`, {}, { token: t })).indexRanking;
    const c = ok(await h.gql(`{ zeroWasteIndexRanking { year quarter districts { district { adcode } value rank } } }`, {}, { token: t })).zeroWasteIndexRanking;
    expect([r.year, r.quarter]).toEqual([c.year, c.quarter]);
    expect(r.districts.map((d: { district: { adcode: string }; value: string; rank: number }) => [d.district.adcode, d.value, d.rank])).toEqual(
      c.districts.map((d: { district: { adcode: string }; value: string; rank: number }) => [d.district.adcode, d.value, d.rank]),
    );
    for (const d of r.districts) {
      expect(d.trend.length).toBeGreaterThanOrEqual(1);
      expect(d.trend.length).toBeLessThanOrEqual(4);
      expect(d.trend.at(-1)).toMatchObject({ year: r.year, quarter: r.quarter, value: d.value });
    }
    const map = ok(await h.gql(`{ overviewDistricts(index: true) { key indexYear indexQuarter values { district { adcode } value rank } } }`, {}, { token: t })).overviewDistricts;
    expect([map.indexYear, map.indexQuarter]).toEqual([r.year, r.quarter]);
    for (const d of r.districts) expect(map.values.find((v: { district: { adcode: string } }) => v.district.adcode === d.district.adcode)).toMatchObject({ value: d.value, rank: d.rank });
  });

  it("balances generation against capacity per district and category, flags shortfalls consistently", async () => {
    const t = await as("leader");
    const year = Number(shanghaiDay(new Date()).slice(0, 4));
    const r = ok(
      await h.gql(
        `{ capacityBalance { year yearToDate plan { nameZh startYear endYear } rows { district { adcode } category unit generated generatedAnnual capacity balance shortfall projectedGenerated projectedCapacity projectedShortfall projectionBasis } totals { category generatedAnnual capacity shortfall } } }`,
        {},
        { token: t },
      ),
    ).capacityBalance;
    expect(r.year).toBe(year);
    expect(r.plan.endYear).toBeGreaterThanOrEqual(year);
    expect(r.plan.endYear - r.plan.startYear).toBe(4);
    expect(new Set(r.rows.map((x: { category: string }) => x.category))).toEqual(new Set(["spoil", "hazardous", "recyclables"]));
    for (const x of r.rows) {
      expect(x.shortfall).toBe(Number(x.generatedAnnual) > Number(x.capacity));
      expect(x.projectedShortfall).toBe(Number(x.projectedGenerated) > Number(x.projectedCapacity));
      expect(Number(x.balance)).toBeCloseTo(Number(x.capacity) - Number(x.generatedAnnual), 2);
      expect(x.projectionBasis).toBe(x.category === "spoil" ? "CUMULATIVE" : "ANNUAL");
    }
    for (const tot of r.totals) {
      const sum = r.rows.filter((x: { category: string }) => x.category === tot.category).reduce((a: number, x: { capacity: string }) => a + Number(x.capacity), 0);
      expect(Number(tot.capacity)).toBeCloseTo(sum, 2);
    }
  });
});

describe("monthly briefing", () => {
  it("writes the month in the bulletin's manner and signs a workbook link that downloads the four sheets", async () => {
    const t = await as("leader");
    const month = shanghaiDay(new Date()).slice(0, 7);
    const b = ok(
      await h.gql(
        `query($m: String!) { monthlyBriefing(month: $m) { month titleZh period { labelZh toDate } yearToDate { startDay } sections { key titleZh textZh textEn } lines { key month { value previous changePct } yearToDate { value } } districtKeys { key } districts { district { adcode } values } capacity { rows { category } } } }`,
        { m: month },
        { token: t },
      ),
    ).monthlyBriefing;
    expect(b.titleZh).toContain("绍兴市");
    expect(b.sections.map((s: { key: string }) => s.key)).toEqual(["construction", "hazardous", "recycling", "cells", "capacity"]);
    expect(b.sections[0].textZh).toMatch(/渣土外运量/);
    expect(b.sections[0].textEn).toMatch(/spoil moved/i);
    expect(b.lines.length).toBeGreaterThan(15);
    expect(b.districts).toHaveLength(6);
    expect(b.districts[0].values).toHaveLength(b.districtKeys.length);
    const link = ok(await h.gql(`query($m: String!) { monthlyBriefingWorkbook(month: $m) { url fileName expiresAt } }`, { m: month }, { token: t })).monthlyBriefingWorkbook;
    expect(link.url).toMatch(/^\/overview\/briefing\.xlsx\?/);
    const res = await h.platform.server.inject({ method: "GET", url: link.url });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["月报", "统计表", "分区县", "产能匹配"]);
    const stats = wb.getWorksheet("统计表")!;
    const spoil = b.lines.find((l: { key: string }) => l.key === "construction.spoilMovedM3");
    let found = false;
    stats.eachRow((row) => {
      if (row.getCell(3).value === "渣土外运量") {
        found = true;
        expect(row.getCell(5).value).toBe(Number(spoil.month.value));
      }
    });
    expect(found).toBe(true);
    // A tampered link is refused.
    const bad = await h.platform.server.inject({ method: "GET", url: link.url.replace(/month=\d{4}-\d{2}/, "month=2020-01") });
    expect(bad.statusCode).toBe(403);
  });

  it("gives district staff their district's briefing without the district table", async () => {
    const t = await as("housing.shangyu");
    const month = addDays(resolvePeriod("MONTH", null).startDay, -1).slice(0, 7);
    const b = ok(await h.gql(`query($m: String!) { monthlyBriefing(month: $m) { district { adcode } titleZh period { toDate } districts { district { adcode } } } }`, { m: month }, { token: t })).monthlyBriefing;
    expect(b.district).toEqual({ adcode: "330604" });
    expect(b.titleZh).toContain("上虞区");
    expect(b.period.toDate).toBe(false);
    expect(b.districts).toEqual([]);
    const other = await h.gql(`query($m: String!, $d: ID) { monthlyBriefingWorkbook(month: $m, districtId: $d) { url } }`, { m: month, d: D(330602) }, { token: t });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await h.gql(`{ monthlyBriefing(month: "2026-13") { month } }`, {}, { token: t });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
