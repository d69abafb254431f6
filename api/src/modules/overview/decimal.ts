/**
 * Exact decimal arithmetic on the figures' decimal strings (no floats): differences, sums, percent
 * change rounded half away from zero.
 */
const SCALE = 6;
const ONE = 10n ** BigInt(SCALE);
const DEC_RE = /^-?\d+(\.\d+)?$/;

export function isDecimal(s: string | null | undefined): s is string {
  return typeof s === "string" && DEC_RE.test(s);
}

/** Decimal string → integer scaled by 10^6 (extra digits truncated toward zero). */
export function toScaled(s: string): bigint {
  if (!isDecimal(s)) throw new RangeError(`not a decimal: ${s}`);
  const neg = s.startsWith("-");
  const [i, f = ""] = (neg ? s.slice(1) : s).split(".");
  const v = BigInt(i!) * ONE + BigInt((f + "0".repeat(SCALE)).slice(0, SCALE));
  return neg ? -v : v;
}

/** Scaled integer → decimal string with `places` decimals (rounded half away from zero). */
export function fromScaled(v: bigint, places: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = 10n ** BigInt(SCALE - places);
  const r = (a + unit / 2n) / unit;
  const p = 10n ** BigInt(places);
  const s = places > 0 ? `${r / p}.${String(r % p).padStart(places, "0")}` : `${r}`;
  return neg && r !== 0n ? `-${s}` : s;
}

function placesOf(...xs: string[]): number {
  return Math.min(SCALE, Math.max(0, ...xs.map((x) => (x.includes(".") ? x.split(".")[1]!.length : 0))));
}

export function sub(a: string, b: string): string {
  return fromScaled(toScaled(a) - toScaled(b), placesOf(a, b));
}

export function add(a: string, b: string): string {
  return fromScaled(toScaled(a) + toScaled(b), placesOf(a, b));
}

export function cmp(a: string, b: string): number {
  const x = toScaled(a) - toScaled(b);
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

/** (value − previous) / previous in percent, one decimal; null when previous is missing or zero. */
export function percentChange(value: string, previous: string | null): string | null {
  if (!isDecimal(value) || !isDecimal(previous)) return null;
  const p = toScaled(previous);
  if (p === 0n) return null;
  const v = toScaled(value);
  // percent × 10 (one decimal), rounded half away from zero
  const num = (v - p) * 1000n;
  const neg = num < 0n !== p < 0n;
  const an = num < 0n ? -num : num;
  const ap = p < 0n ? -p : p;
  const q = (an * 2n + ap) / (2n * ap);
  const s = `${q / 10n}.${q % 10n}`;
  return neg && q !== 0n ? `-${s}` : s;
}

/** Share a / b in percent with one decimal; null when b is zero. */
export function percentOf(a: string, b: string): string | null {
  const B = toScaled(b);
  if (B === 0n) return null;
  const A = toScaled(a);
  const num = A * 1000n;
  const neg = num < 0n !== B < 0n;
  const an = num < 0n ? -num : num;
  const ab = B < 0n ? -B : B;
  const q = (an * 2n + ab) / (2n * ab);
  const s = `${q / 10n}.${q % 10n}`;
  return neg && q !== 0n ? `-${s}` : s;
}
