/**
 * Hazardous and industrial solid waste (危险废物 / 工业固废) — tables in schema "hazardous".
 * Weights are exact numerics in kg (numeric(14,3)); capacities in tonnes per year.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, date, index, integer, jsonb, numeric, pgSchema, primaryKey, smallint, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { districts } from "../core/tables.js";

export const hz = pgSchema("hazardous");

const ts = () => timestamp({ withTimezone: true, mode: "date" });
const kg = () => numeric({ precision: 14, scale: 3 });
const day = () => date({ mode: "string" });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const updated = () => ts().notNull().defaultNow();

export type UnitKind = "ENTERPRISE" | "LABORATORY" | "AUTO_REPAIR" | "HOSPITAL" | "SCHOOL" | "OTHER_SOCIAL";

/** 危险废物名录代码 — the codes of the National Catalogue of Hazardous Wastes (2021) this platform uses. */
export const wasteCodes = hz.table("waste_codes", {
  code: text().primaryKey(),
  category: text().notNull(),
  categoryNameZh: text().notNull(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  /** T toxicity, C corrosivity, I ignitability, R reactivity, In infectivity. */
  characteristics: text().array().notNull(),
});

/** 产废单位 — waste-producing units: enterprises and social sources (the dynamic list). */
export const units = hz.table(
  "units",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** 统一社会信用代码 (GB 32100-2015), check character validated. */
    creditCode: text().notNull(),
    kind: text().notNull().$type<UnitKind>(),
    /** 小微企业 — small/micro enterprise. */
    smallMicro: boolean().notNull().default(false),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    industry: text().notNull().default(""),
    address: text().notNull().default(""),
    contact: text().notNull().default(""),
    phone: text().notNull().default(""),
    lon: numeric({ precision: 10, scale: 6 }),
    lat: numeric({ precision: 10, scale: 6 }),
    /** Estimated annual hazardous-waste generation (t/yr), from the census. */
    annualGenerationT: numeric({ precision: 12, scale: 3 }).notNull().default("0"),
    /** 排查日期 — when the census checked it. */
    censusCheckedOn: day(),
    active: boolean().notNull().default(true),
    registeredOn: day().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("units_credit_code_key").on(t.creditCode),
    index("units_district_idx").on(t.districtId, t.kind, t.id),
    index("units_updated_idx").on(t.updatedAt, t.id),
    index("units_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
    check("units_kind_check", sql`${t.kind} in ('ENTERPRISE','LABORATORY','AUTO_REPAIR','HOSPITAL','SCHOOL','OTHER_SOCIAL')`),
    check("units_small_micro_enterprise", sql`not ${t.smallMicro} or ${t.kind} = 'ENTERPRISE'`),
  ],
);

/** 培训批次 — census training sessions. */
export const trainingSessions = hz.table(
  "training_sessions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    title: text().notNull(),
    heldOn: day().notNull(),
    trainer: text().notNull().default(""),
    attendeeCount: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("training_district_idx").on(t.districtId, t.heldOn), index("training_updated_idx").on(t.updatedAt, t.id)],
);

/** 培训签到 — one attendee of a training session. */
export const trainingAttendance = hz.table(
  "training_attendance",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: "cascade" }),
    unitId: integer().references(() => units.id),
    personName: text().notNull(),
    role: text().notNull().default(""),
  },
  (t) => [index("attendance_session_idx").on(t.sessionId), unique("attendance_person_once").on(t.sessionId, t.personName, t.unitId)],
);

export type InspectionKind = "CENSUS" | "ROUTINE" | "PLASTIC_BAN" | "HOTEL_SUPPLIES";

/** 检查记录 — census and routine inspections of units, plastic-ban and hotel-supplies checks. */
export const inspections = hz.table(
  "inspections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull().$type<InspectionKind>(),
    unitId: integer().references(() => units.id),
    /** The inspected place (the unit's name, or a shop/hotel that is not a waste producer). */
    subjectName: text().notNull(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    inspectedOn: day().notNull(),
    inspector: text().notNull(),
    /** Findings: [{ item, description, serious }]. */
    findings: jsonb().notNull().default([]).$type<{ item: string; description: string; serious: boolean }[]>(),
    findingCount: integer().notNull().default(0),
    caseId: integer(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    index("inspections_unit_idx").on(t.unitId, t.inspectedOn),
    index("inspections_district_idx").on(t.districtId, t.kind, t.inspectedOn),
    index("inspections_updated_idx").on(t.updatedAt, t.id),
    check("inspections_kind_check", sql`${t.kind} in ('CENSUS','ROUTINE','PLASTIC_BAN','HOTEL_SUPPLIES')`),
  ],
);

export type HazardStatus = "FOUND" | "RECTIFYING" | "SUBMITTED" | "VERIFIED";

/** 问题隐患 — a hazard found at a unit, driven through rectification to verification. */
export const hazards = hz.table(
  "hazards",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    inspectionId: integer().references(() => inspections.id),
    category: text().notNull(),
    severity: text().notNull().$type<"LOW" | "MEDIUM" | "HIGH">(),
    description: text().notNull(),
    /** 责任单位 — who must rectify (e.g. the unit itself, a town/street office). */
    responsibleUnit: text().notNull(),
    deadline: day().notNull(),
    status: text().notNull().default("FOUND").$type<HazardStatus>(),
    evidence: text(),
    foundOn: day().notNull(),
    submittedAt: ts(),
    verifiedAt: ts(),
    /** Set when the overdue alert was raised (so it is raised once). */
    overdueAlertedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    index("hazards_district_status_idx").on(t.districtId, t.status, t.deadline),
    index("hazards_unit_idx").on(t.unitId),
    index("hazards_open_deadline_idx").on(t.deadline).where(sql`${t.status} <> 'VERIFIED'`),
    index("hazards_updated_idx").on(t.updatedAt, t.id),
    check("hazards_status_check", sql`${t.status} in ('FOUND','RECTIFYING','SUBMITTED','VERIFIED')`),
    check("hazards_severity_check", sql`${t.severity} in ('LOW','MEDIUM','HIGH')`),
  ],
);

/** Hazard history: every workflow step. */
export const hazardEvents = hz.table(
  "hazard_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    hazardId: integer()
      .notNull()
      .references(() => hazards.id, { onDelete: "cascade" }),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    actor: text().notNull(),
    note: text(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [index("hazard_events_hazard_idx").on(t.hazardId, t.id)],
);

/** 小微收运单位 — licensed small/micro hazardous-waste collection operators. */
export const collectionOperators = hz.table(
  "collection_operators",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    creditCode: text().notNull().unique(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    /** 危险废物经营许可证编号 */
    licenceNo: text().notNull(),
    licenceValidTo: day().notNull(),
    capacityTPerYear: numeric({ precision: 12, scale: 3 }).notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("operators_updated_idx").on(t.updatedAt, t.id)],
);

export type ContractUnitType = "INDUSTRIAL" | "LABORATORY" | "AUTO_REPAIR";

/** 收运服务合同 — an operator's service contract with a unit. */
export const collectionContracts = hz.table(
  "collection_contracts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    operatorId: integer()
      .notNull()
      .references(() => collectionOperators.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    unitType: text().notNull().$type<ContractUnitType>(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    signedOn: day().notNull(),
    validTo: day().notNull(),
    terminatedOn: day(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    unique("contracts_operator_unit_key").on(t.operatorId, t.unitId),
    index("contracts_unit_idx").on(t.unitId),
    index("contracts_operator_idx").on(t.operatorId, t.unitType),
    index("contracts_updated_idx").on(t.updatedAt, t.id),
    check("contracts_unit_type_check", sql`${t.unitType} in ('INDUSTRIAL','LABORATORY','AUTO_REPAIR')`),
    check("contracts_dates", sql`${t.validTo} >= ${t.signedOn}`),
  ],
);

/** 收运记录 — one collection at a unit (家次), with waste lines. */
export const collectionRuns = hz.table(
  "collection_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    operatorId: integer()
      .notNull()
      .references(() => collectionOperators.id),
    contractId: integer()
      .notNull()
      .references(() => collectionContracts.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    unitType: text().notNull().$type<ContractUnitType>(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    collectedAt: ts().notNull(),
    totalKg: kg().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    index("runs_operator_idx").on(t.operatorId, t.collectedAt),
    index("runs_district_idx").on(t.districtId, t.collectedAt),
    index("runs_unit_idx").on(t.unitId, t.collectedAt),
    index("runs_collected_idx").on(t.collectedAt, t.id),
    index("runs_updated_idx").on(t.updatedAt, t.id),
    check("runs_total_positive", sql`${t.totalKg} > 0`),
  ],
);

export const collectionRunLines = hz.table(
  "collection_run_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    runId: integer()
      .notNull()
      .references(() => collectionRuns.id, { onDelete: "cascade" }),
    wasteCode: text()
      .notNull()
      .references(() => wasteCodes.code),
    quantityKg: kg().notNull(),
  },
  (t) => [index("run_lines_run_idx").on(t.runId), check("run_lines_qty_positive", sql`${t.quantityKg} > 0`)],
);

/** 危险货物道路运输企业 — hazardous-goods road transport companies (carriers). */
export const carriers = hz.table(
  "carriers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    creditCode: text().notNull().unique(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    /** 道路危险货物运输许可证 */
    permitNo: text().notNull(),
    permitValidTo: day().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("carriers_updated_idx").on(t.updatedAt, t.id)],
);

/** 危货运输车辆 — a carrier's vehicle with its road transport certificate and GPS terminal. */
export const vehicles = hz.table(
  "vehicles",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    carrierId: integer()
      .notNull()
      .references(() => carriers.id),
    plate: text().notNull().unique(),
    terminalId: text().unique(),
    vehicleType: text().notNull().default(""),
    loadKg: kg().notNull(),
    /** 道路运输证号 */
    licenceNo: text().notNull(),
    licenceValidTo: day().notNull(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    /** In service (停运/注销 = false): an inactive vehicle cannot be bound to a manifest. */
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("vehicles_carrier_idx").on(t.carrierId), index("vehicles_expiry_idx").on(t.licenceValidTo), index("vehicles_updated_idx").on(t.updatedAt, t.id)],
);

/** 驾驶员、押运员 — drivers and escorts with their qualification certificates. */
export const transportPeople = hz.table(
  "transport_people",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    carrierId: integer()
      .notNull()
      .references(() => carriers.id),
    name: text().notNull(),
    role: text().notNull().$type<"DRIVER" | "ESCORT">(),
    /** 从业资格证号 */
    qualificationNo: text().notNull().unique(),
    qualificationValidTo: day().notNull(),
    phone: text().notNull().default(""),
    /** Employed by the carrier (false = left): an inactive person cannot be bound to a manifest. */
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    index("people_carrier_idx").on(t.carrierId, t.role),
    index("people_expiry_idx").on(t.qualificationValidTo),
    index("people_updated_idx").on(t.updatedAt, t.id),
    check("people_role_check", sql`${t.role} in ('DRIVER','ESCORT')`),
  ],
);

/** 持证利用处置单位 — licensed receiving (utilisation/disposal) facilities. */
export const facilities = hz.table(
  "facilities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    creditCode: text().notNull().unique(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    licenceNo: text().notNull(),
    licenceValidTo: day().notNull(),
    lon: numeric({ precision: 10, scale: 6 }).notNull(),
    lat: numeric({ precision: 10, scale: 6 }).notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("facilities_updated_idx").on(t.updatedAt, t.id)],
);

/** 核准经营规模 — a facility's licensed capacity per waste category and method, from a date. */
export const facilityCapacities = hz.table(
  "facility_capacities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    facilityId: integer()
      .notNull()
      .references(() => facilities.id),
    /** HW08, HW49, … */
    category: text().notNull(),
    method: text().notNull().$type<"UTILISATION" | "DISPOSAL">(),
    tonnesPerYear: numeric({ precision: 12, scale: 3 }).notNull(),
    /** From when the capacity is licensed (planned capacity has a future date). */
    startsOn: day().notNull(),
  },
  (t) => [unique("facility_capacity_key").on(t.facilityId, t.category, t.method, t.startsOn), check("capacity_method_check", sql`${t.method} in ('UTILISATION','DISPOSAL')`)],
);

export type ManifestState = "DRAFT" | "SUBMITTED" | "PICKED_UP" | "RECEIVED" | "ACCEPTED" | "PARTLY_REJECTED" | "REJECTED" | "DISPOSED" | "CLOSED" | "CANCELLED";

/** 转移联单 — a hazardous-waste transfer manifest (one trip, one producer → one receiver). */
export const manifests = hz.table(
  "manifests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull().unique(),
    state: text().notNull().default("DRAFT").$type<ManifestState>(),
    producerId: integer()
      .notNull()
      .references(() => units.id),
    carrierId: integer()
      .notNull()
      .references(() => carriers.id),
    receiverId: integer()
      .notNull()
      .references(() => facilities.id),
    /** The producer's district (scoping). */
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    receiverDistrictId: integer()
      .notNull()
      .references(() => districts.id),
    /** Planned route, GeoJSON LineString coordinates [[lon, lat], …]. */
    plannedRoute: jsonb().$type<[number, number][]>(),
    plannedPickupAt: ts(),
    /** Must be received by this time once picked up. */
    dueBy: ts(),
    vehicleId: integer().references(() => vehicles.id),
    driverId: integer().references(() => transportPeople.id),
    escortId: integer().references(() => transportPeople.id),
    declaredKg: kg().notNull().default("0"),
    receivedKg: kg(),
    rejectedKg: kg(),
    /** (received − declared) / declared × 100, when received. */
    discrepancyPct: numeric({ precision: 8, scale: 3 }),
    discrepancyFlagged: boolean().notNull().default(false),
    rejectionReason: text(),
    /** Disposal/utilisation method code, e.g. D10 (incineration) or R4 (metal recovery). */
    disposalMethod: text(),
    submittedAt: ts(),
    pickedUpAt: ts(),
    receivedAt: ts(),
    decidedAt: ts(),
    disposedAt: ts(),
    closedAt: ts(),
    /** Unguessable token in the QR code's link. */
    qrToken: text().notNull().unique(),
    /** Alert bookkeeping: the overdue alert was raised. */
    overdueAlertedAt: ts(),
    version: integer().notNull().default(1),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    index("manifests_district_state_idx").on(t.districtId, t.state, t.id),
    index("manifests_state_idx").on(t.state, t.id),
    index("manifests_producer_idx").on(t.producerId, t.id),
    index("manifests_carrier_idx").on(t.carrierId, t.id),
    index("manifests_receiver_idx").on(t.receiverId, t.id),
    index("manifests_created_idx").on(t.createdAt, t.id),
    index("manifests_updated_idx").on(t.updatedAt, t.id),
    index("manifests_in_transit_vehicle_idx").on(t.vehicleId).where(sql`${t.state} = 'PICKED_UP'`),
    index("manifests_in_transit_due_idx").on(t.dueBy).where(sql`${t.state} = 'PICKED_UP'`),
    check("manifests_state_check", sql`${t.state} in ('DRAFT','SUBMITTED','PICKED_UP','RECEIVED','ACCEPTED','PARTLY_REJECTED','REJECTED','DISPOSED','CLOSED','CANCELLED')`),
    check("manifests_declared_nonneg", sql`${t.declaredKg} >= 0`),
    check("manifests_transport_bound", sql`${t.state} in ('DRAFT','SUBMITTED','CANCELLED') or (${t.vehicleId} is not null and ${t.driverId} is not null and ${t.escortId} is not null)`),
  ],
);

/** 联单废物明细 — one waste line of a manifest. */
export const manifestLines = hz.table(
  "manifest_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    manifestId: integer()
      .notNull()
      .references(() => manifests.id, { onDelete: "cascade" }),
    lineNo: smallint().notNull(),
    wasteCode: text()
      .notNull()
      .references(() => wasteCodes.code),
    wasteName: text().notNull(),
    physicalForm: text().notNull().$type<"SOLID" | "SEMI_SOLID" | "LIQUID" | "GAS">(),
    characteristics: text().array().notNull(),
    packaging: text().notNull(),
    packageCount: integer().notNull(),
    quantityKg: kg().notNull(),
    receivedKg: kg(),
    rejectedKg: kg(),
  },
  (t) => [
    unique("manifest_lines_no_key").on(t.manifestId, t.lineNo),
    check("manifest_lines_qty_positive", sql`${t.quantityKg} > 0`),
    check("manifest_lines_packages_positive", sql`${t.packageCount} > 0`),
    check("manifest_lines_form_check", sql`${t.physicalForm} in ('SOLID','SEMI_SOLID','LIQUID','GAS')`),
  ],
);

/** 联单流转记录 — every transition of a manifest (its history). */
export const manifestEvents = hz.table(
  "manifest_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    manifestId: integer()
      .notNull()
      .references(() => manifests.id, { onDelete: "cascade" }),
    action: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    party: text().notNull(),
    actor: text().notNull(),
    detail: jsonb().notNull().default({}),
    at: ts().notNull().defaultNow(),
  },
  (t) => [index("manifest_events_manifest_idx").on(t.manifestId, t.id)],
);

/** 电子运单 — the electronic waybill, linked one-to-one with its manifest. */
export const waybills = hz.table(
  "waybills",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    manifestId: integer()
      .notNull()
      .references(() => manifests.id, { onDelete: "cascade" }),
    number: text().notNull().unique(),
    carrierId: integer()
      .notNull()
      .references(() => carriers.id),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    driverId: integer()
      .notNull()
      .references(() => transportPeople.id),
    escortId: integer()
      .notNull()
      .references(() => transportPeople.id),
    departedAt: ts().notNull(),
    arrivedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("waybills_manifest_key").on(t.manifestId), index("waybills_vehicle_idx").on(t.vehicleId, t.departedAt)],
);

/** 联单更正申请 — a correction of signed fields, approved by the other parties. */
export const manifestCorrections = hz.table(
  "manifest_corrections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    manifestId: integer()
      .notNull()
      .references(() => manifests.id, { onDelete: "cascade" }),
    requestedBy: text().notNull(),
    requestedParty: text().notNull(),
    reason: text().notNull(),
    /** { lines?: [{ lineNo, quantityKg?, packaging?, packageCount? }], plannedRoute?, dueBy? } */
    changes: jsonb().notNull(),
    requiredParties: text().array().notNull(),
    approvals: jsonb().notNull().default({}).$type<Record<string, { by: string; at: string }>>(),
    status: text().notNull().default("PENDING").$type<"PENDING" | "APPLIED" | "REJECTED">(),
    decidedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("corrections_manifest_idx").on(t.manifestId), uniqueIndex("corrections_one_pending").on(t.manifestId).where(sql`${t.status} = 'PENDING'`)],
);

/** 扫码记录 — every scan of a manifest's or a package label's QR code. */
export const qrScans = hz.table(
  "qr_scans",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    manifestId: integer()
      .notNull()
      .references(() => manifests.id, { onDelete: "cascade" }),
    /** Package label scanned ("2-3" = line 2, package 3), or null for the manifest's own code. */
    packageRef: text(),
    viewer: text().notNull(),
    userId: integer(),
    view: text().notNull().$type<"FULL" | "RESTRICTED">(),
    ip: text().notNull(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [index("qr_scans_manifest_idx").on(t.manifestId, t.at)],
);

/** 分段限速路段 — road segments with a speed limit for hazardous-goods vehicles. */
export const roadSegments = hz.table(
  "road_segments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    districtId: integer().references(() => districts.id),
    speedLimitKmh: integer().notNull(),
    /** GeoJSON LineString coordinates. */
    line: jsonb().notNull().$type<[number, number][]>(),
    /** Match buffer in metres around the line. */
    bufferM: integer().notNull().default(30),
    minLon: numeric({ precision: 10, scale: 6 }).notNull(),
    minLat: numeric({ precision: 10, scale: 6 }).notNull(),
    maxLon: numeric({ precision: 10, scale: 6 }).notNull(),
    maxLat: numeric({ precision: 10, scale: 6 }).notNull(),
    /** 禁行路段: hazardous-goods vehicles may not use it at all (any position on it raises an alert). */
    restricted: boolean().notNull().default(false),
    /** Retired segments stay for history but are not matched. */
    active: boolean().notNull().default(true),
    updatedAt: updated(),
  },
  (t) => [check("segments_limit_check", sql`${t.speedLimitKmh} between 5 and 130`), index("segments_updated_idx").on(t.updatedAt, t.id)],
);

/** Rule parameters staff can change (one row, id = 1). */
export const ruleSettings = hz.table("rule_settings", {
  id: smallint().primaryKey().default(1),
  /** Weight difference (%) between declared and received that raises an alert. */
  discrepancyTolerancePct: numeric({ precision: 5, scale: 2 }).notNull().default("5"),
  /** Distance (m) from the planned route that counts as off-route. */
  offRouteMetres: integer().notNull().default(500),
  /** Licences expiring within this many days raise an alert. */
  licenceWarnDays: integer().notNull().default(30),
  /** Overspeed tolerance over a segment's limit (km/h). */
  overspeedToleranceKmh: integer().notNull().default(0),
  updatedAt: updated(),
});

export type DecommissionStep = "PLAN_FILED" | "DEMOLITION" | "SOIL_SURVEY" | "TRANSITION";

/** 退役期污染防治项目 — a printing-and-dyeing enterprise's decommissioning project (集聚搬迁). */
export const decommissionProjects = hz.table(
  "decommission_projects",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id)
      .unique(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    oldSite: text().notNull(),
    newSite: text().notNull(),
    /** The furthest step reached (NOT_STARTED, or the step in progress / completed last). */
    currentStep: text().notNull().default("NOT_STARTED"),
    completed: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [index("decommission_district_idx").on(t.districtId, t.id), index("decommission_updated_idx").on(t.updatedAt, t.id)],
);

export const decommissionSteps = hz.table(
  "decommission_steps",
  {
    projectId: integer()
      .notNull()
      .references(() => decommissionProjects.id, { onDelete: "cascade" }),
    step: text().notNull().$type<DecommissionStep>(),
    status: text().notNull().default("NOT_STARTED").$type<"NOT_STARTED" | "IN_PROGRESS" | "DONE">(),
    startedAt: ts(),
    completedAt: ts(),
    note: text().notNull().default(""),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.step] }), check("steps_status_check", sql`${t.status} in ('NOT_STARTED','IN_PROGRESS','DONE')`)],
);

/** 附件 — documents attached to records (decommissioning plans, survey reports, rectification evidence). */
export const documents = hz.table(
  "documents",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ownerType: text().notNull().$type<"DecommissionProject" | "Hazard">(),
    ownerId: integer().notNull(),
    /** For decommissioning: the step it belongs to. */
    step: text(),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedBy: text().notNull(),
    uploadedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("documents_owner_idx").on(t.ownerType, t.ownerId), check("documents_size_check", sql`${t.sizeBytes} between 1 and 5242880`)],
);

/**
 * Read models for the overview and statistics, kept current in the same transaction as the writes.
 * daily_stats: flows per day, district and metric (count n, amount in kg or t as the metric says).
 */
export const dailyStats = hz.table(
  "daily_stats",
  {
    day: day().notNull(),
    districtId: integer().notNull(),
    metric: text().notNull(),
    n: bigint({ mode: "number" }).notNull().default(0),
    amount: numeric({ precision: 18, scale: 3 }).notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.metric, t.day] }), index("daily_stats_metric_day_idx").on(t.metric, t.day)],
);

/** Stocks per district: units by type, hazards by status, manifests by state (count and kg). */
export const stateStats = hz.table(
  "state_stats",
  {
    districtId: integer().notNull(),
    subject: text().notNull(),
    state: text().notNull(),
    n: bigint({ mode: "number" }).notNull().default(0),
    amount: numeric({ precision: 18, scale: 3 }).notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.subject, t.state] })],
);
