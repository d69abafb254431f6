/**
 * Construction spoil and mud (工程渣土/泥浆) tables, schema "construction".
 *
 * Registers: excavation sites (出土工地), transport companies (运输企业) with their credit ledger
 * (信用评价), vehicles (运输车辆), transport permits (准运证, 一车一线一证), disposal places (消纳场所).
 * Movement: trip manifests (电子联单), per-vehicle tracking state for the real-time rules.
 * Service: visits to companies (走访服务) and their problems, residents' pickup requests (一键预约清运).
 * Read models: daily rollups per district and per disposal place, kept current in the writing transaction.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgSchema, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const construction = pgSchema("construction");

const ts = () => timestamp({ withTimezone: true, mode: "date" });
const m3 = (name?: string) => (name ? numeric(name, { precision: 14, scale: 2 }) : numeric({ precision: 14, scale: 2 }));
const coord = () => numeric({ precision: 10, scale: 6 });

/** GeoJSON polygon ring(s): [[[lon, lat], …]] */
export type PolygonCoords = number[][][];
/** GeoJSON line: [[lon, lat], …] */
export type LineCoords = number[][];
/** Bounding box [minLon, minLat, maxLon, maxLat]. */
export type BBox = [number, number, number, number];

/** 运输企业 — a transport company with its qualification (资质) and credit evaluation (信用评价). */
export const companies = construction.table(
  "companies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** 统一社会信用代码 (18 characters). */
    creditCode: text().notNull(),
    districtId: integer().notNull(),
    address: text().notNull().default(""),
    contactName: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    /** 资质证书编号 */
    qualificationNo: text().notNull(),
    qualificationValidFrom: date({ mode: "string" }).notNull(),
    qualificationValidTo: date({ mode: "string" }).notNull(),
    /** VALID, SUSPENDED (credit below threshold or staff action), REVOKED. */
    qualificationStatus: text().notNull().default("VALID").$type<"VALID" | "SUSPENDED" | "REVOKED">(),
    suspendedAt: ts(),
    suspensionReason: text(),
    /** 跨区承运 — recommended for carrying in the three urban districts. */
    crossDistrict: boolean().notNull().default(false),
    creditScore: integer().notNull().default(100),
    creditGrade: text().notNull().default("A").$type<"A" | "B" | "C" | "D">(),
    /** Maintained with the vehicle register: number of active vehicles and their summed load (m³). */
    vehicleCount: integer().notNull().default(0),
    fleetLoadM3: m3("fleet_load_m3").notNull().default("0"),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companies_credit_code_key").on(t.creditCode),
    index("companies_district_idx").on(t.districtId, t.id),
    index("companies_updated_idx").on(t.updatedAt, t.id),
    check("companies_status_check", sql`${t.qualificationStatus} in ('VALID','SUSPENDED','REVOKED')`),
    check("companies_grade_check", sql`${t.creditGrade} in ('A','B','C','D')`),
    check("companies_validity_check", sql`${t.qualificationValidTo} >= ${t.qualificationValidFrom}`),
  ],
);

/** 信用记录 — every change of a company's credit score, with its cause. */
export const creditEntries = construction.table(
  "credit_entries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    at: ts().notNull().defaultNow(),
    /** VIOLATION (a closed case), BONUS, ADJUSTMENT (staff), REINSTATEMENT, SUSPENSION. */
    cause: text().notNull().$type<"VIOLATION" | "BONUS" | "ADJUSTMENT" | "SUSPENSION" | "REINSTATEMENT">(),
    violationType: text(),
    caseId: integer(),
    delta: integer().notNull(),
    scoreBefore: integer().notNull(),
    scoreAfter: integer().notNull(),
    gradeBefore: text().notNull(),
    gradeAfter: text().notNull(),
    note: text().notNull().default(""),
    actor: text().notNull(),
  },
  (t) => [index("credit_entries_company_idx").on(t.companyId, t.at), uniqueIndex("credit_entries_case_key").on(t.caseId).where(sql`${t.caseId} is not null`)],
);

/** 出土工地 — an excavation site; must be registered (备案) before work starts. */
export const sites = construction.table(
  "sites",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** 备案编号, given on registration. */
    code: text(),
    name: text().notNull(),
    districtId: integer().notNull(),
    address: text().notNull().default(""),
    lon: coord().notNull(),
    lat: coord().notNull(),
    /** Site boundary as GeoJSON polygon coordinates, and its bounding box. */
    geofence: jsonb().$type<PolygonCoords>().notNull(),
    bbox: jsonb().$type<BBox>().notNull(),
    /** SPOIL (渣土) or MUD (泥浆). */
    material: text().notNull().default("SPOIL").$type<"SPOIL" | "MUD">(),
    plannedVolumeM3: m3("planned_volume_m3").notNull(),
    /** Sum of sent volume of closed trip manifests. */
    movedVolumeM3: m3("moved_volume_m3").notNull().default("0"),
    periodFrom: date({ mode: "string" }).notNull(),
    periodTo: date({ mode: "string" }).notNull(),
    builder: text().notNull(),
    contractor: text().notNull().default(""),
    gateCameras: integer().notNull().default(0),
    washingFacility: boolean().notNull().default(false),
    status: text().notNull().default("APPLIED").$type<"APPLIED" | "REGISTERED" | "ACTIVE" | "COMPLETED" | "REJECTED">(),
    rejectionReason: text(),
    registeredAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sites_code_key").on(t.code),
    index("sites_district_idx").on(t.districtId, t.id),
    index("sites_status_idx").on(t.status, t.id),
    index("sites_updated_idx").on(t.updatedAt, t.id),
    check("sites_status_check", sql`${t.status} in ('APPLIED','REGISTERED','ACTIVE','COMPLETED','REJECTED')`),
    check("sites_period_check", sql`${t.periodTo} >= ${t.periodFrom}`),
    check("sites_volume_check", sql`${t.plannedVolumeM3} > 0 and ${t.movedVolumeM3} >= 0`),
  ],
);

/** 承运关系 — which companies serve which sites. */
export const siteCarriers = construction.table(
  "site_carriers",
  {
    siteId: integer()
      .notNull()
      .references(() => sites.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    since: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.companyId] }), index("site_carriers_company_idx").on(t.companyId)],
);

/** 运输车辆 — a truck under the unified technical standard. */
export const vehicles = construction.table(
  "vehicles",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    plate: text().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    districtId: integer().notNull(),
    /** DUMP_TRUCK (渣土车) or MUD_TANKER (泥浆车). */
    kind: text().notNull().default("DUMP_TRUCK").$type<"DUMP_TRUCK" | "MUD_TANKER">(),
    loadM3: numeric("load_m3", { precision: 6, scale: 2 }).notNull(),
    terminalId: text(),
    /** Meets the city's unified technical standard (密闭、定位、识别). */
    standardCompliant: boolean().notNull().default(true),
    status: text().notNull().default("ACTIVE").$type<"ACTIVE" | "SUSPENDED" | "RETIRED">(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("vehicles_plate_key").on(t.plate),
    uniqueIndex("vehicles_terminal_key").on(t.terminalId),
    index("vehicles_company_idx").on(t.companyId, t.id),
    index("vehicles_district_idx").on(t.districtId, t.id),
    index("vehicles_updated_idx").on(t.updatedAt, t.id),
    check("vehicles_status_check", sql`${t.status} in ('ACTIVE','SUSPENDED','RETIRED')`),
    check("vehicles_load_check", sql`${t.loadM3} > 0 and ${t.loadM3} <= 60`),
  ],
);

/** 消纳场所 — a disposal place: disposal site, mud solidification centre, utilisation plant, wharf, green complex. */
export const disposalPlaces = construction.table(
  "disposal_places",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    kind: text().notNull().$type<"DISPOSAL_SITE" | "SOLIDIFICATION_CENTRE" | "UTILISATION_PLANT" | "WHARF" | "GREEN_COMPLEX">(),
    districtId: integer().notNull(),
    address: text().notNull().default(""),
    lon: coord().notNull(),
    lat: coord().notNull(),
    geofence: jsonb().$type<PolygonCoords>().notNull(),
    bbox: jsonb().$type<BBox>().notNull(),
    /** TOTAL: a fill volume used up over time; ANNUAL: a yearly throughput (plants, centres). */
    capacityBasis: text().notNull().default("TOTAL").$type<"TOTAL" | "ANNUAL">(),
    /** Capacity in `capacityUnit` (m³ or t). */
    capacity: m3().notNull(),
    capacityUnit: text().notNull().default("M3").$type<"M3" | "T">(),
    /** Designed daily intake (m³ or t per day), if any. */
    dailyCapacity: m3(),
    /** Alert when used share of capacity passes this percentage. */
    alertThresholdPct: integer().notNull().default(90),
    /** Total received (m³) since opening, from closed manifests. */
    receivedM3: m3("received_m3").notNull().default("0"),
    receivedT: m3().notNull().default("0"),
    status: text().notNull().default("OPEN").$type<"OPEN" | "FULL" | "CLOSED">(),
    /** Commissioning date (a plant under construction counts from then). */
    openFrom: date({ mode: "string" }).notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("disposal_places_code_key").on(t.code),
    index("disposal_places_district_idx").on(t.districtId, t.id),
    index("disposal_places_updated_idx").on(t.updatedAt, t.id),
    check("disposal_places_kind_check", sql`${t.kind} in ('DISPOSAL_SITE','SOLIDIFICATION_CENTRE','UTILISATION_PLANT','WHARF','GREEN_COMPLEX')`),
    check("disposal_places_status_check", sql`${t.status} in ('OPEN','FULL','CLOSED')`),
    check("disposal_places_capacity_check", sql`${t.capacity} > 0 and ${t.receivedM3} >= 0`),
  ],
);

/**
 * 准运证 — transport permit, one vehicle, one route, one permit (一车一线一证).
 * At most one ACTIVE permit per vehicle at any moment: an exclusion constraint over the validity range
 * (custom migration), which also holds under concurrent approvals.
 */
export const permits = construction.table(
  "permits",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Given on approval. */
    number: text(),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    siteId: integer()
      .notNull()
      .references(() => sites.id),
    disposalPlaceId: integer()
      .notNull()
      .references(() => disposalPlaces.id),
    districtId: integer().notNull(),
    route: jsonb().$type<LineCoords>().notNull(),
    routeBbox: jsonb().$type<BBox>().notNull(),
    routeLengthKm: numeric({ precision: 8, scale: 2 }).notNull(),
    validFrom: ts().notNull(),
    validTo: ts().notNull(),
    status: text().notNull().default("PENDING").$type<"PENDING" | "ACTIVE" | "REJECTED" | "REVOKED" | "EXPIRED" | "WITHDRAWN">(),
    /** Unguessable token of the public verification link in the QR code. */
    verifyToken: text(),
    appliedBy: text().notNull(),
    appliedAt: ts().notNull().defaultNow(),
    decidedBy: text(),
    decidedAt: ts(),
    decisionNote: text(),
    revokedAt: ts(),
    revocationReason: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("permits_number_key").on(t.number),
    uniqueIndex("permits_verify_token_key").on(t.verifyToken),
    index("permits_vehicle_idx").on(t.vehicleId, t.validFrom),
    index("permits_company_idx").on(t.companyId, t.id),
    index("permits_site_idx").on(t.siteId),
    index("permits_status_idx").on(t.status, t.validTo),
    index("permits_district_idx").on(t.districtId, t.id),
    index("permits_updated_idx").on(t.updatedAt, t.id),
    check("permits_status_check", sql`${t.status} in ('PENDING','ACTIVE','REJECTED','REVOKED','EXPIRED','WITHDRAWN')`),
    check("permits_period_check", sql`${t.validTo} > ${t.validFrom}`),
  ],
);

/** 准运证扫码记录 — scans of a permit's public verification code. */
export const permitScans = construction.table(
  "permit_scans",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    permitId: integer().notNull(),
    at: ts().notNull().defaultNow(),
    validAtScan: boolean().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index("permit_scans_permit_idx").on(t.permitId, t.at)],
);

/** 电子联单 — one loaded trip: opened at the site gate, closed when the disposal place receives it. */
export const manifests = construction.table(
  "manifests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    companyId: integer().notNull(),
    permitId: integer(),
    siteId: integer()
      .notNull()
      .references(() => sites.id),
    districtId: integer().notNull(),
    /** Destination named by the permit (null without one). */
    plannedPlaceId: integer(),
    status: text().notNull().default("OPEN").$type<"OPEN" | "CLOSED" | "VOIDED">(),
    /** GATE_SCAN or GEOFENCE (left the site's boundary loaded). */
    openedVia: text().notNull().$type<"GATE_SCAN" | "GEOFENCE">(),
    openedAt: ts().notNull(),
    sentVolumeM3: m3("sent_volume_m3").notNull(),
    closedAt: ts(),
    disposalPlaceId: integer(),
    receivedVolumeM3: m3("received_volume_m3"),
    receivedWeightT: m3(),
    volumeDiffM3: m3("volume_diff_m3"),
    voidReason: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("manifests_number_key").on(t.number),
    uniqueIndex("manifests_one_open_per_vehicle").on(t.vehicleId).where(sql`${t.status} = 'OPEN'`),
    index("manifests_site_idx").on(t.siteId, t.openedAt),
    index("manifests_place_idx").on(t.disposalPlaceId, t.closedAt),
    index("manifests_company_idx").on(t.companyId, t.openedAt),
    index("manifests_open_idx").on(t.openedAt).where(sql`${t.status} = 'OPEN'`),
    index("manifests_district_idx").on(t.districtId, t.openedAt),
    index("manifests_updated_idx").on(t.updatedAt, t.id),
    check("manifests_status_check", sql`${t.status} in ('OPEN','CLOSED','VOIDED')`),
    check("manifests_volume_check", sql`${t.sentVolumeM3} > 0 and (${t.receivedVolumeM3} is null or ${t.receivedVolumeM3} >= 0)`),
  ],
);

/**
 * 预警规则参数 — each real-time or scheduled rule with its documented parameters; staff tune them.
 */
export const alertRules = construction.table("alert_rules", {
  rule: text().primaryKey(),
  enabled: boolean().notNull().default(true),
  severity: text().notNull().$type<"LOW" | "MEDIUM" | "HIGH">(),
  params: jsonb().$type<Record<string, number>>().notNull(),
  updatedAt: ts().notNull().defaultNow(),
  updatedBy: text(),
});

/** Per-vehicle state of the real-time rules between position batches. */
export const trackState = construction.table("track_state", {
  vehicleId: integer().primaryKey(),
  lastAt: ts().notNull(),
  lastLon: coord().notNull(),
  lastLat: coord().notNull(),
  /** Consecutive points beyond the route tolerance. */
  offRouteCount: integer().notNull().default(0),
  /** Since when the truck stands still (speed below threshold), and where. */
  stoppedSince: ts(),
  stopLon: coord(),
  stopLat: coord(),
  /** Site whose geofence the truck was inside at its last point. */
  insideSiteId: integer(),
  overspeedCount: integer().notNull().default(0),
  /** Consecutive moving points without a permit in force. */
  noPermitCount: integer().notNull().default(0),
});

/** 走访服务 — a service visit to a transport company. */
export const serviceVisits = construction.table(
  "service_visits",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    districtId: integer().notNull(),
    visitedAt: ts().notNull(),
    visitor: text().notNull(),
    summary: text().notNull().default(""),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("service_visits_company_idx").on(t.companyId, t.visitedAt), index("service_visits_at_idx").on(t.visitedAt), index("service_visits_updated_idx").on(t.updatedAt, t.id)],
);

/** 走访发现的问题 — a problem raised on a visit, worked to SOLVED. */
export const serviceProblems = construction.table(
  "service_problems",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    visitId: integer()
      .notNull()
      .references(() => serviceVisits.id),
    companyId: integer().notNull(),
    category: text().notNull(),
    description: text().notNull(),
    status: text().notNull().default("OPEN").$type<"OPEN" | "SOLVED">(),
    solution: text(),
    solvedAt: ts(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("service_problems_visit_idx").on(t.visitId), index("service_problems_status_idx").on(t.status, t.solvedAt)],
);

/** 居民预约清运 — a resident's pickup request for renovation, bulky or garden waste (上虞一键式服务). */
export const pickupRequests = construction.table(
  "pickup_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Code the resident uses to follow the request. */
    trackingCode: text().notNull(),
    districtId: integer().notNull(),
    residentName: text().notNull(),
    phone: text().notNull(),
    address: text().notNull(),
    wasteKind: text().notNull().$type<"RENOVATION" | "BULKY" | "GARDEN">(),
    estimatedWeightKg: integer(),
    preferredDate: date({ mode: "string" }).notNull(),
    status: text().notNull().default("REQUESTED").$type<"REQUESTED" | "SCHEDULED" | "COLLECTED" | "DELIVERED" | "CANCELLED">(),
    requestedAt: ts().notNull().defaultNow(),
    scheduledFor: ts(),
    crew: text(),
    collectedAt: ts(),
    weightKg: integer(),
    facilityId: integer(),
    deliveredAt: ts(),
    cancelReason: text(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pickup_requests_code_key").on(t.trackingCode),
    index("pickup_requests_status_idx").on(t.status, t.requestedAt),
    index("pickup_requests_district_idx").on(t.districtId, t.requestedAt),
    index("pickup_requests_updated_idx").on(t.updatedAt, t.id),
    check("pickup_requests_status_check", sql`${t.status} in ('REQUESTED','SCHEDULED','COLLECTED','DELIVERED','CANCELLED')`),
  ],
);

/** Read model: per district and day — spoil moved, trips, permits issued (kept current by the writes). */
export const districtDaily = construction.table(
  "district_daily",
  {
    districtId: integer().notNull(),
    day: date({ mode: "string" }).notNull(),
    movedM3: m3("moved_m3").notNull().default("0"),
    trips: integer().notNull().default(0),
    permitsIssued: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.day] }), index("district_daily_day_idx").on(t.day)],
);

/** Read model: per disposal place and day — intake (m³ and t) and trips received. */
export const placeDaily = construction.table(
  "place_daily",
  {
    placeId: integer().notNull(),
    day: date({ mode: "string" }).notNull(),
    districtId: integer().notNull(),
    receivedM3: m3("received_m3").notNull().default("0"),
    receivedT: m3().notNull().default("0"),
    trips: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.day] }), index("place_daily_day_idx").on(t.day, t.districtId)],
);
