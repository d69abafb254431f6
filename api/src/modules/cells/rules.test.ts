/**
 * The stream's rules as plain functions: the assessment state machine, scoring and pass mark,
 * certificate validity, indicator progress, the zero-waste index against a hand-computed example,
 * the task overdue rule, the Chinese tokeniser and text cleaning.
 */
import { describe, expect, it } from "vitest";
import { APPLICATION_TRANSITIONS, assess, certificateNumber, certificateState, checkTransition, checklistProblem, reassessmentAllowed, scoreProblem, validUntil } from "./cell-rules.js";
import { CELL_TYPES, checklistFor, INDICATOR_GROUPS, INDICATORS } from "./catalogue.js";
import { computeProgress } from "./progress.js";
import { cleanLine, cleanText, contentHash, linkCount } from "./sanitize.js";
import { indexTokens, queryTokens, tsqueryLiteral, tsvectorLiteral } from "./search.js";
import { ACADEMY_TRANSITIONS, isOverdue, nextStatus, QUESTION_TRANSITIONS, TASK_TRANSITIONS } from "./workflows.js";
import { computeIndex, indicatorScore, rankByValue } from "./zero-waste-index.js";
import { fromScaled } from "./progress.js";

describe("application state machine", () => {
  it("allows exactly the listed transitions", () => {
    expect(checkTransition("DRAFT", "submit", "UNIT")).toEqual({ ok: true, to: "SUBMITTED" });
    expect(checkTransition("SUBMITTED", "startReview", "OFFICE")).toEqual({ ok: true, to: "UNDER_REVIEW" });
    expect(checkTransition("UNDER_REVIEW", "certify", "OFFICE")).toEqual({ ok: true, to: "CERTIFIED" });
    expect(checkTransition("CERTIFIED", "expire", "SYSTEM")).toEqual({ ok: true, to: "EXPIRED" });
    expect(checkTransition("CERTIFIED", "revoke", "OFFICE", "违规")).toEqual({ ok: true, to: "REVOKED" });
  });

  it("refuses illegal moves and moves by the wrong actor", () => {
    expect(checkTransition("DRAFT", "certify", "OFFICE")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(checkTransition("CERTIFIED", "submit", "UNIT")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(checkTransition("SUBMITTED", "startReview", "UNIT")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(checkTransition("UNDER_REVIEW", "certify", "UNIT")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(checkTransition("CERTIFIED", "expire", "OFFICE")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(checkTransition("UNDER_REVIEW", "reject", "OFFICE", "  ")).toMatchObject({ ok: false, code: "COMMENT_REQUIRED" });
    expect(checkTransition("CERTIFIED", "revoke", "OFFICE")).toMatchObject({ ok: false, code: "COMMENT_REQUIRED" });
  });

  it("has no transition out of the terminal states", () => {
    for (const terminal of ["REJECTED", "WITHDRAWN", "EXPIRED", "REVOKED", "SUPERSEDED"] as const) {
      for (const t of Object.values(APPLICATION_TRANSITIONS)) expect(t.from).not.toContain(terminal);
    }
  });
});

describe("scoring", () => {
  const items = [
    { itemId: 1, maxPoints: 10, score: "10" },
    { itemId: 2, maxPoints: 15, score: "13.5" },
    { itemId: 3, maxPoints: 75, score: "61.5" },
  ];
  it("passes at the pass mark and fails below it, exactly (no float drift)", () => {
    expect(assess(items, "85")).toEqual({ total: "85.0", scored: 3, items: 3, complete: true, passed: true });
    expect(assess([...items.slice(0, 2), { itemId: 3, maxPoints: 75, score: "61.4" }], "85")).toMatchObject({ total: "84.9", passed: false });
    expect(assess(items, "85.1")).toMatchObject({ passed: false });
  });
  it("is not decided until every item is scored", () => {
    expect(assess([...items.slice(0, 2), { itemId: 3, maxPoints: 75, score: null }], "85")).toMatchObject({ complete: false, passed: null, scored: 2, total: "23.5" });
  });
  it("refuses a score above the item's points, a negative score and a malformed one", () => {
    expect(scoreProblem(1, 10, "10")).toBeNull();
    expect(scoreProblem(1, 10, "0")).toBeNull();
    expect(scoreProblem(1, 10, "10.5")).toMatchObject({ code: "SCORE_ABOVE_POINTS" });
    expect(scoreProblem(1, 10, "-1")).toMatchObject({ code: "SCORE_NEGATIVE" });
    expect(scoreProblem(1, 10, "7.25")).toMatchObject({ code: "SCORE_FORMAT" });
    expect(scoreProblem(1, 10, "abc")).toMatchObject({ code: "SCORE_FORMAT" });
  });
  it("accepts only checklists of exactly 100 points, and every type's checklist is one", () => {
    for (const t of CELL_TYPES) expect(checklistProblem(checklistFor(t))).toBeNull();
    expect(CELL_TYPES.length).toBeGreaterThanOrEqual(9);
    expect(checklistProblem([{ code: "A", points: 50 }, { code: "B", points: 49 }])).toMatch(/99/);
    expect(checklistProblem([{ code: "A", points: 50 }, { code: "A", points: 50 }])).toMatch(/unique/);
  });
});

describe("certificates", () => {
  it("are valid for the configured years, to the same day", () => {
    expect(validUntil(new Date("2021-11-24T02:00:00Z"), 3).toISOString()).toBe("2024-11-24T02:00:00.000Z");
    expect(validUntil(new Date("2024-02-29T02:00:00Z"), 3).toISOString()).toBe("2027-02-28T02:00:00.000Z");
    expect(certificateNumber(2021, "HOSPITAL", 7)).toBe("ZWC-2021-HOSPITAL-0007");
  });
  it("are expiring inside 90 days and expired from their end", () => {
    const until = new Date("2025-06-30T00:00:00Z");
    expect(certificateState(until, new Date("2025-03-01T00:00:00Z"))).toBe("VALID");
    expect(certificateState(until, new Date("2025-04-15T00:00:00Z"))).toBe("EXPIRING");
    expect(certificateState(until, new Date("2025-06-30T00:00:00Z"))).toBe("EXPIRED");
  });
  it("open to re-assessment only near or after expiry", () => {
    const now = new Date("2025-01-01T00:00:00Z");
    expect(reassessmentAllowed({ status: "CERTIFIED", validUntil: new Date("2026-01-01T00:00:00Z") }, now)).toBe(false);
    expect(reassessmentAllowed({ status: "CERTIFIED", validUntil: new Date("2025-02-01T00:00:00Z") }, now)).toBe(true);
    expect(reassessmentAllowed(null, now)).toBe(true);
  });
});

describe("indicator progress (on-track rule)", () => {
  it("compares the latest value with the glide path from the starting point to the target", () => {
    // P = 50, T = 60: expected after Q2 = 55.
    expect(computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: "55", quarter: 2 })).toEqual({ status: "ON_TRACK", expected: "55.0000", progressPct: "91.67" });
    expect(computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: "54.5", quarter: 2 })).toMatchObject({ status: "AT_RISK" }); // 0.5 short, tolerance 1.0
    expect(computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: "53", quarter: 2 })).toMatchObject({ status: "OFF_TRACK" });
    expect(computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: "61", quarter: 1 })).toMatchObject({ status: "ACHIEVED", progressPct: "100.00" });
  });
  it("handles lower-is-better indicators", () => {
    // Intensity 0.31 → 0.29: expected after Q4 = 0.29.
    expect(computeProgress({ direction: "LOWER_BETTER", target: "0.29", start: "0.31", actual: "0.30", quarter: 2 })).toMatchObject({ status: "ON_TRACK", expected: "0.3000" });
    expect(computeProgress({ direction: "LOWER_BETTER", target: "0.29", start: "0.31", actual: "0.305", quarter: 4 })).toMatchObject({ status: "OFF_TRACK", progressPct: "95.08" });
    expect(computeProgress({ direction: "LOWER_BETTER", target: "0.29", start: "0.31", actual: "0.2", quarter: 1 })).toMatchObject({ status: "ACHIEVED" });
  });
  it("says NO_DATA without a value or a target", () => {
    expect(computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: null, quarter: null }).status).toBe("NO_DATA");
    expect(computeProgress({ direction: "HIGHER_BETTER", target: null, start: "50", actual: "55", quarter: 1 }).status).toBe("NO_DATA");
  });
});

describe("zero-waste index", () => {
  // Hand-computed example (two groups, three indicators):
  //   group A weight 0.6: a1 higher-better T=80 A=60 → 75.00;  a2 lower-better T=0.5 A=0.4 → 100.00
  //                       A = (1×75 + 1×100) / 2 = 87.50
  //   group B weight 0.4: b1 higher-better T=200 A=250 → 100.00 (capped), weight 2;  b2 no value → 0, weight 1
  //                       B = (2×100 + 1×0) / 3 = 66.67
  //   index = 0.6 × 87.50 + 0.4 × 66.67 = 52.50 + 26.668 = 79.168 → 79.17
  const groups = [
    { code: "A", weight: "0.6" },
    { code: "B", weight: "0.4" },
  ];
  const inds = [
    { id: 1, groupCode: "A", direction: "HIGHER_BETTER" as const, weight: "1" },
    { id: 2, groupCode: "A", direction: "LOWER_BETTER" as const, weight: "1" },
    { id: 3, groupCode: "B", direction: "HIGHER_BETTER" as const, weight: "2" },
    { id: 4, groupCode: "B", direction: "HIGHER_BETTER" as const, weight: "1" },
    { id: 5, groupCode: "B", direction: "HIGHER_BETTER" as const, weight: "5" }, // no target: left out
  ];
  const targets = new Map([
    [1, "80"],
    [2, "0.5"],
    [3, "200"],
    [4, "10"],
  ]);
  const actuals = new Map([
    [1, { value: "60", quarter: 2 }],
    [2, { value: "0.4", quarter: 2 }],
    [3, { value: "250", quarter: 1 }],
    [5, { value: "99", quarter: 2 }],
  ]);

  it("matches the hand-computed value, group scores and drill-down", () => {
    const r = computeIndex({ groups, indicators: inds, targets, actuals })!;
    expect(r.value).toBe("79.17");
    expect(r.groupScores).toEqual({ A: "87.50", B: "66.67" });
    expect(r.components.map((c) => [c.indicatorId, c.score])).toEqual([
      [1, "75.00"],
      [2, "100.00"],
      [3, "100.00"],
      [4, "0.00"],
    ]);
    // Effective weights: A items 0.6 × 1/2; B items 0.4 × 2/3 and 0.4 × 1/3.
    expect(r.components.map((c) => c.weight)).toEqual(["0.300000", "0.300000", "0.266667", "0.133333"]);
    expect(r.coverage).toBe("0.7500");
  });

  it("normalises with direction and caps at 100", () => {
    expect(fromScaled(indicatorScore("HIGHER_BETTER", "80", "60"), 2)).toBe("75.00");
    expect(fromScaled(indicatorScore("HIGHER_BETTER", "80", "120"), 2)).toBe("100.00");
    expect(fromScaled(indicatorScore("LOWER_BETTER", "0.30", "0.36"), 2)).toBe("83.33");
    expect(fromScaled(indicatorScore("LOWER_BETTER", "0", "2"), 2)).toBe("0.00");
    expect(fromScaled(indicatorScore("HIGHER_BETTER", "80", null), 2)).toBe("0.00");
  });

  it("ranks with ties sharing a rank", () => {
    const ranked = rankByValue([
      { id: "x", value: "80.00" },
      { id: "y", value: "90.50" },
      { id: "z", value: "80.00" },
      { id: "w", value: "70.00" },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ["y", 1],
      ["x", 2],
      ["z", 2],
      ["w", 4],
    ]);
  });

  it("uses the documented group weights, adding up to 1, over 5 groups and 30 indicators", () => {
    expect(INDICATOR_GROUPS.map((g) => g.code)).toEqual(["SOURCE_REDUCTION", "RESOURCE_USE", "FINAL_DISPOSAL", "SUPPORT_CAPACITY", "PUBLIC_BENEFIT"]);
    expect(INDICATOR_GROUPS.reduce((a, g) => a + Number(g.weight), 0)).toBeCloseTo(1, 10);
    expect(INDICATORS.length).toBeGreaterThanOrEqual(30);
    for (const g of INDICATOR_GROUPS) expect(INDICATORS.some((i) => i.group === g.code)).toBe(true);
  });
});

describe("workflows", () => {
  it("closes (销号) tasks only from the office, after evidence", () => {
    expect(nextStatus(TASK_TRANSITIONS, "task", "OPEN", "submit", "DEPARTMENT", "报告")).toEqual({ ok: true, to: "SUBMITTED" });
    expect(nextStatus(TASK_TRANSITIONS, "task", "OPEN", "submit", "DEPARTMENT", "")).toMatchObject({ ok: false, code: "EVIDENCE_REQUIRED" });
    expect(nextStatus(TASK_TRANSITIONS, "task", "SUBMITTED", "close", "DEPARTMENT")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(nextStatus(TASK_TRANSITIONS, "task", "OPEN", "close", "OFFICE")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(nextStatus(TASK_TRANSITIONS, "task", "SUBMITTED", "close", "OFFICE")).toEqual({ ok: true, to: "CLOSED" });
  });
  it("marks a task overdue after its deadline unless evidence came in time", () => {
    expect(isOverdue({ status: "OPEN", deadline: "2025-06-30", submittedOn: null }, "2025-06-30")).toBe(false);
    expect(isOverdue({ status: "OPEN", deadline: "2025-06-30", submittedOn: null }, "2025-07-01")).toBe(true);
    expect(isOverdue({ status: "SUBMITTED", deadline: "2025-06-30", submittedOn: "2025-06-29" }, "2025-08-01")).toBe(false);
    expect(isOverdue({ status: "SUBMITTED", deadline: "2025-06-30", submittedOn: "2025-07-03" }, "2025-08-01")).toBe(true);
    expect(isOverdue({ status: "CLOSED", deadline: "2025-06-30", submittedOn: "2025-07-03" }, "2025-08-01")).toBe(false);
  });
  it("publishes academy items and FAQ answers only through review", () => {
    expect(nextStatus(ACADEMY_TRANSITIONS, "item", "DRAFT", "publish", "OFFICE")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(nextStatus(ACADEMY_TRANSITIONS, "item", "IN_REVIEW", "publish", "DEPARTMENT")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(nextStatus(ACADEMY_TRANSITIONS, "item", "IN_REVIEW", "publish", "OFFICE")).toEqual({ ok: true, to: "PUBLISHED" });
    expect(nextStatus(QUESTION_TRANSITIONS, "question", "NEW", "publish", "OFFICE")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(nextStatus(QUESTION_TRANSITIONS, "question", "NEW", "answer", "DEPARTMENT", "")).toMatchObject({ ok: false, code: "ANSWER_REQUIRED" });
  });
});

describe("Chinese tokeniser", () => {
  it("indexes Han runs as unigrams and bigrams, words whole", () => {
    const toks = indexTokens("垃圾分类 45mm胶带").map((t) => t.token);
    expect(toks).toEqual(["垃", "垃圾", "圾", "圾分", "分", "分类", "类", "45mm", "胶", "胶带", "带"]);
  });
  it("queries Han runs by their bigrams (a phrase) and single characters by themselves", () => {
    expect(queryTokens("垃圾分类").map((t) => t.token)).toEqual(["垃圾", "圾分", "分类"]);
    expect(queryTokens("废").map((t) => t.token)).toEqual(["废"]);
    expect(tsqueryLiteral("无废 Zero")).toBe("'无废' & 'zero':*");
    expect(tsqueryLiteral("  !!! ")).toBeNull();
  });
  it("keeps hostile input as data: quotes, backslashes and operators never reach the literal", () => {
    expect(tsvectorLiteral([["a'b\\c", "A"]])).toBe("'a':1A 'b':2A 'c':3A");
    expect(tsqueryLiteral("x' | y")).toBe("'x':* & 'y':*");
  });
});

describe("text cleaning", () => {
  it("strips control, zero-width and bidi characters and keeps markup as text", () => {
    expect(cleanLine(" a\u0000b\u200Bc\u202Ed  \t e ")).toBe("abcd e");
    expect(cleanText("第一行\r\n\r\n\r\n\r\n第二行\u0007<script>alert(1)</script>")).toBe("第一行\n\n第二行<script>alert(1)</script>");
  });
  it("fingerprints content ignoring case, width, spaces and punctuation", () => {
    expect(contentHash("废电池怎么扔？", "ＡＢＣ abc")).toBe(contentHash("废电池 怎么扔", "abc,ABC!"));
    expect(contentHash("废电池怎么扔？", "a")).not.toBe(contentHash("废灯管怎么扔？", "a"));
    expect(linkCount("see http://a.example and www.b.example")).toBe(2);
  });
});
