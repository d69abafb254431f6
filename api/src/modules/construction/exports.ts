/**
 * Exportable lists of the construction stream (registered with core exports): sites, companies,
 * vehicles, permits, disposal places, manifests, pickup requests. Filters take the same shape as the
 * lists' GraphQL filters (a subset: districtId, status, companyId, search); rows are read in keyset
 * batches scoped to the requester.
 */
import { and, asc, eq, gt, ilike, inArray, or, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Principal } from "../../graphql/context.js";
import { badInput } from "../../graphql/errors.js";
import { parseGlobalId } from "../../graphql/ids.js";
import { scopeWhere } from "../../graphql/scope.js";
import type { Tx } from "../core/db.js";
import { registerExport } from "../core/exports.js";
import { ORG_COMPANY } from "./registers.js";
import { companies, disposalPlaces, manifests, permits, pickupRequests, sites, vehicles } from "./tables.js";

interface CommonFilter {
  districtId?: number;
  companyId?: number;
  status?: string[];
  search?: string;
}

const BATCH = 2000;
const d8 = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ") : "");

function parseCommon(input: Record<string, unknown>, statuses: readonly string[]): CommonFilter {
  const f: CommonFilter = {};
  const known = new Set(["districtId", "companyId", "status", "search"]);
  for (const k of Object.keys(input)) if (!known.has(k) && input[k] != null) throw badInput(`filter.${k}`, "not supported by this export (districtId, companyId, status, search)");
  const id = (k: "districtId" | "companyId", type: string) => {
    const v = input[k];
    if (v == null) return undefined;
    const p = typeof v === "string" ? parseGlobalId(v) : null;
    if (!p || p.type !== type) throw badInput(`filter.${k}`, `not a valid ${type} ID`);
    return Number(p.id);
  };
  f.districtId = id("districtId", "District");
  f.companyId = id("companyId", "TransportCompany");
  if (input.status != null) {
    const s = Array.isArray(input.status) ? input.status : [input.status];
    for (const x of s) if (typeof x !== "string" || !statuses.includes(x)) throw badInput("filter.status", `one of ${statuses.join(", ")}`);
    f.status = s as string[];
  }
  if (input.search != null) {
    if (typeof input.search !== "string" || input.search.length > 80) throw badInput("filter.search", "a string of at most 80 characters");
    f.search = input.search.trim();
  }
  return f;
}

/** Keyset batches by id over `table`. */
async function* byId<R extends { id: number }>(tx: Tx, table: PgTable, idCol: PgColumn, where: (SQL | undefined)[]): AsyncIterable<R[]> {
  let last = 0;
  for (;;) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = (await tx.select().from(table as any).where(and(...where, gt(idCol, last))).orderBy(asc(idCol)).limit(BATCH)) as unknown as R[];
    if (rows.length === 0) return;
    yield rows;
    last = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) return;
  }
}

type SiteRow = typeof sites.$inferSelect;
type CompanyRow = typeof companies.$inferSelect;
type VehicleRow = typeof vehicles.$inferSelect;
type PermitRow = typeof permits.$inferSelect;
type PlaceRow = typeof disposalPlaces.$inferSelect;
type ManifestRow = typeof manifests.$inferSelect;
type PickupRow = typeof pickupRequests.$inferSelect;

export function registerConstructionExports(): void {
  registerExport<CommonFilter, SiteRow>({
    name: "construction.sites",
    titleZh: "出土工地",
    titleEn: "Excavation sites",
    rule: "construction:read",
    parseFilter: (i) => parseCommon(i, ["APPLIED", "REGISTERED", "ACTIVE", "COMPLETED", "REJECTED"]),
    columns: [
      { key: "code", headerZh: "备案编号", headerEn: "Registration no.", value: (r) => r.code },
      { key: "name", headerZh: "名称", headerEn: "Name", value: (r) => r.name },
      { key: "district", headerZh: "区县代码", headerEn: "District", value: (r) => r.districtId },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
      { key: "planned", headerZh: "计划出土量(m³)", headerEn: "Planned (m³)", value: (r) => r.plannedVolumeM3 },
      { key: "moved", headerZh: "已外运(m³)", headerEn: "Moved (m³)", value: (r) => r.movedVolumeM3 },
      { key: "from", headerZh: "工期起", headerEn: "From", value: (r) => r.periodFrom },
      { key: "to", headerZh: "工期止", headerEn: "To", value: (r) => r.periodTo },
      { key: "builder", headerZh: "建设单位", headerEn: "Builder", value: (r) => r.builder },
      { key: "cameras", headerZh: "出入口监控", headerEn: "Gate cameras", value: (r) => r.gateCameras },
      { key: "washing", headerZh: "冲洗设施", headerEn: "Washing", value: (r) => r.washingFacility },
    ],
    batches: (tx, p, f) =>
      byId<SiteRow>(tx, sites, sites.id, [
        ...scopeWhere(p, { district: sites.districtId, operator: () => inArray(sites.status, ["REGISTERED", "ACTIVE"]) }),
        f.districtId ? eq(sites.districtId, f.districtId) : undefined,
        f.status ? inArray(sites.status, f.status as SiteRow["status"][]) : undefined,
        f.search ? or(ilike(sites.name, `%${f.search}%`), ilike(sites.code, `%${f.search}%`)) : undefined,
      ]),
  });

  registerExport<CommonFilter, CompanyRow>({
    name: "construction.companies",
    titleZh: "渣土运输企业",
    titleEn: "Transport companies",
    rule: "construction:read:op",
    parseFilter: (i) => parseCommon(i, ["VALID", "SUSPENDED", "REVOKED"]),
    columns: [
      { key: "name", headerZh: "名称", headerEn: "Name", value: (r) => r.name },
      { key: "code", headerZh: "统一社会信用代码", headerEn: "Credit code", value: (r) => r.creditCode },
      { key: "district", headerZh: "区县代码", headerEn: "District", value: (r) => r.districtId },
      { key: "qual", headerZh: "资质证书", headerEn: "Qualification", value: (r) => r.qualificationNo },
      { key: "validTo", headerZh: "资质有效期至", headerEn: "Valid to", value: (r) => r.qualificationValidTo },
      { key: "status", headerZh: "资质状态", headerEn: "Status", value: (r) => r.qualificationStatus },
      { key: "score", headerZh: "信用分", headerEn: "Credit score", value: (r) => r.creditScore },
      { key: "grade", headerZh: "信用等级", headerEn: "Grade", value: (r) => r.creditGrade },
      { key: "vehicles", headerZh: "车辆数", headerEn: "Vehicles", value: (r) => r.vehicleCount },
      { key: "fleet", headerZh: "总载方(m³)", headerEn: "Fleet load (m³)", value: (r) => r.fleetLoadM3 },
    ],
    batches: (tx, p, f) =>
      byId<CompanyRow>(tx, companies, companies.id, [
        ...scopeWhere(p, { district: companies.districtId, orgs: [{ kind: ORG_COMPANY, column: companies.id }] }),
        f.districtId ? eq(companies.districtId, f.districtId) : undefined,
        f.status ? inArray(companies.qualificationStatus, f.status as CompanyRow["qualificationStatus"][]) : undefined,
        f.search ? ilike(companies.name, `%${f.search}%`) : undefined,
      ]),
  });

  registerExport<CommonFilter, VehicleRow>({
    name: "construction.vehicles",
    titleZh: "渣土运输车辆",
    titleEn: "Vehicles",
    rule: "construction:read:op",
    parseFilter: (i) => parseCommon(i, ["ACTIVE", "SUSPENDED", "RETIRED"]),
    columns: [
      { key: "plate", headerZh: "车牌", headerEn: "Plate", value: (r) => r.plate },
      { key: "company", headerZh: "企业ID", headerEn: "Company id", value: (r) => r.companyId },
      { key: "kind", headerZh: "车型", headerEn: "Kind", value: (r) => r.kind },
      { key: "load", headerZh: "载方(m³)", headerEn: "Load (m³)", value: (r) => r.loadM3 },
      { key: "terminal", headerZh: "GPS终端", headerEn: "Terminal", value: (r) => r.terminalId },
      { key: "std", headerZh: "符合技术标准", headerEn: "Compliant", value: (r) => r.standardCompliant },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
    ],
    batches: (tx, p, f) =>
      byId<VehicleRow>(tx, vehicles, vehicles.id, [
        ...scopeWhere(p, { district: vehicles.districtId, orgs: [{ kind: ORG_COMPANY, column: vehicles.companyId }] }),
        f.districtId ? eq(vehicles.districtId, f.districtId) : undefined,
        f.companyId ? eq(vehicles.companyId, f.companyId) : undefined,
        f.status ? inArray(vehicles.status, f.status as VehicleRow["status"][]) : undefined,
        f.search ? ilike(vehicles.plate, `%${f.search.toUpperCase()}%`) : undefined,
      ]),
  });

  registerExport<CommonFilter, PermitRow>({
    name: "construction.permits",
    titleZh: "准运证",
    titleEn: "Transport permits",
    rule: "construction:read:op",
    parseFilter: (i) => parseCommon(i, ["PENDING", "ACTIVE", "REJECTED", "REVOKED", "EXPIRED", "WITHDRAWN"]),
    columns: [
      { key: "number", headerZh: "证号", headerEn: "Number", value: (r) => r.number },
      { key: "vehicle", headerZh: "车辆ID", headerEn: "Vehicle id", value: (r) => r.vehicleId },
      { key: "company", headerZh: "企业ID", headerEn: "Company id", value: (r) => r.companyId },
      { key: "site", headerZh: "工地ID", headerEn: "Site id", value: (r) => r.siteId },
      { key: "place", headerZh: "消纳场所ID", headerEn: "Place id", value: (r) => r.disposalPlaceId },
      { key: "km", headerZh: "路线(km)", headerEn: "Route (km)", value: (r) => r.routeLengthKm },
      { key: "from", headerZh: "有效期起", headerEn: "Valid from", value: (r) => d8(r.validFrom) },
      { key: "to", headerZh: "有效期止", headerEn: "Valid to", value: (r) => d8(r.validTo) },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
    ],
    batches: (tx, p, f) =>
      byId<PermitRow>(tx, permits, permits.id, [
        ...scopeWhere(p, { district: permits.districtId, orgs: [{ kind: ORG_COMPANY, column: permits.companyId }] }),
        f.districtId ? eq(permits.districtId, f.districtId) : undefined,
        f.companyId ? eq(permits.companyId, f.companyId) : undefined,
        f.status ? inArray(permits.status, f.status as PermitRow["status"][]) : undefined,
        f.search ? ilike(permits.number, `%${f.search}%`) : undefined,
      ]),
  });

  registerExport<CommonFilter, PlaceRow>({
    name: "construction.disposalPlaces",
    titleZh: "消纳场所",
    titleEn: "Disposal places",
    rule: "construction:read",
    parseFilter: (i) => parseCommon(i, ["OPEN", "FULL", "CLOSED"]),
    columns: [
      { key: "code", headerZh: "编号", headerEn: "Code", value: (r) => r.code },
      { key: "name", headerZh: "名称", headerEn: "Name", value: (r) => r.name },
      { key: "kind", headerZh: "类型", headerEn: "Kind", value: (r) => r.kind },
      { key: "district", headerZh: "区县代码", headerEn: "District", value: (r) => r.districtId },
      { key: "basis", headerZh: "口径", headerEn: "Basis", value: (r) => r.capacityBasis },
      { key: "capacity", headerZh: "库容/能力", headerEn: "Capacity", value: (r) => r.capacity },
      { key: "unit", headerZh: "单位", headerEn: "Unit", value: (r) => r.capacityUnit },
      { key: "received", headerZh: "累计受纳(m³)", headerEn: "Received (m³)", value: (r) => r.receivedM3 },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
    ],
    batches: (tx, p, f) =>
      byId<PlaceRow>(tx, disposalPlaces, disposalPlaces.id, [
        ...scopeWhere(p, { district: disposalPlaces.districtId }),
        f.districtId ? eq(disposalPlaces.districtId, f.districtId) : undefined,
        f.status ? inArray(disposalPlaces.status, f.status as PlaceRow["status"][]) : undefined,
        f.search ? ilike(disposalPlaces.name, `%${f.search}%`) : undefined,
      ]),
  });

  registerExport<CommonFilter, ManifestRow>({
    name: "construction.manifests",
    titleZh: "电子联单",
    titleEn: "Trip manifests",
    rule: "construction:read:op",
    parseFilter: (i) => parseCommon(i, ["OPEN", "CLOSED", "VOIDED"]),
    columns: [
      { key: "number", headerZh: "联单号", headerEn: "Number", value: (r) => r.number },
      { key: "vehicle", headerZh: "车辆ID", headerEn: "Vehicle id", value: (r) => r.vehicleId },
      { key: "site", headerZh: "工地ID", headerEn: "Site id", value: (r) => r.siteId },
      { key: "opened", headerZh: "出场时间", headerEn: "Left site", value: (r) => d8(r.openedAt) },
      { key: "sent", headerZh: "出场方量", headerEn: "Sent (m³)", value: (r) => r.sentVolumeM3 },
      { key: "place", headerZh: "签收场所ID", headerEn: "Received at", value: (r) => r.disposalPlaceId },
      { key: "closed", headerZh: "签收时间", headerEn: "Received", value: (r) => d8(r.closedAt) },
      { key: "received", headerZh: "签收方量", headerEn: "Received (m³)", value: (r) => r.receivedVolumeM3 },
      { key: "diff", headerZh: "方量差", headerEn: "Difference", value: (r) => r.volumeDiffM3 },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
    ],
    batches: (tx, p, f) =>
      byId<ManifestRow>(tx, manifests, manifests.id, [
        ...scopeWhere(p, { district: manifests.districtId, orgs: [{ kind: ORG_COMPANY, column: manifests.companyId }] }),
        f.districtId ? eq(manifests.districtId, f.districtId) : undefined,
        f.companyId ? eq(manifests.companyId, f.companyId) : undefined,
        f.status ? inArray(manifests.status, f.status as ManifestRow["status"][]) : undefined,
        f.search ? ilike(manifests.number, `%${f.search}%`) : undefined,
      ]),
  });

  registerExport<CommonFilter, PickupRow>({
    name: "construction.pickups",
    titleZh: "居民预约清运",
    titleEn: "Resident pickups",
    rule: "construction:read",
    parseFilter: (i, p: Principal) => {
      if (p.org) throw badInput("name", "not available to company accounts");
      return parseCommon(i, ["REQUESTED", "SCHEDULED", "COLLECTED", "DELIVERED", "CANCELLED"]);
    },
    columns: [
      { key: "code", headerZh: "查询码", headerEn: "Code", value: (r) => r.trackingCode },
      { key: "district", headerZh: "区县代码", headerEn: "District", value: (r) => r.districtId },
      { key: "kind", headerZh: "类别", headerEn: "Kind", value: (r) => r.wasteKind },
      { key: "date", headerZh: "期望日期", headerEn: "Preferred date", value: (r) => r.preferredDate },
      { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
      { key: "weight", headerZh: "重量(kg)", headerEn: "Weight (kg)", value: (r) => r.weightKg },
    ],
    batches: (tx, p, f) =>
      byId<PickupRow>(tx, pickupRequests, pickupRequests.id, [
        ...scopeWhere(p, { district: pickupRequests.districtId }),
        f.districtId ? eq(pickupRequests.districtId, f.districtId) : undefined,
        f.status ? inArray(pickupRequests.status, f.status as PickupRow["status"][]) : undefined,
      ]),
  });
}
