/** Plain functions of the overview: periods in Shanghai time, exact decimals, the cache. */
import { describe, expect, it } from "vitest";
import { OverviewCache } from "./cache.js";
import { add, cmp, percentChange, percentOf, sub } from "./decimal.js";
import { planPeriodOf, resolvePeriod, sameDayYearBefore, yearShare, yearToMonthEnd } from "./periods.js";

describe("periods (Asia/Shanghai)", () => {
  // 2026-11-29 03:50 UTC = 11:50 in Shanghai; 2026-11-30 17:00 UTC = 1 Dec 01:00 in Shanghai.
  const now = new Date("2026-11-29T03:50:00Z");
  it("cuts a running month at the end of today and compares the same days a year before", () => {
    const p = resolvePeriod("MONTH", null, now);
    expect([p.startDay, p.endDay, p.cutDay, p.toDate, p.previousStartDay, p.previousCutDay]).toEqual(["2026-11-01", "2026-12-01", "2026-11-30", true, "2025-11-01", "2025-11-30"]);
    expect(p.from.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(p.previousFrom.toISOString()).toBe("2025-10-31T16:00:00.000Z");
    expect([p.labelZh, p.labelEn, p.year, p.quarter]).toEqual(["2026年11月", "November 2026", 2026, 4]);
  });
  it("takes the Shanghai day, not the UTC day", () => {
    const late = new Date("2026-11-30T17:00:00Z");
    expect(resolvePeriod("DAY", null, late).startDay).toBe("2026-12-01");
    expect(resolvePeriod("MONTH", null, late)).toMatchObject({ startDay: "2026-12-01", cutDay: "2026-12-02", toDate: true });
  });
  it("counts a past period in full and a future one as not started", () => {
    expect(resolvePeriod("QUARTER", "2026-08-15", now)).toMatchObject({ startDay: "2026-07-01", endDay: "2026-10-01", cutDay: "2026-10-01", toDate: false, future: false, quarter: 3, labelZh: "2026年第三季度" });
    expect(resolvePeriod("YEAR", "2027-03-01", now)).toMatchObject({ future: true, toDate: false });
    expect(resolvePeriod("YEAR", "2024-06-30", now)).toMatchObject({ startDay: "2024-01-01", previousStartDay: "2023-01-01", previousCutDay: "2024-01-01" });
  });
  it("maps 29 February to 28 February a year before", () => {
    expect(sameDayYearBefore("2024-02-29")).toBe("2023-02-28");
    expect(resolvePeriod("DAY", "2024-02-29", now)).toMatchObject({ previousStartDay: "2023-02-28", previousCutDay: "2023-03-01" });
  });
  it("refuses a day that does not exist", () => {
    expect(() => resolvePeriod("DAY", "2026-02-30", now)).toThrow(RangeError);
  });
  it("gives the year to the end of a month, cut at today", () => {
    expect(yearToMonthEnd("2026-10-01", now)).toMatchObject({ startDay: "2026-01-01", cutDay: "2026-11-01", toDate: false, labelZh: "2026年1—10月" });
    expect(yearToMonthEnd("2026-11-01", now)).toMatchObject({ cutDay: "2026-11-30", toDate: true, previousCutDay: "2025-11-30" });
  });
  it("knows the five-year plan periods and the share of a year", () => {
    expect(planPeriodOf(2021)).toMatchObject({ nameZh: "十四五", startYear: 2021, endYear: 2025 });
    expect(planPeriodOf(2025).endYear).toBe(2025);
    expect(planPeriodOf(2026)).toMatchObject({ nameZh: "十五五", startYear: 2026, endYear: 2030 });
    expect(yearShare(2026, "2027-01-01")).toBe(1);
    expect(yearShare(2026, "2026-07-02")).toBeCloseTo(182 / 365, 10);
  });
});

describe("exact decimals", () => {
  it("subtracts, adds and compares without floats", () => {
    expect(sub("7500.50", "1000.00")).toBe("6500.50");
    expect(sub("0.1", "0.3")).toBe("-0.2");
    expect(add("9007199254740993.01", "0.02")).toBe("9007199254740993.03");
    expect(cmp("10.0", "9.99")).toBe(1);
    expect(cmp("-1", "1")).toBe(-1);
  });
  it("rounds percent changes half away from zero and has none from zero", () => {
    expect(percentChange("7500.50", "1000.00")).toBe("650.1"); // 650.05
    expect(percentChange("2", "1")).toBe("100.0");
    expect(percentChange("1", "3")).toBe("-66.7");
    expect(percentChange("0.0205", "0.02")).toBe("2.5"); // 2.5 exactly
    expect(percentChange("5", "0")).toBeNull();
    expect(percentChange("5", null)).toBeNull();
    expect(percentOf("1", "3")).toBe("33.3");
    expect(percentOf("2", "0")).toBeNull();
  });
});

describe("the cache", () => {
  it("serves an entry until its stream changes, and only that stream's entries", async () => {
    let t = 0;
    const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true, now: () => t });
    let n = 0;
    const get = (k: string, dep: string) => c.get(k, [dep], async () => `${k}#${++n}`);
    expect(await get("a", "construction")).toBe("a#1");
    expect(await get("b", "recycling")).toBe("b#2");
    expect(await get("a", "construction")).toBe("a#1");
    c.invalidate("construction");
    expect(await get("a", "construction")).toBe("a#3");
    expect(await get("b", "recycling")).toBe("b#2");
    c.invalidate("*");
    expect(await get("b", "recycling")).toBe("b#4");
    t += 60_001;
    expect(await get("b", "recycling")).toBe("b#5"); // expired
    expect(c.stats).toMatchObject({ hits: 2, misses: 5 });
  });

  it("does not keep a result computed while its stream changed (the change may be missing from it)", async () => {
    const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = c.get("k", ["hazardous"], async () => {
      await gate;
      return "old";
    });
    c.invalidate("hazardous"); // a write committed while the query ran
    release();
    expect(await slow).toBe("old");
    expect(await c.get("k", ["hazardous"], async () => "new")).toBe("new");
  });

  it("computes once for concurrent callers, and evicts the least recently used", async () => {
    const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 2, enabled: true });
    let n = 0;
    const f = async () => {
      await new Promise((r) => setTimeout(r, 20));
      return ++n;
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => c.get("x", ["cells"], f)));
    expect(new Set(all)).toEqual(new Set([1]));
    await c.get("y", ["cells"], async () => 0);
    await c.get("x", ["cells"], f); // x used again: y is now the oldest
    await c.get("z", ["cells"], async () => 0);
    expect(await c.get("x", ["cells"], f)).toBe(1);
    expect(await c.get("y", ["cells"], async () => 99)).toBe(99);
  });

  it("computes every time when disabled", async () => {
    const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: false });
    let n = 0;
    await c.get("a", ["x"], async () => ++n);
    await c.get("a", ["x"], async () => ++n);
    expect(n).toBe(2);
  });

  describe("refreshing in the background", () => {
    /** A computation that counts its calls and waits at a gate the test holds and releases. */
    function gatedCounter() {
      let n = 0;
      let release: () => void = () => {};
      let gate: Promise<void> = Promise.resolve();
      return {
        f: async () => {
          const mine = ++n;
          await gate;
          return mine;
        },
        get n() {
          return n;
        },
        hold: () => void (gate = new Promise<void>((r) => (release = r))),
        release: () => release(),
        open: () => void (gate = Promise.resolve()),
      };
    }
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const refresh = { delayMs: 10, hotMs: 1_000, concurrency: 2, aheadMs: 0 };

    it("recomputes a hot entry after its stream changes, so the next request is answered from the cache", async () => {
      const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true, refresh });
      let n = 0;
      const f = async () => ++n;
      expect(await c.get("a", ["construction"], f)).toBe(1);
      expect(await c.get("b", ["recycling"], f)).toBe(2);
      c.invalidate("construction");
      c.invalidate("construction"); // a burst of changes: one recomputation
      await wait(80);
      expect(n).toBe(3); // only "a": "b" did not change
      expect(c.stats.refreshed).toBe(1);
      const misses = c.stats.misses;
      expect(await c.get("a", ["construction"], f)).toBe(3);
      expect(c.stats.misses).toBe(misses); // a hit
      c.invalidate("*"); // every stream: both are recomputed
      await c.settled();
      expect(await c.get("a", ["construction"], f)).toBeGreaterThan(3);
      expect(await c.get("b", ["recycling"], f)).toBeGreaterThan(3);
      expect(c.stats.misses).toBe(misses);
      await c.stop();
    });

    it("leaves entries nobody asked for lately, and never serves a value from before a change", async () => {
      let t = 0;
      const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true, now: () => t, refresh });
      let n = 0;
      await c.get("cold", ["cells"], async () => ++n);
      t += 5_000; // beyond hotMs
      c.invalidate("cells");
      await wait(60);
      expect(n).toBe(1);
      expect(await c.get("cold", ["cells"], async () => ++n)).toBe(2); // computed on request, not the old 1
      await c.stop();
    });

    it("a request during a background recomputation joins it; a change during it makes it stale", async () => {
      const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true, refresh });
      const g = gatedCounter();
      const f = g.f;
      expect(await c.get("k", ["hazardous"], f)).toBe(1);
      g.hold();
      c.invalidate("hazardous");
      await wait(40); // the refresh (#2) is running, held at the gate
      expect(g.n).toBe(2);
      const joined = c.get("k", ["hazardous"], f);
      g.release();
      expect(await joined).toBe(2);
      expect(g.n).toBe(2);
      g.hold();
      c.invalidate("hazardous"); // refresh #3 starts …
      await wait(40);
      c.invalidate("hazardous"); // … and a change lands while it runs
      g.release();
      g.open();
      await wait(80); // #3 is stale on arrival; a second pass computes #4
      expect(await c.get("k", ["hazardous"], f)).toBe(4);
      await c.stop();
    });

    it("recomputes a hot entry before it expires", async () => {
      const c = new OverviewCache({ ttlMs: 600, maxEntries: 10, enabled: true, refresh: { ...refresh, aheadMs: 500 } });
      let n = 0;
      expect(await c.get("t", ["cells"], async () => ++n)).toBe(1);
      await wait(450); // the ticker looks every 250 ms; due after 100 ms
      expect(n).toBeGreaterThanOrEqual(2);
      await c.stop();
      const after = n;
      await wait(300);
      expect(n).toBe(after); // stopped: no more passes
    });

    it("serves the previous value while recomputing, for keys that allow it, and the new one once it is ready", async () => {
      const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true });
      const g = gatedCounter();
      const f = g.f;
      const swr = { staleWhileRefresh: true };
      expect(await c.get("doc", ["cells"], f, swr)).toBe(1);
      g.hold();
      c.invalidate("cells");
      expect(await c.get("doc", ["cells"], f, swr)).toBe(1); // no wait: the old one, #2 computing
      expect(await c.get("doc", ["cells"], f, swr)).toBe(1); // still computing: joined, not started again
      expect(g.n).toBe(2);
      expect(c.stats.stale).toBe(2);
      g.release();
      await new Promise((r) => setTimeout(r, 0));
      expect(await c.get("doc", ["cells"], f, swr)).toBe(2);
      // without the option the caller waits for the new value
      g.open();
      c.invalidate("cells");
      expect(await c.get("doc", ["cells"], f)).toBe(3);
    });

    it("a failing background computation is reported and the entry is computed on the next request", async () => {
      const errors: unknown[] = [];
      const c = new OverviewCache({ ttlMs: 60_000, maxEntries: 10, enabled: true, refresh: { ...refresh, onError: (e) => errors.push(e) } });
      let fail = false;
      let n = 0;
      const f = async () => {
        if (fail) throw new Error("database away");
        return ++n;
      };
      await c.get("k", ["recycling"], f);
      fail = true;
      c.invalidate("recycling");
      await wait(60);
      expect(errors.map((e) => (e as Error).message)).toEqual(["database away"]);
      fail = false;
      expect(await c.get("k", ["recycling"], f)).toBe(2);
      await c.stop();
    });
  });
});
