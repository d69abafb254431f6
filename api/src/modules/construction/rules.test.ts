/**
 * The plain rule functions: real-time alert rules (each with a positive and a negative case), the
 * geofence trigger, geometry, credit scoring and capacity arithmetic. No database.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { applyDelta, CREDIT_RULES, gradeOf, shouldSuspend, violationType } from "./credit.js";
import { distanceToRouteM, FenceIndex, polygonProblem, routeProblem, squareAround, bboxOf } from "./geo.js";
import { annualCapacityM3, capacityRowsOf, siteSpoilIn } from "./overview.js";
import { permitProblems } from "./permits.js";
import { plateProblem } from "./registers.js";
import { aboveThreshold, defaultRuleConfig, EMPTY_STATE, evaluateTrack, type PermitLite, type TrackPoint } from "./rules.js";
import { simulateTrip } from "./sim-tracks.js";

const site = { lon: 120.58, lat: 30.0 };
const place = { lon: 120.64, lat: 30.0 };
const route = [
  [site.lon, site.lat],
  [120.61, 30.0],
  [place.lon, place.lat],
];
const fences = new FenceIndex([
  { id: 1, kind: "site", polygon: squareAround(site.lon, site.lat, 150), bbox: bboxOf(squareAround(site.lon, site.lat, 150)[0]!) },
  { id: 2, kind: "place", polygon: squareAround(place.lon, place.lat, 250), bbox: bboxOf(squareAround(place.lon, place.lat, 250)[0]!) },
]);
const t0 = new Date("2026-06-01T02:00:00Z");
const permit = (over: Partial<PermitLite> = {}): PermitLite => ({ id: 7, number: "ZY2026-02-000007", status: "ACTIVE", validFrom: new Date(t0.getTime() - 86_400_000), validTo: new Date(t0.getTime() + 30 * 86_400_000), route, routeBbox: bboxOf(route), ...over });
const M = 1 / 111_320;
/** Points every 30 s along the route's middle latitude, shifted north by `offM` metres. */
const line = (n: number, opts: { offM?: number; speed?: number; startLon?: number; start?: Date; step?: number } = {}): TrackPoint[] =>
  Array.from({ length: n }, (_, i) => ({ at: new Date((opts.start ?? t0).getTime() + i * 30_000), lon: (opts.startLon ?? 120.595) + i * (opts.step ?? 0.002), lat: 30.0 + (opts.offM ?? 0) * M, speedKmh: opts.speed ?? 40 }));
const cfg = defaultRuleConfig();
const run = (pts: TrackPoint[], permits: PermitLite[] = [permit()], state = EMPTY_STATE) => evaluateTrack(1, "浙D12345", state, pts, permits, fences, cfg);
const rules = (r: ReturnType<typeof run>) => r.events.filter((e) => e.kind === "raise").map((e) => e.rule);

describe("OFF_ROUTE", () => {
  it("raises after `points` consecutive points beyond the distance, once", () => {
    const r = run(line(6, { offM: 800 }));
    expect(rules(r)).toEqual(["OFF_ROUTE"]);
    expect(r.events[0]!.detail!.distanceM).toBeGreaterThan(700);
    expect(r.state.offRouteCount).toBe(6);
  });
  it("does not raise for a truck on its route, nor for fewer points than required", () => {
    expect(rules(run(line(10, { offM: 50 })))).toEqual([]);
    expect(rules(run(line(2, { offM: 800 })))).toEqual([]);
  });
  it("closes itself when the truck is back within half the distance, and does not flap on noise", () => {
    const out = run(line(4, { offM: 800 }));
    // Noise just under the threshold: still off (hysteresis), no resolve.
    const noisy = run(line(3, { offM: 280, start: new Date(t0.getTime() + 200_000) }), [permit()], out.state);
    expect(noisy.events).toEqual([]);
    const back = run(line(2, { offM: 20, start: new Date(t0.getTime() + 400_000) }), [permit()], noisy.state);
    expect(back.events.map((e) => e.kind)).toEqual(["resolve"]);
    expect(back.state.offRouteCount).toBe(0);
  });
  it("respects a changed distance parameter", () => {
    const wide = defaultRuleConfig();
    wide.OFF_ROUTE.params.distanceM = 1000;
    expect(evaluateTrack(1, "x", EMPTY_STATE, line(6, { offM: 800 }), [permit()], fences, wide).events).toEqual([]);
  });
});

describe("NO_PERMIT and PERMIT_EXPIRED", () => {
  it("raises NO_PERMIT for a truck moving without any permit", () => {
    expect(rules(run(line(4), []))).toEqual(["NO_PERMIT"]);
  });
  it("does not raise when standing still or with a permit in force", () => {
    expect(rules(run(line(6, { speed: 0, step: 0 }), []))).toEqual([]);
    expect(rules(run(line(6)))).toEqual([]);
  });
  it("raises PERMIT_EXPIRED (not NO_PERMIT) when the latest permit ran out recently", () => {
    const expired = permit({ status: "EXPIRED", validFrom: new Date(t0.getTime() - 40 * 86_400_000), validTo: new Date(t0.getTime() - 86_400_000) });
    const r = run(line(4), [expired]);
    expect(rules(r)).toEqual(["PERMIT_EXPIRED"]);
    expect(r.events[0]!.dedupKey).toBe("construction:permit_expired:7");
  });
  it("treats a revoked permit as no permit", () => {
    expect(rules(run(line(4), [permit({ status: "REVOKED" })]))).toEqual(["NO_PERMIT"]);
  });
  it("closes NO_PERMIT once a permit is in force", () => {
    const a = run(line(4), []);
    const b = run(line(2, { start: new Date(t0.getTime() + 300_000) }), [permit()], a.state);
    expect(b.events.map((e) => [e.kind, e.dedupKey])).toEqual([["resolve", "construction:no_permit:1"]]);
  });
});

describe("OVERSPEED", () => {
  it("raises above the limit for consecutive points, one alert per vehicle and day", () => {
    const r = run(line(5, { speed: 75 }));
    expect(rules(r)).toEqual(["OVERSPEED"]);
    expect(r.events[0]!.dedupKey).toBe("construction:overspeed:1:2026-06-01");
  });
  it("does not raise at or below the limit, nor for a single fast point", () => {
    expect(rules(run(line(5, { speed: 60 })))).toEqual([]);
    const one = [...line(1, { speed: 90 }), ...line(3, { speed: 40, start: new Date(t0.getTime() + 30_000) })];
    expect(rules(run(one))).toEqual([]);
  });
});

describe("SUSPECTED_DUMPING", () => {
  // Without a permit in force (standing still raises no NO_PERMIT), so only the stop rule speaks.
  const run = (pts: TrackPoint[]) => evaluateTrack(1, "浙D12345", EMPTY_STATE, pts, [], fences, cfg);
  const stop = (minutes: number, lon: number, lat: number) => Array.from({ length: minutes * 2 + 1 }, (_, i) => ({ at: new Date(t0.getTime() + i * 30_000), lon, lat, speedKmh: 0.5 }));
  it("raises once for a long stop away from registered places", () => {
    const r = run(stop(15, 120.61, 30.02));
    expect(rules(r)).toEqual(["SUSPECTED_DUMPING"]);
    expect(r.events[0]!.detail!.minutes).toBe(10);
  });
  it("does not raise for a short stop, nor for a long stop at a disposal place or site", () => {
    expect(rules(run(stop(8, 120.61, 30.02)))).toEqual([]);
    expect(rules(run(stop(20, place.lon, place.lat)))).toEqual([]);
    expect(rules(run(stop(20, site.lon, site.lat)))).toEqual([]);
  });
  it("restarts the clock when the truck moves beyond the stop radius", () => {
    const a = stop(6, 120.61, 30.02);
    const b = stop(6, 120.62, 30.02).map((p) => ({ ...p, at: new Date(p.at.getTime() + 7 * 60_000) }));
    expect(rules(run([...a, ...b]))).toEqual([]);
  });
});

describe("geofence trigger and late points", () => {
  it("emits leftSite when a truck leaves a site's geofence", () => {
    const pts = [
      { at: t0, lon: site.lon, lat: site.lat, speedKmh: 5 },
      { at: new Date(t0.getTime() + 30_000), lon: site.lon + 0.0005, lat: site.lat, speedKmh: 10 },
      { at: new Date(t0.getTime() + 60_000), lon: site.lon + 0.004, lat: site.lat, speedKmh: 30 },
    ];
    const r = run(pts);
    expect(r.events.filter((e) => e.kind === "leftSite").map((e) => e.siteId)).toEqual([1]);
  });
  it("does not emit leftSite for a truck that was never inside", () => {
    expect(run(line(5)).events.filter((e) => e.kind === "leftSite")).toEqual([]);
  });
  it("ignores points not newer than the saved state (late points do not rewind rules)", () => {
    const a = run(line(2, { offM: 800 }));
    const late = run(line(2, { offM: 800, start: new Date(t0.getTime() - 600_000) }), [permit()], a.state);
    expect(late.state.offRouteCount).toBe(2);
    expect(late.events).toEqual([]);
  });
  it("simulated scenarios trigger their rules and a normal trip triggers none", () => {
    const rnd = (() => {
      let s = 42;
      return () => ((s = (s * 16807) % 2147483647) / 2147483647);
    })();
    const normal = run(simulateTrip(route, t0, 30, "normal", rnd));
    expect(rules(normal)).toEqual([]);
    expect(rules(run(simulateTrip(route, t0, 30, "offRoute", rnd)))).toContain("OFF_ROUTE");
    expect(rules(run(simulateTrip(route, t0, 30, "dumping", rnd)))).toContain("SUSPECTED_DUMPING");
    expect(rules(run(simulateTrip(route, t0, 30, "overspeed", rnd)))).toContain("OVERSPEED");
  });
});

describe("geometry", () => {
  it("measures distance to a route in metres, with a box prefilter that stays conservative", () => {
    expect(distanceToRouteM(route, bboxOf(route), 120.61, 30.0 + 500 * M, 300)).toBeGreaterThan(480);
    expect(distanceToRouteM(route, bboxOf(route), 120.61, 30.0 + 500 * M, 300)).toBeLessThan(520);
    expect(distanceToRouteM(route, bboxOf(route), 121.0, 30.3, 300)).toBeGreaterThan(300);
  });
  it("validates routes and polygons", () => {
    expect(routeProblem([[120.5, 30]])).toMatch(/at least 2/);
    expect(routeProblem([[120.5, 30], [10, 10]])).toMatch(/point 1/);
    expect(routeProblem(route)).toBeNull();
    expect(polygonProblem(squareAround(120.5, 30, 100))).toBeNull();
    expect(polygonProblem([[[120.5, 30], [120.6, 30], [120.6, 30.1], [120.5, 30.05]]])).toMatch(/closed/);
  });
  it("validates plates", () => {
    expect(plateProblem("浙D12345")).toBeNull();
    expect(plateProblem("浙DD12345")).toBeNull();
    expect(plateProblem("浙 d-12345")).toBeNull();
    expect(plateProblem("浙DI2345")).toMatch(/plate/);
    expect(plateProblem("AB12345")).toMatch(/plate/);
  });
});

describe("credit rules", () => {
  it("grades by band and clamps the score", () => {
    expect([gradeOf(100), gradeOf(90), gradeOf(89), gradeOf(80), gradeOf(79), gradeOf(60), gradeOf(59)]).toEqual(["A", "A", "B", "B", "C", "C", "D"]);
    expect(applyDelta(98, 5)).toBe(100);
    expect(applyDelta(5, -20)).toBe(0);
  });
  it("suspends only a valid company falling below the threshold", () => {
    expect(shouldSuspend(CREDIT_RULES.suspensionThreshold - 1, "VALID")).toBe(true);
    expect(shouldSuspend(CREDIT_RULES.suspensionThreshold, "VALID")).toBe(false);
    expect(shouldSuspend(10, "SUSPENDED")).toBe(false);
  });
  it("knows each violation's deduction; unknown codes count as OTHER", () => {
    expect(violationType("ILLEGAL_DUMPING").deduction).toBe(20);
    expect(violationType("nonsense").code).toBe("OTHER");
  });
});

describe("permit checks (plain)", () => {
  const base = {
    vehicle: { status: "ACTIVE", standardCompliant: true, plate: "浙D12345" },
    company: { qualificationStatus: "VALID", qualificationValidTo: "2026-12-31" },
    site: { status: "ACTIVE", name: "S", periodFrom: "2026-01-01", periodTo: "2026-09-30", lon: String(site.lon), lat: String(site.lat) },
    place: { status: "OPEN", name: "P", lon: String(place.lon), lat: String(place.lat) },
  } as unknown as Parameters<typeof permitProblems>[0];
  const now = new Date("2026-06-01T00:00:00+08:00");
  const period = { validFrom: now, validTo: new Date("2026-08-01T00:00:00+08:00"), route };
  it("accepts a valid application", () => {
    expect(permitProblems(base, period, now)).toEqual([]);
  });
  it("refuses a permit outliving the site or the qualification, and suspended companies", () => {
    expect(permitProblems(base, { ...period, validTo: new Date("2026-10-02T00:00:00+08:00") }, now).map((p) => p.code)).toContain("OUTLIVES_SITE");
    const shortQual = { ...base, company: { ...base.company, qualificationValidTo: "2026-07-01" } } as typeof base;
    expect(permitProblems(shortQual, period, now).map((p) => p.code)).toContain("OUTLIVES_QUALIFICATION");
    const suspended = { ...base, company: { ...base.company, qualificationStatus: "SUSPENDED" } } as typeof base;
    expect(permitProblems(suspended, period, now).map((p) => p.code)).toContain("COMPANY_SUSPENDED");
  });
  it("refuses a route that does not join the site to the place", () => {
    expect(permitProblems(base, { ...period, route: [[120.7, 30.1], [120.8, 30.1]] }, now).map((p) => p.code)).toEqual(["ROUTE_START", "ROUTE_END"]);
  });
});

describe("capacity arithmetic", () => {
  it("spreads a site's spoil over its period and counts plants from commissioning", () => {
    expect(siteSpoilIn({ plannedVolumeM3: 365, periodFrom: "2026-01-01", periodTo: "2026-12-31" }, "2026-01-01", "2026-01-31")).toBeCloseTo(31);
    expect(annualCapacityM3({ kind: "UTILISATION_PLANT", capacityBasis: "ANNUAL", capacity: 3_000_000, capacityUnit: "M3", dailyCapacity: null, openFrom: "2026-12-31" }, 2026)).toBeCloseTo(3_000_000 / 365);
    expect(annualCapacityM3({ kind: "WHARF", capacityBasis: "ANNUAL", capacity: 2_400_000, capacityUnit: "M3", dailyCapacity: 8000, openFrom: "2020-01-01" }, 2026)).toBe(2_400_000);
    expect(annualCapacityM3({ kind: "SOLIDIFICATION_CENTRE", capacityBasis: "ANNUAL", capacity: 1_300_000, capacityUnit: "T", dailyCapacity: null, openFrom: "2020-01-01" }, 2026)).toBeCloseTo(1_000_000);
  });
  it("builds capacity rows with projections to 2025-end (cumulative)", () => {
    const rows = capacityRowsOf(
      [{ districtId: 1, plannedVolumeM3: 730, movedVolumeM3: 0, periodFrom: "2024-01-01", periodTo: "2025-12-30" }],
      [{ districtId: 1, kind: "DISPOSAL_SITE", capacityBasis: "TOTAL", capacity: 500, capacityUnit: "M3", dailyCapacity: null, receivedM3: 100, openFrom: "2020-01-01", status: "OPEN" }],
      2024,
      [1],
    );
    expect(Number(rows[0]!.generated)).toBeCloseTo(366, 0);
    expect(Number(rows[0]!.projectedGenerated)).toBeCloseTo(730, 0);
    expect(rows[0]!.capacity).toBe("400.00");
  });
  it("flags a place at or above its threshold only", () => {
    expect(aboveThreshold(100, 90, 90)).toBe(true);
    expect(aboveThreshold(100, 89.9, 90)).toBe(false);
  });
});
