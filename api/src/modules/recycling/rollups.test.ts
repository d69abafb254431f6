import { describe, expect, it } from "vitest";
import { addActiveCards, addPointsEarned, addVolumes, emptyDeltas, fenOf, isEmpty, sortedRows, yuanOf } from "./rollups.js";

const w = (stationId: number, day: string, materialId: number, weightGrams: number, points: number, amountYuan: string | null, districtId = 1, enterpriseId = 9) => ({
  stationId,
  districtId,
  enterpriseId,
  materialId,
  day,
  weightGrams,
  points,
  amountYuan,
});

describe("rollup deltas (pure)", () => {
  it("sums weighings per station-day, district-day, enterprise-month and station-month, money exact in fen", () => {
    const d = emptyDeltas();
    expect(isEmpty(d)).toBe(true);
    addVolumes(d, [w(2, "2026-11-28", 5, 1000, 80, "0.10"), w(2, "2026-11-28", 5, 2500, 200, "0.20"), w(1, "2026-11-30", 5, 700, 0, null), w(2, "2026-10-31", 6, 300, 30, "1.05")]);
    addVolumes(d, [w(2, "2026-11-28", 5, 1, 0, "0.01")]);
    expect(isEmpty(d)).toBe(false);
    expect(d.stationDay.get("2|2026-11-28|5")).toMatchObject({ grams: 3501, records: 3, points: 280, fen: 31 });
    expect(d.districtDay.size).toBe(3);
    expect(d.enterpriseMonth.get("9|2026-11-01|5")).toMatchObject({ grams: 4201, records: 4, points: 280, fen: 31 });
    expect(d.stationMonth.get("2|2026-11-01")).toMatchObject({ grams: 3501, records: 3 });
    expect(d.stationMonth.get("2|2026-10-01")).toMatchObject({ grams: 300, records: 1, fen: 105 });
    // 0.1 + 0.2 in floating point is not 0.3; in fen it is.
    expect(yuanOf(d.stationDay.get("2|2026-11-28|5")!.fen)).toBe("0.31");
  });

  it("adds points per district and day (zero-point records add nothing) and active cards per period", () => {
    const d = emptyDeltas();
    addPointsEarned(d, [
      { districtId: 3, day: "2026-11-28", points: 10 },
      { districtId: 3, day: "2026-11-28", points: 0 },
      { districtId: 1, day: "2026-11-28", points: 5 },
      { districtId: 3, day: "2026-11-28", points: 7 },
    ]);
    expect([...d.pointsDay.values()]).toEqual([
      { districtId: 3, day: "2026-11-28", earned: 17 },
      { districtId: 1, day: "2026-11-28", earned: 5 },
    ]);
    addActiveCards(d, [
      { districtId: 3, kind: "M", start: "2026-11-01", cards: 2 },
      { districtId: 3, kind: "D", start: "2026-11-28", cards: 0 },
    ]);
    addActiveCards(d, [{ districtId: 3, kind: "M", start: "2026-11-01", cards: 1 }]);
    expect([...d.activeCards.values()]).toEqual([{ districtId: 3, kind: "M", start: "2026-11-01", cards: 3 }]);
  });

  it("orders rows by their key, the order every writer locks them in", () => {
    const d = emptyDeltas();
    addPointsEarned(d, [
      { districtId: 330603, day: "2026-11-28", points: 1 },
      { districtId: 330602, day: "2026-11-29", points: 1 },
      { districtId: 330602, day: "2026-09-30", points: 1 },
      { districtId: 33, day: "2026-12-01", points: 1 },
    ]);
    expect(sortedRows(d.pointsDay, (r) => [r.districtId, r.day]).map((r) => `${r.districtId} ${r.day}`)).toEqual(["33 2026-12-01", "330602 2026-09-30", "330602 2026-11-29", "330603 2026-11-28"]);
  });

  it("converts yuan and fen exactly", () => {
    expect(fenOf("12.34")).toBe(1234);
    expect(fenOf("12.3")).toBe(1230);
    expect(fenOf("7")).toBe(700);
    expect(fenOf(null)).toBe(0);
    expect(yuanOf(5)).toBe("0.05");
    expect(yuanOf(123456789012)).toBe("1234567890.12");
    expect(() => fenOf("1.234")).toThrow();
  });
});
