/**
 * The stream's lists exportable to Excel/CSV through core's asynchronous exports. Each filter takes the
 * same shape as the list's GraphQL filter (global IDs), rows are read in keyset batches and scoped to
 * the requester exactly as the list is.
 */
import { and, asc, eq, gt, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { badInput } from "../../graphql/errors.js";
import type { Principal } from "../../graphql/context.js";
import { idOf } from "../../graphql/ids.js";
import { scopeWhere } from "../../graphql/scope.js";
import type { Tx } from "../core/db.js";
import { registerExport } from "../core/exports.js";
import { allDepartments, allDistricts } from "../core/resolvers.js";
import { CITY_DISTRICT_ID, OFFICE_DEPARTMENT_CODE, UNIT_ORG_KIND } from "./common.js";
import { applications, cellTypes, indicatorActuals, indicatorGroups, indicators, indicatorStatus, indexScores, publicityActivities, questions, trackingTasks, units } from "./tables.js";

const BATCH = 1000;

function str(v: unknown, field: string, max = 100): string | undefined {
  if (v == null || v === "") return undefined;
  if (typeof v !== "string" || v.length > max) throw badInput(field, `a string of at most ${max} characters`);
  return v;
}
function strList(v: unknown, field: string, allowed: readonly string[]): string[] | undefined {
  if (v == null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || !allowed.includes(x))) throw badInput(field, `a list of ${allowed.join(", ")}`);
  return v as string[];
}
function intIn(v: unknown, field: string, min: number, max: number): number | undefined {
  if (v == null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw badInput(field, `a whole number ${min}–${max}`);
  return v;
}
function gid(type: string, v: unknown, field: string): number | undefined {
  if (v == null || v === "") return undefined;
  if (typeof v !== "string") throw badInput(field, `a ${type} ID`);
  return idOf(type, v, field);
}
function likeOf(s: string) {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Keyset batches over `id`. */
async function* keyset<T extends { id: number }>(load: (after: number) => Promise<T[]>): AsyncIterable<T[]> {
  let after = 0;
  for (;;) {
    const batch = await load(after);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (batch.length < BATCH) return;
  }
}

const names = async (tx: Tx) => {
  const d = new Map((await allDistricts(tx)).map((x) => [x.id, x.nameZh]));
  const t = new Map((await tx.select().from(cellTypes)).map((x) => [x.id, x.nameZh]));
  const dep = new Map((await allDepartments(tx)).map((x) => [x.id, x.nameZh]));
  return { d, t, dep };
};

const STATUS_ZH: Record<string, string> = {
  DRAFT: "草稿", SUBMITTED: "已提交", UNDER_REVIEW: "评审中", CERTIFIED: "已命名", REJECTED: "未通过", WITHDRAWN: "已撤回", EXPIRED: "已到期", REVOKED: "已撤销", SUPERSEDED: "已被复评取代",
  NONE: "未创建", APPLYING: "创建中", OPEN: "推进中", CLOSED: "已销号", CANCELLED: "已取消", NEW: "待答复", ANSWERED: "已答复", PUBLISHED: "已公开",
  NO_DATA: "未报送", ACHIEVED: "已达标", ON_TRACK: "进度正常", AT_RISK: "略有滞后", OFF_TRACK: "严重滞后",
};

export function registerCellsExports(): void {
  type UnitF = { districtId?: number; cellTypeId?: number; cellStatus?: string[]; search?: string };
  type UnitRow = typeof units.$inferSelect & { typeName: string; districtName: string };
  registerExport<UnitF, UnitRow>({
    name: "cells.units",
    titleZh: "无废细胞创建单位",
    titleEn: "Zero-waste cell units",
    rule: "cells:read",
    parseFilter: (i) => ({
      districtId: gid("District", i.districtId, "filter.districtId"),
      cellTypeId: gid("CellType", i.cellTypeId, "filter.cellTypeId"),
      cellStatus: strList(i.cellStatus, "filter.cellStatus", ["NONE", "APPLYING", "CERTIFIED", "EXPIRED", "REVOKED"]),
      search: str(i.search, "filter.search", 50),
    }),
    columns: [
      { key: "name", headerZh: "单位名称", headerEn: "Unit", value: (r) => r.name },
      { key: "type", headerZh: "类型", headerEn: "Cell type", value: (r) => r.typeName },
      { key: "district", headerZh: "区县", headerEn: "District", value: (r) => r.districtName },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => STATUS_ZH[r.cellStatus] ?? r.cellStatus },
      { key: "certificateNo", headerZh: "证书编号", headerEn: "Certificate", value: (r) => r.certificateNo },
      { key: "certifiedUntil", headerZh: "有效期至", headerEn: "Valid until", value: (r) => r.certifiedUntil },
      { key: "address", headerZh: "地址", headerEn: "Address", value: (r) => r.address },
      { key: "contact", headerZh: "联系人", headerEn: "Contact", value: (r) => r.contactName },
      { key: "phone", headerZh: "电话", headerEn: "Phone", value: (r) => r.contactPhone },
      { key: "lon", headerZh: "经度", headerEn: "Longitude", value: (r) => (r.lon == null ? null : Number(r.lon)) },
      { key: "lat", headerZh: "纬度", headerEn: "Latitude", value: (r) => (r.lat == null ? null : Number(r.lat)) },
    ],
    async *batches(tx: Tx, p: Principal, f) {
      const n = await names(tx);
      const where = (after: number): SQL | undefined =>
        and(
          gt(units.id, after),
          ...scopeWhere(p, { district: units.districtId, orgs: [{ kind: UNIT_ORG_KIND, column: units.id }] }),
          f.districtId ? eq(units.districtId, f.districtId) : undefined,
          f.cellTypeId ? eq(units.cellTypeId, f.cellTypeId) : undefined,
          f.cellStatus?.length ? inArray(units.cellStatus, f.cellStatus as UnitRow["cellStatus"][]) : undefined,
          f.search ? ilike(units.name, likeOf(f.search)) : undefined,
        );
      yield* keyset(async (after) =>
        (await tx.select().from(units).where(where(after)).orderBy(asc(units.id)).limit(BATCH)).map((u) => ({ ...u, typeName: n.t.get(u.cellTypeId) ?? "", districtName: n.d.get(u.districtId) ?? "" })),
      );
    },
  });

  type AppF = { districtId?: number; cellTypeId?: number; status?: string[]; search?: string };
  type AppRow = typeof applications.$inferSelect & { unitName: string; typeName: string; districtName: string };
  registerExport<AppF, AppRow>({
    name: "cells.applications",
    titleZh: "无废细胞申请与证书",
    titleEn: "Zero-waste cell applications and certificates",
    rule: "cells:read",
    parseFilter: (i) => ({
      districtId: gid("District", i.districtId, "filter.districtId"),
      cellTypeId: gid("CellType", i.cellTypeId, "filter.cellTypeId"),
      status: strList(i.status, "filter.status", ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CERTIFIED", "REJECTED", "WITHDRAWN", "EXPIRED", "REVOKED", "SUPERSEDED"]),
      search: str(i.search, "filter.search", 50),
    }),
    columns: [
      { key: "number", headerZh: "申请编号", headerEn: "Number", value: (r) => r.number },
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.unitName },
      { key: "type", headerZh: "类型", headerEn: "Cell type", value: (r) => r.typeName },
      { key: "district", headerZh: "区县", headerEn: "District", value: (r) => r.districtName },
      { key: "kind", headerZh: "首评/复评", headerEn: "Kind", value: (r) => (r.kind === "NEW" ? "首次评定" : "复评") },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => STATUS_ZH[r.status] ?? r.status },
      { key: "totalScore", headerZh: "评审总分", headerEn: "Total score", value: (r) => (r.totalScore == null ? null : Number(r.totalScore)) },
      { key: "passMark", headerZh: "合格线", headerEn: "Pass mark", value: (r) => Number(r.passMark) },
      { key: "submittedAt", headerZh: "提交时间", headerEn: "Submitted", value: (r) => r.submittedAt },
      { key: "certificateNo", headerZh: "证书编号", headerEn: "Certificate", value: (r) => r.certificateNo },
      { key: "level", headerZh: "级别", headerEn: "Level", value: (r) => (r.certificateNo ? (r.level === "PROVINCIAL" ? "省级" : "市级") : null) },
      { key: "certifiedAt", headerZh: "命名时间", headerEn: "Certified", value: (r) => r.certifiedAt },
      { key: "validUntil", headerZh: "有效期至", headerEn: "Valid until", value: (r) => r.validUntil },
      { key: "comment", headerZh: "评审意见", headerEn: "Comment", value: (r) => r.revokeReason ?? r.decisionComment },
    ],
    async *batches(tx, p, f) {
      const n = await names(tx);
      yield* keyset(async (after) => {
        const list = await tx
          .select({ a: applications, unitName: units.name })
          .from(applications)
          .innerJoin(units, eq(units.id, applications.unitId))
          .where(
            and(
              gt(applications.id, after),
              ...scopeWhere(p, { district: applications.districtId, orgs: [{ kind: UNIT_ORG_KIND, column: applications.unitId }] }),
              f.districtId ? eq(applications.districtId, f.districtId) : undefined,
              f.cellTypeId ? eq(applications.cellTypeId, f.cellTypeId) : undefined,
              f.status?.length ? inArray(applications.status, f.status as AppRow["status"][]) : undefined,
              f.search ? sql`(${applications.number} ilike ${likeOf(f.search)} or ${units.name} ilike ${likeOf(f.search)})` : undefined,
            ),
          )
          .orderBy(asc(applications.id))
          .limit(BATCH);
        return list.map((x) => ({ ...x.a, unitName: x.unitName, typeName: n.t.get(x.a.cellTypeId) ?? "", districtName: n.d.get(x.a.districtId) ?? "" }));
      });
    },
  });

  type BoardF = { year: number; districtId: number };
  type BoardRow = { id: number; group: string; code: string; name: string; unit: string; direction: string; dept: string; target: string | null; value: string | null; quarter: number | null; expected: string | null; progress: string | null; status: string };
  registerExport<BoardF, BoardRow>({
    name: "cells.indicatorBoard",
    titleZh: "建设指标完成情况",
    titleEn: "Indicator board",
    rule: "cells:read",
    parseFilter: (i, p) => {
      const year = intIn(i.year, "filter.year", 2021, 2035);
      if (year == null) throw badInput("filter.year", "required");
      let districtId = gid("District", i.districtId, "filter.districtId") ?? CITY_DISTRICT_ID;
      if (p.districtId != null) districtId = p.districtId;
      return { year, districtId };
    },
    columns: [
      { key: "group", headerZh: "一级指标", headerEn: "Group", value: (r) => r.group },
      { key: "code", headerZh: "代码", headerEn: "Code", value: (r) => r.code },
      { key: "name", headerZh: "指标", headerEn: "Indicator", value: (r) => r.name },
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.unit },
      { key: "direction", headerZh: "方向", headerEn: "Direction", value: (r) => (r.direction === "HIGHER_BETTER" ? "正向" : "逆向") },
      { key: "dept", headerZh: "责任部门", headerEn: "Responsible department", value: (r) => r.dept },
      { key: "target", headerZh: "年度目标", headerEn: "Target", value: (r) => (r.target == null ? null : Number(r.target)) },
      { key: "value", headerZh: "最新完成值", headerEn: "Latest value", value: (r) => (r.value == null ? null : Number(r.value)) },
      { key: "quarter", headerZh: "季度", headerEn: "Quarter", value: (r) => r.quarter },
      { key: "expected", headerZh: "应达值", headerEn: "Expected", value: (r) => (r.expected == null ? null : Number(r.expected)) },
      { key: "progress", headerZh: "完成进度%", headerEn: "Progress %", value: (r) => (r.progress == null ? null : Number(r.progress)) },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => STATUS_ZH[r.status] ?? r.status },
    ],
    async *batches(tx, _p, f) {
      const n = await names(tx);
      const groups = new Map((await tx.select().from(indicatorGroups)).map((g) => [g.id, g.nameZh]));
      const list = await tx
        .select({ i: indicators, s: indicatorStatus })
        .from(indicators)
        .leftJoin(indicatorStatus, and(eq(indicatorStatus.indicatorId, indicators.id), eq(indicatorStatus.year, f.year), eq(indicatorStatus.districtId, f.districtId)))
        .where(eq(indicators.active, true))
        .orderBy(asc(indicators.sort), asc(indicators.id));
      yield list.map(({ i, s }) => ({
        id: i.id,
        group: groups.get(i.groupId) ?? "",
        code: i.code,
        name: i.nameZh,
        unit: i.unit,
        direction: i.direction,
        dept: n.dep.get(i.responsibleDepartmentId) ?? "",
        target: s?.target ?? null,
        value: s?.latestValue ?? null,
        quarter: s?.latestQuarter ?? null,
        expected: s?.expected ?? null,
        progress: s?.progressPct ?? null,
        status: s?.status ?? "NO_DATA",
      }));
    },
  });

  type ActF = { indicatorId?: number; districtId?: number; year?: number };
  type ActRow = typeof indicatorActuals.$inferSelect & { code: string; name: string; unit: string; districtName: string };
  registerExport<ActF, ActRow>({
    name: "cells.indicatorActuals",
    titleZh: "指标报送记录",
    titleEn: "Reported indicator values",
    rule: "cells:read",
    parseFilter: (i) => ({ indicatorId: gid("Indicator", i.indicatorId, "filter.indicatorId"), districtId: gid("District", i.districtId, "filter.districtId"), year: intIn(i.year, "filter.year", 2021, 2100) }),
    columns: [
      { key: "code", headerZh: "代码", headerEn: "Code", value: (r) => r.code },
      { key: "name", headerZh: "指标", headerEn: "Indicator", value: (r) => r.name },
      { key: "district", headerZh: "市/区县", headerEn: "District", value: (r) => r.districtName },
      { key: "period", headerZh: "期间", headerEn: "Period", value: (r) => `${r.year}Q${r.quarter}` },
      { key: "value", headerZh: "完成值", headerEn: "Value", value: (r) => Number(r.value) },
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.unit },
      { key: "evidence", headerZh: "佐证材料", headerEn: "Evidence", value: (r) => r.evidence },
      { key: "by", headerZh: "报送", headerEn: "Reported by", value: (r) => r.reportedByLabel },
      { key: "at", headerZh: "报送时间", headerEn: "Reported at", value: (r) => r.reportedAt },
      { key: "revision", headerZh: "修订次数", headerEn: "Revision", value: (r) => r.revision },
    ],
    async *batches(tx, p, f) {
      const n = await names(tx);
      const inds = new Map((await tx.select().from(indicators)).map((i) => [i.id, i]));
      yield* keyset(async (after) =>
        (
          await tx
            .select()
            .from(indicatorActuals)
            .where(
              and(
                gt(indicatorActuals.id, after),
                p.districtId != null ? eq(indicatorActuals.districtId, p.districtId) : undefined,
                f.indicatorId ? eq(indicatorActuals.indicatorId, f.indicatorId) : undefined,
                f.districtId ? eq(indicatorActuals.districtId, f.districtId) : undefined,
                f.year ? eq(indicatorActuals.year, f.year) : undefined,
              ),
            )
            .orderBy(asc(indicatorActuals.id))
            .limit(BATCH)
        ).map((a) => ({ ...a, code: inds.get(a.indicatorId)?.code ?? "", name: inds.get(a.indicatorId)?.nameZh ?? "", unit: inds.get(a.indicatorId)?.unit ?? "", districtName: n.d.get(a.districtId) ?? "" })),
      );
    },
  });

  type IdxF = { year?: number; quarter?: number };
  type IdxRow = typeof indexScores.$inferSelect & { id: number; districtName: string };
  registerExport<IdxF, IdxRow>({
    name: "cells.zeroWasteIndex",
    titleZh: "无废指数",
    titleEn: "Zero-waste index",
    rule: "overview:read",
    parseFilter: (i) => ({ year: intIn(i.year, "filter.year", 2021, 2100), quarter: intIn(i.quarter, "filter.quarter", 1, 4) }),
    columns: [
      { key: "period", headerZh: "期间", headerEn: "Period", value: (r) => `${r.year}Q${r.quarter}` },
      { key: "district", headerZh: "市/区县", headerEn: "District", value: (r) => r.districtName },
      { key: "value", headerZh: "无废指数", headerEn: "Index", value: (r) => Number(r.value) },
      { key: "rank", headerZh: "排名", headerEn: "Rank", value: (r) => r.rank },
      ...["SOURCE_REDUCTION", "RESOURCE_USE", "FINAL_DISPOSAL", "SUPPORT_CAPACITY", "PUBLIC_BENEFIT"].map((g) => ({
        key: g,
        headerZh: { SOURCE_REDUCTION: "源头减量", RESOURCE_USE: "资源化利用", FINAL_DISPOSAL: "最终处置", SUPPORT_CAPACITY: "保障能力", PUBLIC_BENEFIT: "群众获得感" }[g]!,
        headerEn: g,
        value: (r: IdxRow) => (r.groupScores[g] == null ? null : Number(r.groupScores[g])),
      })),
      { key: "coverage", headerZh: "数据覆盖率", headerEn: "Coverage", value: (r) => Number(r.coverage) },
    ],
    async *batches(tx, _p, f) {
      const n = await names(tx);
      const list = await tx
        .select()
        .from(indexScores)
        .where(and(f.year ? eq(indexScores.year, f.year) : undefined, f.quarter ? eq(indexScores.quarter, f.quarter) : undefined))
        .orderBy(asc(indexScores.year), asc(indexScores.quarter), asc(indexScores.rank));
      yield list.map((r, k) => ({ ...r, id: k + 1, districtName: n.d.get(r.districtId) ?? "" }));
    },
  });

  type TaskF = { departmentId?: number; districtId?: number; year?: number; status?: string[]; overdue?: boolean };
  type TaskRow = typeof trackingTasks.$inferSelect & { dept: string; districtName: string };
  registerExport<TaskF, TaskRow>({
    name: "cells.tasks",
    titleZh: "任务清单",
    titleEn: "Task lists",
    rule: "cells:read",
    parseFilter: (i) => ({
      departmentId: gid("Department", i.departmentId, "filter.departmentId"),
      districtId: gid("District", i.districtId, "filter.districtId"),
      year: intIn(i.year, "filter.year", 2020, 2035),
      status: strList(i.status, "filter.status", ["OPEN", "SUBMITTED", "CLOSED", "CANCELLED"]),
      overdue: typeof i.overdue === "boolean" ? i.overdue : undefined,
    }),
    columns: [
      { key: "code", headerZh: "编号", headerEn: "Code", value: (r) => r.code },
      { key: "title", headerZh: "任务", headerEn: "Task", value: (r) => r.title },
      { key: "dept", headerZh: "责任部门", headerEn: "Department", value: (r) => r.dept },
      { key: "district", headerZh: "区县", headerEn: "District", value: (r) => r.districtName },
      { key: "owner", headerZh: "责任人", headerEn: "Owner", value: (r) => r.owner },
      { key: "deadline", headerZh: "完成时限", headerEn: "Deadline", value: (r) => r.deadline },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => STATUS_ZH[r.status] ?? r.status },
      { key: "overdue", headerZh: "逾期", headerEn: "Overdue", value: (r) => (r.overdue ? "是" : "否") },
      { key: "evidence", headerZh: "佐证材料", headerEn: "Evidence", value: (r) => r.evidence },
      { key: "closedAt", headerZh: "销号时间", headerEn: "Closed at", value: (r) => r.closedAt },
    ],
    async *batches(tx, p, f) {
      const n = await names(tx);
      const office = (await allDepartments(tx)).find((d) => d.code === OFFICE_DEPARTMENT_CODE)?.id;
      const ownOnly = p.kind === "user" && p.role === "STAFF" && p.departmentId !== office;
      yield* keyset(async (after) =>
        (
          await tx
            .select()
            .from(trackingTasks)
            .where(
              and(
                gt(trackingTasks.id, after),
                ownOnly ? eq(trackingTasks.departmentId, p.departmentId ?? -1) : undefined,
                p.districtId != null ? eq(trackingTasks.districtId, p.districtId) : undefined,
                f.departmentId ? eq(trackingTasks.departmentId, f.departmentId) : undefined,
                f.districtId ? eq(trackingTasks.districtId, f.districtId) : undefined,
                f.year ? eq(trackingTasks.year, f.year) : undefined,
                f.status?.length ? inArray(trackingTasks.status, f.status as TaskRow["status"][]) : undefined,
                f.overdue != null ? eq(trackingTasks.overdue, f.overdue) : undefined,
              ),
            )
            .orderBy(asc(trackingTasks.id))
            .limit(BATCH)
        ).map((t) => ({ ...t, dept: n.dep.get(t.departmentId) ?? "", districtName: t.districtId ? (n.d.get(t.districtId) ?? "") : "市级" })),
      );
    },
  });

  type QF = { status?: string[]; category?: string };
  type QRow = typeof questions.$inferSelect;
  registerExport<QF, QRow>({
    name: "cells.questions",
    titleZh: "咨询受理",
    titleEn: "Consultation questions",
    rule: "cells:read",
    parseFilter: (i) => ({ status: strList(i.status, "filter.status", ["NEW", "ANSWERED", "PUBLISHED", "CLOSED", "REJECTED"]), category: str(i.category, "filter.category", 20) }),
    columns: [
      { key: "number", headerZh: "编号", headerEn: "Number", value: (r) => r.number },
      { key: "category", headerZh: "类别", headerEn: "Category", value: (r) => r.category },
      { key: "title", headerZh: "标题", headerEn: "Title", value: (r) => r.title },
      { key: "body", headerZh: "问题", headerEn: "Question", value: (r) => r.body },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => STATUS_ZH[r.status] ?? r.status },
      { key: "answer", headerZh: "答复", headerEn: "Answer", value: (r) => r.answer },
      { key: "createdAt", headerZh: "提问时间", headerEn: "Asked", value: (r) => r.createdAt },
      { key: "answeredAt", headerZh: "答复时间", headerEn: "Answered", value: (r) => r.answeredAt },
    ],
    async *batches(tx, p, f) {
      yield* keyset(async (after) =>
        tx
          .select()
          .from(questions)
          .where(
            and(
              gt(questions.id, after),
              p.districtId != null ? eq(questions.districtId, p.districtId) : undefined,
              f.status?.length ? inArray(questions.status, f.status as QRow["status"][]) : undefined,
              f.category ? eq(questions.category, f.category) : undefined,
            ),
          )
          .orderBy(asc(questions.id))
          .limit(BATCH),
      );
    },
  });

  type PF = { districtId?: number; kind?: string; from?: string; to?: string };
  type PRow = typeof publicityActivities.$inferSelect & { districtName: string };
  const date = (v: unknown, field: string) => {
    const s = str(v, field, 10);
    if (s != null && !/^\d{4}-\d{2}-\d{2}$/.test(s)) throw badInput(field, "a date YYYY-MM-DD");
    return s;
  };
  registerExport<PF, PRow>({
    name: "cells.publicity",
    titleZh: "宣传活动",
    titleEn: "Publicity activities",
    rule: "cells:read",
    parseFilter: (i) => ({
      districtId: gid("District", i.districtId, "filter.districtId"),
      kind: strList(i.kind == null ? undefined : [i.kind], "filter.kind", ["EVENT", "CAMPAIGN", "SCHOOL", "COMMUNITY", "MEDIA", "TRAINING"])?.[0],
      from: date(i.from, "filter.from"),
      to: date(i.to, "filter.to"),
    }),
    columns: [
      { key: "title", headerZh: "活动", headerEn: "Activity", value: (r) => r.title },
      { key: "district", headerZh: "区县", headerEn: "District", value: (r) => r.districtName },
      { key: "organiser", headerZh: "组织单位", headerEn: "Organiser", value: (r) => r.organiser },
      { key: "start", headerZh: "开始", headerEn: "Start", value: (r) => r.startDate },
      { key: "end", headerZh: "结束", headerEn: "End", value: (r) => r.endDate },
      { key: "participants", headerZh: "参与人数", headerEn: "Participants", value: (r) => r.participants },
      { key: "posters", headerZh: "海报", headerEn: "Posters", value: (r) => r.posters },
      { key: "leaflets", headerZh: "折页", headerEn: "Leaflets", value: (r) => r.leaflets },
      { key: "other", headerZh: "其他宣传品", headerEn: "Other materials", value: (r) => r.otherMaterials },
    ],
    async *batches(tx, p, f) {
      const n = await names(tx);
      yield* keyset(async (after) =>
        (
          await tx
            .select()
            .from(publicityActivities)
            .where(
              and(
                gt(publicityActivities.id, after),
                ...scopeWhere(p, { district: publicityActivities.districtId }),
                f.districtId ? eq(publicityActivities.districtId, f.districtId) : undefined,
                f.kind ? eq(publicityActivities.kind, f.kind as PRow["kind"]) : undefined,
                f.from ? sql`${publicityActivities.startDate} >= ${f.from}` : undefined,
                f.to ? sql`${publicityActivities.startDate} < ${f.to}` : undefined,
              ),
            )
            .orderBy(asc(publicityActivities.id))
            .limit(BATCH)
        ).map((a) => ({ ...a, districtName: n.d.get(a.districtId) ?? "" })),
      );
    },
  });
}
