/**
 * 建设跟踪 services: the indicator system, yearly targets, quarterly actuals reported by the
 * responsible departments, the status read model (progress.ts) and the zero-waste index
 * (zero-waste-index.ts). Reporting an actual or changing a target refreshes the affected statuses
 * and the index of the affected quarters in the same transaction.
 */
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { forbidden } from "../../graphql/auth.js";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { requireDistrictWritable } from "../../graphql/scope.js";
import type { Tx } from "../core/db.js";
import { allDistricts } from "../core/resolvers.js";
import { actingAs, CITY_DISTRICT_ID, requireDecimal, requireOffice, shanghaiQuarter, STREAM } from "./common.js";
import { computeProgress, type Direction } from "./progress.js";
import { cleanLine, cleanText } from "./sanitize.js";
import { indexComponents, indexScores, indicatorActuals, indicatorGroups, indicators, indicatorStatus, indicatorTargets, provincialIndex } from "./tables.js";
import { computeIndex, rankByValue } from "./zero-waste-index.js";

export type IndicatorRow = typeof indicators.$inferSelect;
export type ActualRow = typeof indicatorActuals.$inferSelect;

export async function indicatorById(tx: Tx, id: number): Promise<IndicatorRow | undefined> {
  const [i] = await tx.select().from(indicators).where(eq(indicators.id, id));
  return i;
}

export const PLAN_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

// ——— indicator definitions (office) ———

export interface IndicatorInput {
  code?: string;
  groupId?: number;
  categoryZh?: string;
  categoryEn?: string;
  nameZh?: string;
  nameEn?: string;
  unit?: string;
  direction?: Direction;
  mandatory?: boolean;
  formula?: string;
  responsibleDepartmentId?: number;
  weight?: string;
  inIndex?: boolean;
  baseline?: string | null;
  active?: boolean;
}

export async function createIndicator(w: Writer, input: Required<Pick<IndicatorInput, "code" | "groupId" | "nameZh" | "nameEn" | "unit" | "direction" | "responsibleDepartmentId">> & IndicatorInput): Promise<IndicatorRow> {
  await requireOffice(w.tx, w.principal);
  const code = cleanLine(input.code).toUpperCase();
  if (!/^[A-Z0-9_]{2,40}$/.test(code)) throw new DomainError("INVALID_CODE", "A code is 2–40 of A–Z, 0–9 and _", "input.code");
  const [dup] = await w.tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code));
  if (dup) throw new DomainError("DUPLICATE", "An indicator with this code exists", "input.code");
  const [group] = await w.tx.select().from(indicatorGroups).where(eq(indicatorGroups.id, input.groupId));
  if (!group) throw new DomainError("NOT_FOUND", "No such indicator group", "input.groupId");
  if (input.weight != null) requireDecimal(input.weight, "input.weight", { min: 0, max: 100, places: 3 });
  if (input.baseline != null) requireDecimal(input.baseline, "input.baseline");
  const [i] = await w.tx
    .insert(indicators)
    .values({
      code,
      groupId: input.groupId,
      categoryZh: cleanLine(input.categoryZh) || group.nameZh,
      categoryEn: cleanLine(input.categoryEn) || group.nameEn,
      nameZh: cleanLine(input.nameZh),
      nameEn: cleanLine(input.nameEn),
      unit: cleanLine(input.unit),
      direction: input.direction,
      mandatory: input.mandatory ?? false,
      formula: cleanText(input.formula),
      responsibleDepartmentId: input.responsibleDepartmentId,
      weight: input.weight ?? "1",
      inIndex: input.inIndex ?? true,
      baseline: input.baseline ?? null,
      sort: 1000,
    })
    .returning();
  await w.audit({ entity: "Indicator", entityId: i!.id, action: "create", changes: input });
  return i!;
}

export async function updateIndicator(w: Writer, id: number, patch: IndicatorInput): Promise<IndicatorRow> {
  await requireOffice(w.tx, w.principal);
  const before = await indicatorById(w.tx, id);
  if (!before) throw new DomainError("NOT_FOUND", "No such indicator", "input.id");
  const set: Partial<IndicatorRow> = { updatedAt: new Date() };
  if (patch.nameZh != null) set.nameZh = cleanLine(patch.nameZh);
  if (patch.nameEn != null) set.nameEn = cleanLine(patch.nameEn);
  if (patch.categoryZh != null) set.categoryZh = cleanLine(patch.categoryZh);
  if (patch.categoryEn != null) set.categoryEn = cleanLine(patch.categoryEn);
  if (patch.unit != null) set.unit = cleanLine(patch.unit);
  if (patch.direction != null) set.direction = patch.direction;
  if (patch.mandatory != null) set.mandatory = patch.mandatory;
  if (patch.formula != null) set.formula = cleanText(patch.formula);
  if (patch.responsibleDepartmentId != null) set.responsibleDepartmentId = patch.responsibleDepartmentId;
  if (patch.weight != null) set.weight = requireDecimal(patch.weight, "input.weight", { min: 0, max: 100, places: 3 });
  if (patch.inIndex != null) set.inIndex = patch.inIndex;
  if (patch.baseline !== undefined) set.baseline = patch.baseline == null ? null : requireDecimal(patch.baseline, "input.baseline");
  if (patch.active != null) set.active = patch.active;
  if (patch.groupId != null) {
    const [g] = await w.tx.select().from(indicatorGroups).where(eq(indicatorGroups.id, patch.groupId));
    if (!g) throw new DomainError("NOT_FOUND", "No such indicator group", "input.groupId");
    set.groupId = patch.groupId;
  }
  const [i] = await w.tx.update(indicators).set(set).where(eq(indicators.id, id)).returning();
  await w.audit({ entity: "Indicator", entityId: id, action: "update", changes: patch });
  // Direction, weights, membership and baselines change statuses and the index.
  for (const y of PLAN_YEARS) await refreshStatuses(w.tx, { year: y, indicatorIds: [id] });
  const nowQ = shanghaiQuarter(new Date());
  for (const y of PLAN_YEARS) if (y <= nowQ.year) await recomputeIndexYear(w.tx, y, 1, y < nowQ.year ? 4 : nowQ.quarter);
  return i!;
}

/** Sets the group weights of the index (must add up to 1). */
export async function setGroupWeights(w: Writer, weights: { groupId: number; weight: string }[]): Promise<void> {
  await requireOffice(w.tx, w.principal);
  const groups = await w.tx.select().from(indicatorGroups);
  if (weights.length !== groups.length || !groups.every((g) => weights.some((x) => x.groupId === g.id))) throw new DomainError("ALL_GROUPS_REQUIRED", "Give a weight for each of the groups", "weights");
  let sum = 0n;
  for (const [k, x] of weights.entries()) {
    requireDecimal(x.weight, `weights[${k}].weight`, { min: 0, max: 1, places: 4 });
    sum += BigInt(Math.round(Number(x.weight) * 10000));
  }
  if (sum !== 10000n) throw new DomainError("WEIGHTS_NOT_ONE", "The group weights must add up to 1", "weights");
  for (const x of weights) await w.tx.update(indicatorGroups).set({ weight: x.weight }).where(eq(indicatorGroups.id, x.groupId));
  await w.audit({ entity: "IndicatorGroup", action: "setWeights", changes: weights });
  const nowQ = shanghaiQuarter(new Date());
  for (const y of PLAN_YEARS) if (y <= nowQ.year) await recomputeIndexYear(w.tx, y, 1, y < nowQ.year ? 4 : nowQ.quarter);
}

// ——— targets ———

export interface TargetInput {
  districtId: number;
  year: number;
  target: string;
}

export async function setTargets(w: Writer, indicatorId: number, targets: TargetInput[]): Promise<void> {
  await requireOffice(w.tx, w.principal);
  const ind = await indicatorById(w.tx, indicatorId);
  if (!ind) throw new DomainError("NOT_FOUND", "No such indicator", "input.indicatorId");
  const districts = new Set((await allDistricts(w.tx)).map((d) => d.id));
  const problems: { code: string; message: string; field: string }[] = [];
  targets.forEach((t, k) => {
    if (!districts.has(t.districtId)) problems.push({ code: "NOT_FOUND", message: "No such district", field: `input.targets[${k}].districtId` });
    if (!Number.isInteger(t.year) || t.year < 2021 || t.year > 2035) problems.push({ code: "OUT_OF_RANGE", message: "Year must be 2021–2035", field: `input.targets[${k}].year` });
    try {
      requireDecimal(t.target, `input.targets[${k}].target`, ind.unit === "%" ? { min: 0, max: 100 } : {});
    } catch (e) {
      if (e instanceof DomainError) problems.push(...e.errors.map((x) => ({ code: x.code, message: x.message, field: x.field ?? "" })));
    }
    if (w.principal.districtId != null && t.districtId !== w.principal.districtId) problems.push({ code: "FORBIDDEN", message: "You may only set your own district's targets", field: `input.targets[${k}].districtId` });
  });
  if (problems.length) throw DomainError.many(problems);
  for (const t of targets) {
    await w.tx
      .insert(indicatorTargets)
      .values({ indicatorId, districtId: t.districtId, year: t.year, target: t.target })
      .onConflictDoUpdate({ target: [indicatorTargets.indicatorId, indicatorTargets.districtId, indicatorTargets.year], set: { target: t.target, updatedAt: new Date() } });
  }
  await w.audit({ entity: "Indicator", entityId: indicatorId, action: "setTargets", changes: targets });
  const years = [...new Set(targets.flatMap((t) => [t.year, t.year + 1]))];
  for (const y of years) await refreshStatuses(w.tx, { year: y, indicatorIds: [indicatorId] });
  const nowQ = shanghaiQuarter(new Date());
  for (const y of new Set(targets.map((t) => t.year))) if (y <= nowQ.year) await recomputeIndexYear(w.tx, y, 1, y < nowQ.year ? 4 : nowQ.quarter);
}

// ——— actuals ———

export interface ActualInput {
  indicatorId: number;
  districtId: number;
  year: number;
  quarter: number;
  value: string;
  evidence: string;
  note?: string | null;
}

/**
 * A responsible department (or the office) reports an indicator's value for a district and quarter,
 * with evidence. Reporting again for the same period corrects it (revision + 1; the old value is in
 * the audit log).
 */
export async function reportActual(w: Writer, input: ActualInput, now = new Date()): Promise<ActualRow> {
  const ind = await indicatorById(w.tx, input.indicatorId);
  if (!ind || !ind.active) throw new DomainError("NOT_FOUND", "No such active indicator", "input.indicatorId");
  const acting = await actingAs(w.tx, w.principal);
  const responsible = w.principal.departmentId === ind.responsibleDepartmentId;
  if (!(acting === "OFFICE" || acting === "SYSTEM" || responsible)) {
    throw forbidden("Only the responsible department (or the zero-waste office) reports this indicator");
  }
  if (w.principal.org) throw forbidden();
  requireDistrictWritable(w.principal, input.districtId);
  if (!(await allDistricts(w.tx)).some((d) => d.id === input.districtId)) throw new DomainError("NOT_FOUND", "No such district", "input.districtId");
  if (!Number.isInteger(input.quarter) || input.quarter < 1 || input.quarter > 4) throw new DomainError("OUT_OF_RANGE", "Quarter is 1–4", "input.quarter");
  const nowQ = shanghaiQuarter(now);
  if (input.year < 2021 || input.year * 4 + input.quarter > nowQ.year * 4 + nowQ.quarter) throw new DomainError("FUTURE_PERIOD", "Report periods from 2021 up to the current quarter", "input.quarter");
  const value = requireDecimal(input.value, "input.value", ind.unit === "%" ? { min: 0, max: 100 } : { min: ind.direction === "LOWER_BETTER" ? 0 : undefined });
  const evidence = cleanText(input.evidence);
  if (!evidence) throw new DomainError("EVIDENCE_REQUIRED", "Give the evidence (佐证材料) for the value", "input.evidence");
  if ([...evidence].length > 4000) throw new DomainError("TOO_LONG", "Evidence is at most 4000 characters", "input.evidence");
  const note = cleanText(input.note);
  // Serialise reports of the same indicator and district (first reports insert the same key).
  await w.tx.execute(sql`select pg_advisory_xact_lock(727101, ${ind.id * 1000 + (input.districtId % 1000)})`);
  const [before] = await w.tx
    .select()
    .from(indicatorActuals)
    .where(and(eq(indicatorActuals.indicatorId, ind.id), eq(indicatorActuals.districtId, input.districtId), eq(indicatorActuals.year, input.year), eq(indicatorActuals.quarter, input.quarter)))
    .for("update");
  const values = {
    value,
    evidence,
    note,
    departmentId: w.principal.departmentId ?? null,
    reportedBy: w.principal.userId ?? null,
    reportedByLabel: w.principal.label,
    reportedAt: now,
    updatedAt: now,
  };
  let saved: ActualRow;
  if (before) {
    [saved] = (await w.tx
      .update(indicatorActuals)
      .set({ ...values, revision: before.revision + 1 })
      .where(eq(indicatorActuals.id, before.id))
      .returning()) as [ActualRow];
  } else {
    [saved] = (await w.tx
      .insert(indicatorActuals)
      .values({ ...values, indicatorId: ind.id, districtId: input.districtId, year: input.year, quarter: input.quarter })
      .returning()) as [ActualRow];
  }
  await w.audit({ entity: "IndicatorActual", entityId: saved.id, action: before ? "correct" : "report", changes: { indicator: ind.code, districtId: input.districtId, period: `${input.year}Q${input.quarter}`, value: before ? [before.value, value] : value } });
  await w.emit({ type: "indicator.reported", stream: STREAM, entity: "IndicatorActual", entityId: saved.id, districtId: input.districtId, payload: { indicator: ind.code, year: input.year, quarter: input.quarter, value, revision: saved.revision } });
  await refreshStatuses(w.tx, { year: input.year, indicatorIds: [ind.id], districtIds: [input.districtId] });
  await refreshStatuses(w.tx, { year: input.year + 1, indicatorIds: [ind.id], districtIds: [input.districtId] });
  if (ind.inIndex) await recomputeIndexYear(w.tx, input.year, input.quarter, input.year < nowQ.year ? 4 : nowQ.quarter);
  return saved;
}

// ——— status read model ———

/**
 * Recomputes indicator_status for a year (optionally limited to some indicators and districts) from
 * targets and actuals, in a few set-based queries.
 */
export async function refreshStatuses(tx: Tx, f: { year: number; indicatorIds?: number[]; districtIds?: number[] }): Promise<number> {
  const inds = await tx
    .select()
    .from(indicators)
    .where(f.indicatorIds ? inArray(indicators.id, f.indicatorIds) : undefined);
  if (inds.length === 0) return 0;
  const ids = inds.map((i) => i.id);
  const districtIds = f.districtIds ?? (await allDistricts(tx)).map((d) => d.id);
  const targets = await tx
    .select()
    .from(indicatorTargets)
    .where(and(inArray(indicatorTargets.indicatorId, ids), inArray(indicatorTargets.districtId, districtIds), inArray(indicatorTargets.year, [f.year, f.year - 1])));
  const actuals = await tx
    .select({ indicatorId: indicatorActuals.indicatorId, districtId: indicatorActuals.districtId, year: indicatorActuals.year, quarter: indicatorActuals.quarter, value: indicatorActuals.value })
    .from(indicatorActuals)
    .where(and(inArray(indicatorActuals.indicatorId, ids), inArray(indicatorActuals.districtId, districtIds), inArray(indicatorActuals.year, [f.year, f.year - 1])));
  const tKey = (i: number, d: number, y: number) => `${i}:${d}:${y}`;
  const tmap = new Map(targets.map((t) => [tKey(t.indicatorId, t.districtId, t.year), t.target]));
  const latest = new Map<string, { quarter: number; value: string }>();
  for (const a of actuals) {
    const k = tKey(a.indicatorId, a.districtId, a.year);
    const cur = latest.get(k);
    if (!cur || a.quarter > cur.quarter) latest.set(k, { quarter: a.quarter, value: a.value });
  }
  const rowsOut: (typeof indicatorStatus.$inferInsert)[] = [];
  for (const ind of inds) {
    for (const d of districtIds) {
      const target = tmap.get(tKey(ind.id, d, f.year)) ?? null;
      const a = latest.get(tKey(ind.id, d, f.year));
      const prevActual = latest.get(tKey(ind.id, d, f.year - 1))?.value ?? null;
      const start = prevActual ?? tmap.get(tKey(ind.id, d, f.year - 1)) ?? (d === CITY_DISTRICT_ID ? ind.baseline : null) ?? null;
      const r = computeProgress({ direction: ind.direction, target, start, actual: a?.value ?? null, quarter: a?.quarter ?? null });
      rowsOut.push({
        indicatorId: ind.id,
        districtId: d,
        year: f.year,
        latestQuarter: a?.quarter ?? null,
        latestValue: a?.value ?? null,
        target,
        expected: r.expected,
        progressPct: r.progressPct,
        status: r.status,
        updatedAt: new Date(),
      });
    }
  }
  for (let k = 0; k < rowsOut.length; k += 1000) {
    await tx
      .insert(indicatorStatus)
      .values(rowsOut.slice(k, k + 1000))
      .onConflictDoUpdate({
        target: [indicatorStatus.indicatorId, indicatorStatus.districtId, indicatorStatus.year],
        set: {
          latestQuarter: sql`excluded.latest_quarter`,
          latestValue: sql`excluded.latest_value`,
          target: sql`excluded.target`,
          expected: sql`excluded.expected`,
          progressPct: sql`excluded.progress_pct`,
          status: sql`excluded.status`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return rowsOut.length;
}

// ——— zero-waste index ———

/**
 * Recomputes the index of every district (and the city) for the quarters `fromQuarter..toQuarter`
 * of `year`, with the ranking and the drill-down components.
 */
export async function recomputeIndexYear(tx: Tx, year: number, fromQuarter = 1, toQuarter = 4): Promise<number> {
  if (toQuarter < fromQuarter) return 0;
  // One recomputation at a time: concurrent reports would otherwise both replace the same rows.
  await tx.execute(sql`select pg_advisory_xact_lock(727100, ${year})`);
  const groups = await tx.select().from(indicatorGroups);
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const inds = (await tx.select().from(indicators).where(and(eq(indicators.inIndex, true), eq(indicators.active, true)))).map((i) => ({
    id: i.id,
    groupCode: groupCode.get(i.groupId)!,
    direction: i.direction,
    weight: i.weight,
  }));
  const ids = inds.map((i) => i.id);
  if (ids.length === 0) return 0;
  const targets = await tx.select().from(indicatorTargets).where(and(eq(indicatorTargets.year, year), inArray(indicatorTargets.indicatorId, ids)));
  const actuals = await tx
    .select({ indicatorId: indicatorActuals.indicatorId, districtId: indicatorActuals.districtId, quarter: indicatorActuals.quarter, value: indicatorActuals.value })
    .from(indicatorActuals)
    .where(and(eq(indicatorActuals.year, year), lte(indicatorActuals.quarter, toQuarter), inArray(indicatorActuals.indicatorId, ids)))
    .orderBy(asc(indicatorActuals.quarter));
  const districts = await allDistricts(tx);
  const cityTargets = new Map(targets.filter((t) => t.districtId === CITY_DISTRICT_ID).map((t) => [t.indicatorId, t.target]));
  let written = 0;
  for (let q = fromQuarter; q <= toQuarter; q++) {
    const results: { districtId: number; level: string; value: string; r: NonNullable<ReturnType<typeof computeIndex>> }[] = [];
    for (const d of districts) {
      const tmap = new Map(cityTargets);
      if (d.id !== CITY_DISTRICT_ID) for (const t of targets) if (t.districtId === d.id) tmap.set(t.indicatorId, t.target);
      const amap = new Map<number, { value: string; quarter: number }>();
      for (const a of actuals) if (a.districtId === d.id && a.quarter <= q) amap.set(a.indicatorId, { value: a.value, quarter: a.quarter });
      const r = computeIndex({ groups: groups.map((g) => ({ code: g.code, weight: g.weight })), indicators: inds, targets: tmap, actuals: amap });
      if (r) results.push({ districtId: d.id, level: d.level, value: r.value, r });
    }
    const ranked = new Map(rankByValue(results.filter((x) => x.level === "DISTRICT")).map((x) => [x.districtId, x.rank]));
    await tx.delete(indexComponents).where(and(eq(indexComponents.year, year), eq(indexComponents.quarter, q)));
    await tx.delete(indexScores).where(and(eq(indexScores.year, year), eq(indexScores.quarter, q)));
    if (results.length === 0) continue;
    await tx.insert(indexScores).values(
      results.map((x) => ({ districtId: x.districtId, year, quarter: q, value: x.value, rank: ranked.get(x.districtId) ?? null, groupScores: x.r.groupScores, coverage: x.r.coverage, computedAt: new Date() })),
    );
    const comps = results.flatMap((x) =>
      x.r.components.map((c) => ({ districtId: x.districtId, year, quarter: q, indicatorId: c.indicatorId, actual: c.actual, actualQuarter: c.actualQuarter, target: c.target, score: c.score, weight: c.weight })),
    );
    for (let k = 0; k < comps.length; k += 1000) await tx.insert(indexComponents).values(comps.slice(k, k + 1000));
    written += results.length;
  }
  return written;
}

/** The office records the province's published 浙江无废指数 ranking of the cities for a quarter. */
export async function recordProvincialIndex(w: Writer, year: number, quarter: number, rows: { cityZh: string; cityEn: string; value: string }[]): Promise<void> {
  await requireOffice(w.tx, w.principal);
  if (quarter < 1 || quarter > 4) throw new DomainError("OUT_OF_RANGE", "Quarter is 1–4", "input.quarter");
  if (rows.length < 2 || rows.length > 20) throw new DomainError("OUT_OF_RANGE", "Give the province's cities (2–20 rows)", "input.cities");
  const names = new Set<string>();
  rows.forEach((r, k) => {
    requireDecimal(r.value, `input.cities[${k}].value`, { min: 0, max: 100, places: 2 });
    const n = cleanLine(r.cityZh);
    if (!n) throw new DomainError("REQUIRED", "City name required", `input.cities[${k}].cityZh`);
    if (names.has(n)) throw new DomainError("DUPLICATE", "A city appears twice", `input.cities[${k}].cityZh`);
    names.add(n);
  });
  const ranked = rankByValue(rows.map((r) => ({ ...r, cityZh: cleanLine(r.cityZh), cityEn: cleanLine(r.cityEn) })));
  await w.tx.delete(provincialIndex).where(and(eq(provincialIndex.year, year), eq(provincialIndex.quarter, quarter)));
  await w.tx.insert(provincialIndex).values(ranked.map((r) => ({ year, quarter, cityZh: r.cityZh, cityEn: r.cityEn, value: r.value, rank: r.rank })));
  await w.audit({ entity: "ProvincialIndex", entityId: `${year}Q${quarter}`, action: "record", changes: ranked });
}

/** Latest (year, quarter) with index scores at or before the given one. */
export async function latestIndexPeriod(tx: Tx, atMost?: { year: number; quarter: number }): Promise<{ year: number; quarter: number } | null> {
  const [r] = await tx
    .select({ year: indexScores.year, quarter: indexScores.quarter })
    .from(indexScores)
    .where(atMost ? sql`(${indexScores.year} * 4 + ${indexScores.quarter}) <= ${atMost.year * 4 + atMost.quarter}` : undefined)
    .orderBy(sql`${indexScores.year} desc, ${indexScores.quarter} desc`)
    .limit(1);
  return r ?? null;
}

export { gte };
