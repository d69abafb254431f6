/**
 * Wiring into core capabilities: GPS tracking (terminal directory + real-time rules) and the
 * asynchronous Excel/CSV exports of the stream's lists.
 */
import { and, asc, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { App, Principal } from "../../graphql/context.js";
import { badInput } from "../../graphql/errors.js";
import { parseGlobalId } from "../../graphql/ids.js";
import { scopeWhere } from "../../graphql/scope.js";
import type { Tx } from "../core/db.js";
import { registerExport } from "../core/exports.js";
import { onPositions, registerTerminalDirectory } from "../core/tracking.js";
import { ORG } from "./access.js";
import { shanghaiDay } from "./rollups.js";
import { carriers, hazards, manifests, transportPeople, units, vehicles, collectionRuns } from "./tables.js";
import { evaluatePositions } from "./tracking-rules.js";

const BATCH = 2000;

/** Keyset batches over a table's id, with extra conditions. */
async function* byId<T extends { id: number }>(fetch: (afterId: number) => Promise<T[]>): AsyncIterable<T[]> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) return;
  }
}

function districtFilter(input: Record<string, unknown>): number | null {
  const v = input.districtId;
  if (v == null || v === "") return null;
  const g = typeof v === "string" ? parseGlobalId(v) : null;
  if (!g || g.type !== "District") throw badInput("filter.districtId", "not a District ID");
  return Number(g.id);
}

function enumList<T extends string>(v: unknown, allowed: readonly T[], field: string): T[] | null {
  if (v == null) return null;
  if (!Array.isArray(v) || v.some((x) => !allowed.includes(x as T))) throw badInput(field, `must be a list of ${allowed.join(", ")}`);
  return v as T[];
}

const KINDS = ["ENTERPRISE", "LABORATORY", "AUTO_REPAIR", "HOSPITAL", "SCHOOL", "OTHER_SOCIAL"] as const;
const KIND_ZH: Record<string, string> = { ENTERPRISE: "工业企业", LABORATORY: "实验室", AUTO_REPAIR: "汽修企业", HOSPITAL: "医院", SCHOOL: "学校", OTHER_SOCIAL: "其他社会源" };
const STATES = ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED", "CANCELLED"] as const;
const HSTATUS = ["FOUND", "RECTIFYING", "SUBMITTED", "VERIFIED"] as const;

export function registerHazardousIntegrations(_app: App): void {
  // ——— tracking ———
  registerTerminalDirectory(
    "hazardous",
    async (tx: Tx, q) => {
      if (!q.terminalIds.length && !q.plates.length) return [];
      const list = await tx
        .select({ id: vehicles.id, terminalId: vehicles.terminalId, plate: vehicles.plate, districtId: vehicles.districtId, carrierId: vehicles.carrierId })
        .from(vehicles)
        .where(or(q.terminalIds.length ? inArray(vehicles.terminalId, q.terminalIds) : undefined, q.plates.length ? inArray(vehicles.plate, q.plates) : undefined));
      return list.map((v) => ({ terminalId: v.terminalId ?? v.plate, plate: v.plate, stream: "hazardous" as const, vehicleId: v.id, districtId: v.districtId, org: { kind: ORG.carrier, id: v.carrierId } }));
    },
    "TransportVehicle",
  );
  onPositions("hazardous", async (w, batch, alerts) => {
    await evaluatePositions(w, batch, alerts);
  });

  // ——— exports ———
  registerExport<{ districtId: number | null; kinds: string[] | null; smallMicro: boolean | null }, typeof units.$inferSelect>({
    name: "hazardous.units",
    titleZh: "产废单位名录",
    titleEn: "Waste-producing units",
    rule: "hazardous:read:op",
    parseFilter: (f) => ({ districtId: districtFilter(f), kinds: enumList(f.kinds, KINDS, "filter.kinds"), smallMicro: typeof f.smallMicro === "boolean" ? f.smallMicro : null }),
    columns: [
      { key: "name", headerZh: "名称", headerEn: "Name", value: (r) => r.name },
      { key: "creditCode", headerZh: "统一社会信用代码", headerEn: "Credit code", value: (r) => r.creditCode },
      { key: "kind", headerZh: "类型", headerEn: "Kind", value: (r) => KIND_ZH[r.kind] ?? r.kind },
      { key: "smallMicro", headerZh: "小微企业", headerEn: "Small/micro", value: (r) => (r.smallMicro ? "是" : "否") },
      { key: "district", headerZh: "区县代码", headerEn: "District code", value: (r) => r.districtId },
      { key: "industry", headerZh: "行业", headerEn: "Industry", value: (r) => r.industry },
      { key: "address", headerZh: "地址", headerEn: "Address", value: (r) => r.address },
      { key: "annualGenerationT", headerZh: "年产生量（吨）", headerEn: "Annual generation (t)", value: (r) => r.annualGenerationT },
      { key: "registeredOn", headerZh: "登记日期", headerEn: "Registered on", value: (r) => r.registeredOn },
      { key: "active", headerZh: "在册", headerEn: "Active", value: (r) => (r.active ? "是" : "否") },
    ],
    batches: (tx, p, f) =>
      byId((after) =>
        tx
          .select()
          .from(units)
          .where(and(gt(units.id, after), ...unitScope(p), f.districtId ? eq(units.districtId, f.districtId) : undefined, f.kinds ? inArray(units.kind, f.kinds as (typeof KINDS)[number][]) : undefined, f.smallMicro != null ? eq(units.smallMicro, f.smallMicro) : undefined))
          .orderBy(asc(units.id))
          .limit(BATCH),
      ),
  });

  registerExport<{ districtId: number | null; statuses: string[] | null; overdue: boolean }, { id: number; unitName: string; category: string; severity: string; description: string; responsibleUnit: string; deadline: string; status: string; foundOn: string; districtId: number }>({
    name: "hazardous.hazards",
    titleZh: "问题隐患清单",
    titleEn: "Hazards",
    rule: "hazardous:read:op",
    parseFilter: (f) => ({ districtId: districtFilter(f), statuses: enumList(f.statuses, HSTATUS, "filter.statuses"), overdue: f.overdue === true }),
    columns: [
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.unitName },
      { key: "category", headerZh: "类别", headerEn: "Category", value: (r) => r.category },
      { key: "severity", headerZh: "严重程度", headerEn: "Severity", value: (r) => r.severity },
      { key: "description", headerZh: "问题描述", headerEn: "Description", value: (r) => r.description },
      { key: "responsibleUnit", headerZh: "责任单位", headerEn: "Responsible unit", value: (r) => r.responsibleUnit },
      { key: "foundOn", headerZh: "发现日期", headerEn: "Found on", value: (r) => r.foundOn },
      { key: "deadline", headerZh: "整改期限", headerEn: "Deadline", value: (r) => r.deadline },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
      { key: "district", headerZh: "区县代码", headerEn: "District code", value: (r) => r.districtId },
    ],
    batches: (tx, p, f) =>
      byId((after) =>
        tx
          .select({ id: hazards.id, unitName: units.name, category: hazards.category, severity: hazards.severity, description: hazards.description, responsibleUnit: hazards.responsibleUnit, deadline: hazards.deadline, status: hazards.status, foundOn: hazards.foundOn, districtId: hazards.districtId })
          .from(hazards)
          .innerJoin(units, eq(units.id, hazards.unitId))
          .where(
            and(
              gt(hazards.id, after),
              ...scopeWhere(p, { district: hazards.districtId, orgs: [{ kind: ORG.unit, column: hazards.unitId }] }),
              f.districtId ? eq(hazards.districtId, f.districtId) : undefined,
              f.statuses ? inArray(hazards.status, f.statuses as (typeof HSTATUS)[number][]) : undefined,
              f.overdue ? and(sql`${hazards.status} <> 'VERIFIED'`, lt(hazards.deadline, shanghaiDay(new Date()))) : undefined,
            ),
          )
          .orderBy(asc(hazards.id))
          .limit(BATCH),
      ),
  });

  registerExport<{ districtId: number | null; states: string[] | null; from: Date | null; to: Date | null }, typeof manifests.$inferSelect & { producerName: string; carrierName: string }>({
    name: "hazardous.manifests",
    titleZh: "危险废物转移联单",
    titleEn: "Transfer manifests",
    rule: "hazardous:read:op",
    parseFilter: (f) => {
      const d = (v: unknown, field: string) => {
        if (v == null) return null;
        const t = typeof v === "string" ? Date.parse(v) : NaN;
        if (Number.isNaN(t)) throw badInput(field, "must be a date-time");
        return new Date(t);
      };
      return { districtId: districtFilter(f), states: enumList(f.states, STATES, "filter.states"), from: d(f.createdFrom, "filter.createdFrom"), to: d(f.createdTo, "filter.createdTo") };
    },
    columns: [
      { key: "number", headerZh: "联单编号", headerEn: "Number", value: (r) => r.number },
      { key: "state", headerZh: "状态", headerEn: "State", value: (r) => r.state },
      { key: "producer", headerZh: "移出人", headerEn: "Producer", value: (r) => r.producerName },
      { key: "carrier", headerZh: "承运人", headerEn: "Carrier", value: (r) => r.carrierName },
      { key: "declaredKg", headerZh: "申报量（kg）", headerEn: "Declared (kg)", value: (r) => r.declaredKg },
      { key: "receivedKg", headerZh: "接收量（kg）", headerEn: "Received (kg)", value: (r) => r.receivedKg },
      { key: "discrepancyPct", headerZh: "差异（%）", headerEn: "Difference (%)", value: (r) => r.discrepancyPct },
      { key: "disposalMethod", headerZh: "处置方式", headerEn: "Method", value: (r) => r.disposalMethod },
      { key: "createdAt", headerZh: "创建时间", headerEn: "Created at", value: (r) => r.createdAt },
      { key: "closedAt", headerZh: "办结时间", headerEn: "Closed at", value: (r) => r.closedAt },
    ],
    batches: (tx, p, f) =>
      byId(async (after) => {
        const list = await tx
          .select({ m: manifests, producerName: units.name, carrierName: carriers.name })
          .from(manifests)
          .innerJoin(units, eq(units.id, manifests.producerId))
          .innerJoin(carriers, eq(carriers.id, manifests.carrierId))
          .where(
            and(
              gt(manifests.id, after),
              ...manifestScope(p),
              f.districtId ? eq(manifests.districtId, f.districtId) : undefined,
              f.states ? inArray(manifests.state, f.states as (typeof STATES)[number][]) : undefined,
              f.from ? gte(manifests.createdAt, f.from) : undefined,
              f.to ? lt(manifests.createdAt, f.to) : undefined,
            ),
          )
          .orderBy(asc(manifests.id))
          .limit(BATCH);
        return list.map((r) => ({ ...r.m, producerName: r.producerName, carrierName: r.carrierName }));
      }),
  });

  registerExport<{ carrierId: number | null }, typeof vehicles.$inferSelect & { carrierName: string }>({
    name: "hazardous.vehicles",
    titleZh: "危货运输车辆",
    titleEn: "Hazardous-goods vehicles",
    rule: "hazardous:read:op",
    parseFilter: (f) => {
      const g = typeof f.carrierId === "string" ? parseGlobalId(f.carrierId) : null;
      if (f.carrierId != null && (!g || g.type !== "Carrier")) throw badInput("filter.carrierId", "not a Carrier ID");
      return { carrierId: g ? Number(g.id) : null };
    },
    columns: [
      { key: "plate", headerZh: "车牌", headerEn: "Plate", value: (r) => r.plate },
      { key: "carrier", headerZh: "运输企业", headerEn: "Carrier", value: (r) => r.carrierName },
      { key: "licenceNo", headerZh: "道路运输证号", headerEn: "Certificate", value: (r) => r.licenceNo },
      { key: "licenceValidTo", headerZh: "有效期至", headerEn: "Valid to", value: (r) => r.licenceValidTo },
      { key: "loadKg", headerZh: "核定载质量（kg）", headerEn: "Rated load (kg)", value: (r) => r.loadKg },
      { key: "terminalId", headerZh: "终端号", headerEn: "Terminal", value: (r) => r.terminalId },
      { key: "active", headerZh: "在用", headerEn: "In service", value: (r) => (r.active ? "是" : "否") },
    ],
    batches: (tx, p, f) =>
      byId(async (after) =>
        (
          await tx
            .select({ v: vehicles, carrierName: carriers.name })
            .from(vehicles)
            .innerJoin(carriers, eq(carriers.id, vehicles.carrierId))
            .where(and(gt(vehicles.id, after), ...scopeWhere(p, { district: vehicles.districtId, orgs: [{ kind: ORG.carrier, column: vehicles.carrierId }] }), f.carrierId ? eq(vehicles.carrierId, f.carrierId) : undefined))
            .orderBy(asc(vehicles.id))
            .limit(BATCH)
        ).map((r) => ({ ...r.v, carrierName: r.carrierName })),
      ),
  });

  registerExport<Record<string, never>, typeof carriers.$inferSelect>({
    name: "hazardous.carriers",
    titleZh: "危货运输企业",
    titleEn: "Hazardous-goods carriers",
    rule: "hazardous:read:op",
    parseFilter: () => ({}),
    columns: [
      { key: "name", headerZh: "名称", headerEn: "Name", value: (r) => r.name },
      { key: "creditCode", headerZh: "统一社会信用代码", headerEn: "Credit code", value: (r) => r.creditCode },
      { key: "permitNo", headerZh: "道路危险货物运输许可证号", headerEn: "Permit", value: (r) => r.permitNo },
      { key: "permitValidTo", headerZh: "有效期至", headerEn: "Valid to", value: (r) => r.permitValidTo },
    ],
    batches: (tx, p) =>
      byId(async (after) =>
        tx
          .select()
          .from(carriers)
          .where(and(gt(carriers.id, after), ...scopeWhere(p, { district: carriers.districtId, orgs: [{ kind: ORG.carrier, column: carriers.id }] })))
          .orderBy(asc(carriers.id))
          .limit(BATCH),
      ),
  });

  registerExport<{ carrierId: number | null }, typeof transportPeople.$inferSelect & { carrierName: string }>({
    name: "hazardous.people",
    titleZh: "驾驶员与押运员",
    titleEn: "Drivers and escorts",
    rule: "hazardous:read:op",
    parseFilter: () => ({ carrierId: null }),
    columns: [
      { key: "name", headerZh: "姓名", headerEn: "Name", value: (r) => r.name },
      { key: "role", headerZh: "岗位", headerEn: "Role", value: (r) => (r.role === "DRIVER" ? "驾驶员" : "押运员") },
      { key: "carrier", headerZh: "运输企业", headerEn: "Carrier", value: (r) => r.carrierName },
      { key: "qualificationNo", headerZh: "从业资格证号", headerEn: "Certificate", value: (r) => r.qualificationNo },
      { key: "validTo", headerZh: "有效期至", headerEn: "Valid to", value: (r) => r.qualificationValidTo },
      { key: "active", headerZh: "在岗", headerEn: "Employed", value: (r) => (r.active ? "是" : "否") },
    ],
    batches: (tx, p) =>
      byId(async (after) =>
        (
          await tx
            .select({ v: transportPeople, carrierName: carriers.name })
            .from(transportPeople)
            .innerJoin(carriers, eq(carriers.id, transportPeople.carrierId))
            .where(and(gt(transportPeople.id, after), ...scopeWhere(p, { district: carriers.districtId, orgs: [{ kind: ORG.carrier, column: transportPeople.carrierId }] })))
            .orderBy(asc(transportPeople.id))
            .limit(BATCH)
        ).map((r) => ({ ...r.v, carrierName: r.carrierName })),
      ),
  });

  registerExport<{ districtId: number | null }, typeof collectionRuns.$inferSelect & { unitName: string }>({
    name: "hazardous.collectionRuns",
    titleZh: "小微收运记录",
    titleEn: "Small/micro collections",
    rule: "hazardous:read:op",
    parseFilter: (f) => ({ districtId: districtFilter(f) }),
    columns: [
      { key: "collectedAt", headerZh: "收运时间", headerEn: "Collected at", value: (r) => r.collectedAt },
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.unitName },
      { key: "unitType", headerZh: "单位类型", headerEn: "Unit type", value: (r) => r.unitType },
      { key: "totalKg", headerZh: "重量（kg）", headerEn: "Total (kg)", value: (r) => r.totalKg },
      { key: "operatorId", headerZh: "经营单位编号", headerEn: "Operator id", value: (r) => r.operatorId },
    ],
    batches: (tx, p, f) =>
      byId(async (after) =>
        (
          await tx
            .select({ r: collectionRuns, unitName: units.name })
            .from(collectionRuns)
            .innerJoin(units, eq(units.id, collectionRuns.unitId))
            .where(and(gt(collectionRuns.id, after), ...scopeWhere(p, { district: collectionRuns.districtId, orgs: [{ kind: ORG.operator, column: collectionRuns.operatorId }, { kind: ORG.unit, column: collectionRuns.unitId }] }), f.districtId ? eq(collectionRuns.districtId, f.districtId) : undefined))
            .orderBy(asc(collectionRuns.id))
            .limit(BATCH)
        ).map((x) => ({ ...x.r, unitName: x.unitName })),
      ),
  });
}

function unitScope(p: Principal): SQL[] {
  return scopeWhere(p, {
    district: units.districtId,
    operator: (o) => (o.kind === ORG.unit ? eq(units.id, o.id) : o.kind === ORG.operator ? sql`exists (select 1 from hazardous.collection_contracts c where c.unit_id = ${units.id} and c.operator_id = ${o.id})` : sql`false`),
  });
}

/** Parties see their own manifests; district staff those leaving or arriving in their district. */
export function manifestScope(p: Principal): SQL[] {
  const out: (SQL | undefined)[] = scopeWhere(p, {
    operator: (o) => (o.kind === ORG.unit ? eq(manifests.producerId, o.id) : o.kind === ORG.carrier ? eq(manifests.carrierId, o.id) : o.kind === ORG.facility ? eq(manifests.receiverId, o.id) : sql`false`),
  });
  if (p.districtId != null && !p.org) out.push(or(eq(manifests.districtId, p.districtId), eq(manifests.receiverDistrictId, p.districtId)));
  return out.filter((x): x is SQL => !!x);
}
