/**
 * 无废指数 — the zero-waste index of a district (or the city) for a quarter, from its indicators.
 *
 * Method (documented in docs/architecture.md, tested against a hand-computed example):
 *  1. Indicators: every active indicator flagged "in index". Its target T is the district's target for
 *     the year (the city's target when the district has none); an indicator with no target at all is
 *     left out (its weight goes to the others). Its value A is the latest actual of that year reported
 *     for a quarter ≤ the index quarter (values are year-to-date, so they carry forward).
 *  2. Normalisation — target attainment with direction, capped at 100:
 *       higher is better: s = 100 × min(1, A / T)          (T ≤ 0: s = 100 if A ≥ T, else 0)
 *       lower is better:  s = 100 if A ≤ T, else 100 × T / A (T ≤ 0 and A > T: 0)
 *       no value reported: s = 0 (not reporting costs the district);  s is never below 0.
 *  3. Group score = Σ wᵢ·sᵢ / Σ wᵢ over the group's indicators (wᵢ the indicator's weight, 1 by default).
 *  4. Index = Σ W_g·G_g / Σ W_g over the groups that have indicators, with the group weights
 *     source reduction 0.25, resource use 0.25, final disposal 0.20, support capacity 0.15,
 *     public sense of benefit 0.15 (stored with the groups; the office may change them).
 *  5. Each step is rounded to 2 decimals (half away from zero), so the drill-down adds up as shown.
 *  6. Rank: districts by index, highest first; equal values share a rank (1, 2, 2, 4). The city row
 *     is computed from the city's own indicators and is not ranked.
 */
import { fromScaled, toScaled, type Direction } from "./progress.js";

export interface IndexIndicator {
  id: number;
  groupCode: string;
  direction: Direction;
  /** Relative weight inside its group (decimal string). */
  weight: string;
}

export interface IndexGroup {
  code: string;
  /** Weight of the group (decimal string). */
  weight: string;
}

export interface IndexInputs {
  groups: IndexGroup[];
  indicators: IndexIndicator[];
  /** indicatorId → target for this district and year (already fallen back to the city's). */
  targets: Map<number, string>;
  /** indicatorId → latest value (and its quarter) of the year up to the index quarter. */
  actuals: Map<number, { value: string; quarter: number }>;
}

export interface IndexComponent {
  indicatorId: number;
  groupCode: string;
  actual: string | null;
  actualQuarter: number | null;
  target: string;
  /** 0–100, 2 decimals. */
  score: string;
  /** Effective weight in the index (group weight share × indicator share), 6 decimals. */
  weight: string;
}

export interface IndexResult {
  /** 0–100, 2 decimals. */
  value: string;
  groupScores: Record<string, string>;
  components: IndexComponent[];
  /** Share of included indicators that had a value, 4 decimals. */
  coverage: string;
}

const S = 10_000n; // scale of toScaled
const HUNDRED = 100n * S;

function roundDiv(num: bigint, den: bigint): bigint {
  if (den === 0n) return 0n;
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = (a * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** Rounds a scaled value (10⁴) to 2 decimals, staying scaled. */
function round2(n: bigint): bigint {
  return roundDiv(n, 100n) * 100n;
}

/** Normalised score of one indicator (scaled 10⁴, rounded to 2 decimals). */
export function indicatorScore(direction: Direction, target: string, actual: string | null): bigint {
  if (actual == null) return 0n;
  const T = toScaled(target);
  const A = toScaled(actual);
  let s: bigint;
  if (direction === "HIGHER_BETTER") {
    if (T <= 0n) s = A >= T ? HUNDRED : 0n;
    else s = A >= T ? HUNDRED : roundDiv(A * HUNDRED, T);
  } else {
    if (A <= T) s = HUNDRED;
    else if (T <= 0n) s = 0n;
    else s = roundDiv(T * HUNDRED, A);
  }
  if (s < 0n) s = 0n;
  if (s > HUNDRED) s = HUNDRED;
  return round2(s);
}

export function computeIndex(inp: IndexInputs): IndexResult | null {
  const included = inp.indicators.filter((i) => inp.targets.has(i.id));
  if (included.length === 0) return null;
  const groupWeight = new Map(inp.groups.map((g) => [g.code, toScaled(g.weight)]));
  const byGroup = new Map<string, IndexIndicator[]>();
  for (const i of included) {
    if (!groupWeight.has(i.groupCode)) continue;
    let l = byGroup.get(i.groupCode);
    if (!l) byGroup.set(i.groupCode, (l = []));
    l.push(i);
  }
  const groupScores: Record<string, string> = {};
  const scores = new Map<number, bigint>();
  let weighted = 0n;
  let totalGroupWeight = 0n;
  const groupWeightSum = new Map<string, bigint>();
  for (const [code, list] of byGroup) {
    let num = 0n;
    let den = 0n;
    for (const i of list) {
      const a = inp.actuals.get(i.id);
      const s = indicatorScore(i.direction, inp.targets.get(i.id)!, a?.value ?? null);
      scores.set(i.id, s);
      const w = toScaled(i.weight);
      num += w * s;
      den += w;
    }
    groupWeightSum.set(code, den);
    const g = den === 0n ? 0n : round2(roundDiv(num, den));
    groupScores[code] = fromScaled(g, 2);
    const W = groupWeight.get(code)!;
    weighted += W * g;
    totalGroupWeight += W;
  }
  const value = totalGroupWeight === 0n ? 0n : round2(roundDiv(weighted, totalGroupWeight));
  let withValue = 0;
  const components: IndexComponent[] = [];
  for (const [code, list] of byGroup) {
    const W = groupWeight.get(code)!;
    const den = groupWeightSum.get(code)!;
    for (const i of list) {
      const a = inp.actuals.get(i.id) ?? null;
      if (a) withValue++;
      // effective weight = W/ΣW × wᵢ/Σw, as a 6-decimal string
      const eff = totalGroupWeight === 0n || den === 0n ? 0n : (W * toScaled(i.weight) * 1_000_000n * 2n) / (totalGroupWeight * den);
      const effRounded = (eff + 1n) / 2n;
      components.push({
        indicatorId: i.id,
        groupCode: code,
        actual: a?.value ?? null,
        actualQuarter: a?.quarter ?? null,
        target: inp.targets.get(i.id)!,
        score: fromScaled(scores.get(i.id)!, 2),
        weight: `${effRounded / 1_000_000n}.${(effRounded % 1_000_000n).toString().padStart(6, "0")}`,
      });
    }
  }
  const n = components.length;
  const coverage = n === 0 ? 0n : roundDiv(BigInt(withValue) * S, BigInt(n));
  return { value: fromScaled(value, 2), groupScores, components, coverage: fromScaled(coverage, 4) };
}

/** Competition ranking (1, 2, 2, 4) by value, highest first. */
export function rankByValue<T extends { value: string }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    const d = toScaled(b.value) - toScaled(a.value);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
  let rank = 0;
  let prev: bigint | null = null;
  return sorted.map((r, i) => {
    const v = toScaled(r.value);
    if (prev === null || v !== prev) rank = i + 1;
    prev = v;
    return { ...r, rank };
  });
}

/** Default group weights (sum 1). */
export const DEFAULT_GROUP_WEIGHTS: Record<string, string> = {
  SOURCE_REDUCTION: "0.25",
  RESOURCE_USE: "0.25",
  FINAL_DISPOSAL: "0.20",
  SUPPORT_CAPACITY: "0.15",
  PUBLIC_BENEFIT: "0.15",
};
