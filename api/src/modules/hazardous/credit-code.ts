/**
 * 统一社会信用代码 — the unified social credit code (GB 32100-2015): 18 characters from the code
 * table 0-9 A-H J-N P-R T U W X Y (31 characters: no I, O, S, V, Z); positions 3–8 are the
 * administrative division code (digits); the 18th is a check character over the first 17 with the
 * weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28:
 * check = 31 − (Σ value × weight mod 31), where 31 becomes 0.
 */
export const CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters (which must be from the code table). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error("creditCodeCheckChar needs 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (v < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_CHARS[c === 31 ? 0 : c]!;
}

/** What is wrong with a credit code, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (typeof code !== "string" || code.length !== 18) return "must be 18 characters";
  const bad = [...code].find((ch) => !CREDIT_CODE_CHARS.includes(ch));
  if (bad !== undefined) return `contains '${bad}', which is not allowed (only 0-9 and A-H J-N P-R T U W X Y, upper case)`;
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return "positions 3–8 must be the administrative division code (6 digits)";
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `check character is wrong (expected ${expected})`;
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Normalises user input: trims and upper-cases (the code table is upper case only). */
export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Generates a valid code for demo data: registration authority 9 (market regulation), type 1
 * (enterprise) or another pair, the district's adcode, a 9-character organisation code with its
 * own GB 11714 check digit, and the check character.
 */
export function makeCreditCode(random: () => number, adcode: number | string, authority = "91"): string {
  const ORG = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = "";
  for (let i = 0; i < 8; i++) body += i < 2 ? ORG[Math.floor(random() * 10)] : ORG[Math.floor(random() * ORG.length)];
  // GB 11714 check digit of the organisation code: weights 3 7 9 10 5 8 4 2 (mod 11; 10 → X, 11 → 0).
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const val = (ch: string) => (/[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const s = [...body].reduce((acc, ch, i) => acc + val(ch) * w[i]!, 0);
  const c = 11 - (s % 11);
  const orgCheck = c === 11 ? "0" : c === 10 ? "X" : String(c);
  const first17 = `${authority}${String(adcode).slice(0, 6)}${body}${orgCheck}`;
  return first17 + creditCodeCheckChar(first17);
}
