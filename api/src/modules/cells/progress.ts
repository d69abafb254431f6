/**
 * Indicator progress and on-track status (建设跟踪 — 指标完成情况), as a plain rule.
 *
 * Values are "as of" the end of a quarter (rates and stocks year to date). For district d, year Y:
 *   T  = the year's target; P = the starting point: the previous year's year-end actual (Q4, or the
 *        latest quarter reported that year), else the previous year's target, else the indicator's
 *        baseline, else T (no glide path);
 *   A  = the latest actual of year Y, reported for quarter q;
 *   E  = the expected value at quarter q on a straight glide path from P to T: E = P + (T − P) × q / 4.
 * Progress (完成进度, 0–100 %): attainment of the year's target —
 *   higher-is-better: A / T (T > 0), lower-is-better: T / A (A > 0; A = 0 → 100 %), capped at 100 %.
 * Status:
 *   NO_DATA    no actual reported yet for Y (or no target set);
 *   ACHIEVED   A already meets T (A ≥ T when higher is better, A ≤ T when lower is better);
 *   ON_TRACK   A meets E;
 *   AT_RISK    A misses E by at most AT_RISK_TOLERANCE (10 %) of |T − P| — or of |T| when P = T;
 *   OFF_TRACK  otherwise.
 * Arithmetic is done on scaled integers (4 decimals) so results are exact and repeatable.
 */
import type { TrackStatus } from "./tables.js";

export type Direction = "HIGHER_BETTER" | "LOWER_BETTER";

export const AT_RISK_TOLERANCE = 0.1;

export interface ProgressInput {
  direction: Direction;
  target: string | null;
  /** Starting point P (see above), or null. */
  start: string | null;
  actual: string | null;
  quarter: number | null;
}

export interface ProgressResult {
  status: TrackStatus;
  expected: string | null;
  progressPct: string | null;
}

const SCALE = 10_000n;

/** Decimal string → bigint scaled by 10⁴ (rounded half away from zero at the 5th decimal). */
export function toScaled(v: string): bigint {
  const s = v.trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new RangeError(`not a decimal: ${v}`);
  const neg = s.startsWith("-");
  const [i, f = ""] = (neg ? s.slice(1) : s).split(".");
  const frac = (f + "00000").slice(0, 5);
  let n = BigInt(i!) * SCALE + BigInt(frac.slice(0, 4));
  if (Number(frac[4]) >= 5) n += 1n;
  return neg ? -n : n;
}

/** bigint scaled by 10⁴ → decimal string with `places` decimals (rounded half away from zero). */
export function fromScaled(n: bigint, places = 4): string {
  const neg = n < 0n;
  let a = neg ? -n : n;
  const drop = 10n ** BigInt(4 - places);
  if (drop > 1n) a = (a + drop / 2n) / drop;
  const unit = 10n ** BigInt(places);
  const i = a / unit;
  const f = a % unit;
  const s = places > 0 ? `${i}.${f.toString().padStart(places, "0")}` : `${i}`;
  return neg && a !== 0n ? `-${s}` : s;
}

/** Division of scaled values, result scaled, rounded half away from zero. */
function divScaled(a: bigint, b: bigint): bigint {
  const num = a * SCALE * 2n;
  const q = num / b;
  return (q + (q >= 0n ? 1n : -1n)) / 2n;
}

export function computeProgress(i: ProgressInput): ProgressResult {
  if (i.target == null) return { status: "NO_DATA", expected: null, progressPct: null };
  const T = toScaled(i.target);
  const P = i.start != null ? toScaled(i.start) : T;
  if (i.actual == null || i.quarter == null) {
    return { status: "NO_DATA", expected: null, progressPct: null };
  }
  const A = toScaled(i.actual);
  const q = BigInt(Math.min(4, Math.max(1, i.quarter)));
  const E = P + ((T - P) * q) / 4n;
  const higher = i.direction === "HIGHER_BETTER";

  // Progress: attainment of the year-end target, capped at 100 %.
  const hundred = 100n * SCALE;
  let progress: bigint;
  if (higher) progress = T <= 0n ? (A >= T ? hundred : 0n) : divScaled(A * 100n, T);
  else progress = A <= 0n ? hundred : divScaled(T * 100n, A);
  if (progress > hundred) progress = hundred;
  if (progress < 0n) progress = 0n;

  const meets = (x: bigint) => (higher ? A >= x : A <= x);
  let status: TrackStatus;
  if (meets(T)) status = "ACHIEVED";
  else if (meets(E)) status = "ON_TRACK";
  else {
    const span = T - P !== 0n ? (T - P < 0n ? P - T : T - P) : T < 0n ? -T : T;
    const tol = (span * BigInt(Math.round(AT_RISK_TOLERANCE * 1000))) / 1000n;
    const shortfall = higher ? E - A : A - E;
    status = shortfall <= tol ? "AT_RISK" : "OFF_TRACK";
  }
  return { status, expected: fromScaled(E), progressPct: fromScaled(progress, 2) };
}

/** Whether a status counts as "on track" for the overview's share (achieved or on track). */
export function countsAsOnTrack(s: TrackStatus): boolean {
  return s === "ACHIEVED" || s === "ON_TRACK";
}
