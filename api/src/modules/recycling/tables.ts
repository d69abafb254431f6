/**
 * Renewable-resource recycling (再生资源回收) tables, schema "recycling".
 *
 * Network: enterprises → stations (service station / sorting centre / smart bin) → devices (smart
 * scales, smart bins, weighbridges), each device with its own core API key.
 * Prices: a materials catalogue with daily prices (city guide price or an enterprise's own).
 * Records: weighings ingested exactly once per (device, device sequence number).
 * Points: resident cards, a points ledger (EARN / REDEEM / EXPIRE / ADJUST), lots spent oldest-first.
 * Merchants: redemptions and monthly settlements. Pickups: the household → recycler chain of custody.
 * Read models: daily rollups kept current in the ingesting / redeeming transaction.
 *
 * Weights are integer grams, points integers, money numeric yuan with 2 decimals.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, numeric, pgSchema, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const recycling = pgSchema("recycling");

const ts = () => timestamp({ withTimezone: true, mode: "date" });
const day = () => date({ mode: "string" });
const money = () => numeric({ precision: 14, scale: 2 });

/** 再生资源回收企业 — a recycling enterprise (organisation kind `recycling.enterprise`). */
export const enterprises = recycling.table(
  "enterprises",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    name: text().notNull(),
    /** 统一社会信用代码 */
    creditCode: text().notNull().default(""),
    districtId: integer().notNull(),
    /** Part of the supply-and-marketing cooperative network (供销社系统). */
    coop: boolean().notNull().default(false),
    contact: text().notNull().default(""),
    phone: text().notNull().default(""),
    address: text().notNull().default(""),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("enterprises_updated_idx").on(t.updatedAt, t.id), index("enterprises_district_idx").on(t.districtId)],
);

/** 回收站点 — service station (服务站), sorting centre (分拣中心) or smart recycling bin (智能回收箱). */
export const stations = recycling.table(
  "stations",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull().$type<"SERVICE_STATION" | "SORTING_CENTRE" | "SMART_BIN">(),
    enterpriseId: integer()
      .notNull()
      .references(() => enterprises.id),
    districtId: integer().notNull(),
    /** 农村回收点 */
    rural: boolean().notNull().default(false),
    lon: numeric({ precision: 10, scale: 6 }).notNull(),
    lat: numeric({ precision: 10, scale: 6 }).notNull(),
    address: text().notNull().default(""),
    /** Households served (service stations). */
    households: integer().notNull().default(0),
    /** Sorting / handling capacity, tonnes per day. */
    capacityTpd: numeric({ precision: 10, scale: 2 }).notNull().default("0"),
    /** Opening date; a date in the future means planned (counts in projected capacity only). */
    openedOn: day().notNull(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("stations_district_kind_idx").on(t.districtId, t.kind),
    index("stations_enterprise_idx").on(t.enterpriseId),
    index("stations_updated_idx").on(t.updatedAt, t.id),
    check("stations_kind_check", sql`${t.kind} in ('SERVICE_STATION','SORTING_CENTRE','SMART_BIN')`),
    check("stations_capacity_nonneg", sql`${t.capacityTpd} >= 0 and ${t.households} >= 0`),
  ],
);

/** 智能设备 — a smart scale, smart bin or weighbridge at a station; pushes weighings with its own API key. */
export const devices = recycling.table(
  "devices",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    kind: text().notNull().$type<"SMART_SCALE" | "SMART_BIN" | "WEIGHBRIDGE">(),
    stationId: integer()
      .notNull()
      .references(() => stations.id),
    /** Denormalised from the station, for scoping. */
    districtId: integer().notNull(),
    enterpriseId: integer().notNull(),
    vendor: text().notNull().default(""),
    /** The core API key the device authenticates with (scope recycling:ingest, org recycling.device). */
    apiKeyId: integer(),
    status: text().notNull().default("ACTIVE").$type<"ACTIVE" | "INACTIVE">(),
    installedAt: ts().notNull().defaultNow(),
    /** Last upload received from the device. */
    lastSeenAt: ts(),
    /** Time of the newest record it uploaded. */
    lastRecordAt: ts(),
    lastSeq: bigint({ mode: "number" }),
    recordsTotal: bigint({ mode: "number" }).notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("devices_station_idx").on(t.stationId),
    index("devices_district_idx").on(t.districtId),
    index("devices_last_seen_idx").on(t.lastSeenAt),
    index("devices_updated_idx").on(t.updatedAt, t.id),
    check("devices_kind_check", sql`${t.kind} in ('SMART_SCALE','SMART_BIN','WEIGHBRIDGE')`),
    check("devices_status_check", sql`${t.status} in ('ACTIVE','INACTIVE')`),
  ],
);

/** 回收物资 — materials catalogue; points are earned per kilogram (or per piece) at `pointsPerUnit`. */
export const materials = recycling.table(
  "materials",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    category: text().notNull().$type<"PAPER" | "METAL" | "PLASTIC" | "GLASS" | "TEXTILE" | "EWASTE" | "OTHER">(),
    unit: text().notNull().default("KG").$type<"KG" | "PIECE">(),
    pointsPerUnit: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    sort: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check("materials_category_check", sql`${t.category} in ('PAPER','METAL','PLASTIC','GLASS','TEXTILE','EWASTE','OTHER')`),
    check("materials_unit_check", sql`${t.unit} in ('KG','PIECE')`),
    check("materials_points_nonneg", sql`${t.pointsPerUnit} >= 0`),
  ],
);

/**
 * 每日价格 — a price per kg (or piece) published for a day: the city guide price (enterprise null,
 * published by staff) or one enterprise's own price. The price in force at a moment is the latest
 * publication on or before that day, the enterprise's own preferred on the same day.
 */
export const prices = recycling.table(
  "prices",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    materialId: integer()
      .notNull()
      .references(() => materials.id),
    day: day().notNull(),
    enterpriseId: integer().references(() => enterprises.id),
    priceYuan: numeric({ precision: 12, scale: 2 }).notNull(),
    publishedBy: text().notNull(),
    publishedAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("prices_material_day_publisher_key").on(t.materialId, t.day, sql`coalesce(${t.enterpriseId}, 0)`),
    index("prices_day_idx").on(t.day),
    index("prices_updated_idx").on(t.updatedAt, t.id),
    check("prices_positive", sql`${t.priceYuan} > 0`),
  ],
);

/** 居民积分卡 — a resident's points card. `balance` is maintained and never negative. */
export const cards = recycling.table(
  "cards",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    cardNo: text().notNull().unique(),
    householdCode: text().notNull(),
    holderName: text().notNull().default(""),
    address: text().notNull().default(""),
    districtId: integer().notNull(),
    /** The station the household is registered at. */
    stationId: integer().references(() => stations.id),
    status: text().notNull().default("ACTIVE").$type<"ACTIVE" | "FROZEN" | "CANCELLED">(),
    balance: integer().notNull().default(0),
    earnedTotal: bigint({ mode: "number" }).notNull().default(0),
    redeemedTotal: bigint({ mode: "number" }).notNull().default(0),
    expiredTotal: bigint({ mode: "number" }).notNull().default(0),
    adjustedTotal: bigint({ mode: "number" }).notNull().default(0),
    issuedAt: ts().notNull().defaultNow(),
    lastActivityAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check("cards_balance_nonneg", sql`${t.balance} >= 0`),
    check("cards_status_check", sql`${t.status} in ('ACTIVE','FROZEN','CANCELLED')`),
    index("cards_district_idx").on(t.districtId, t.issuedAt),
    index("cards_station_idx").on(t.stationId),
    index("cards_household_idx").on(t.householdCode),
    index("cards_updated_idx").on(t.updatedAt, t.id),
  ],
);

/**
 * 积分批次 — points earned on one day by one card form a lot; spending consumes lots oldest-first
 * and a lot's unspent remainder expires on `expiresOn`. Sum of `remaining` = the card's balance.
 */
export const lots = recycling.table(
  "lots",
  {
    cardId: integer().notNull(),
    earnedOn: day().notNull(),
    expiresOn: day().notNull(),
    earned: integer().notNull(),
    remaining: integer().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cardId, t.earnedOn] }),
    index("lots_expiry_idx").on(t.expiresOn).where(sql`${t.remaining} > 0`),
    check("lots_remaining_range", sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.earned}`),
  ],
);

/** 积分流水 — PointsLedgerEntry: every movement of a card's points, signed. */
export const ledger = recycling.table(
  "ledger",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    cardId: integer().notNull(),
    kind: text().notNull().$type<"EARN" | "REDEEM" | "EXPIRE" | "ADJUST">(),
    points: integer().notNull(),
    balanceAfter: integer().notNull(),
    /** Business time: the weighing's time for EARN, the redemption's, expiry's or adjustment's time. */
    at: ts().notNull(),
    weighingId: bigint({ mode: "number" }),
    redemptionId: bigint({ mode: "number" }),
    /** EXPIRE: the lot that expired (its earning day). */
    lotOn: day(),
    reason: text(),
    actor: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("ledger_card_idx").on(t.cardId, t.id),
    uniqueIndex("ledger_weighing_key").on(t.weighingId).where(sql`${t.weighingId} is not null`),
    index("ledger_redemption_idx").on(t.redemptionId).where(sql`${t.redemptionId} is not null`),
    index("ledger_created_idx").on(t.createdAt, t.id),
    check("ledger_kind_check", sql`${t.kind} in ('EARN','REDEEM','EXPIRE','ADJUST')`),
    check(
      "ledger_sign_check",
      sql`(${t.kind} = 'EARN' and ${t.points} > 0) or (${t.kind} in ('REDEEM','EXPIRE') and ${t.points} < 0) or (${t.kind} = 'ADJUST' and ${t.points} <> 0)`,
    ),
    check("ledger_balance_nonneg", sql`${t.balanceAfter} >= 0`),
  ],
);

/**
 * 称重记录 — WeighingRecord: one weighing at a collection point, from a device (exactly once per
 * (device, device sequence number)) or from a pickup's collection step. Priced at its own time.
 */
export const weighings = recycling.table(
  "weighings",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    source: text().notNull().$type<"DEVICE" | "PICKUP">(),
    deviceId: integer(),
    deviceSeq: bigint({ mode: "number" }),
    pickupId: integer(),
    at: ts().notNull(),
    /** Calendar day of `at` in Asia/Shanghai. */
    day: day().notNull(),
    receivedAt: ts().notNull().defaultNow(),
    materialId: integer().notNull(),
    weightGrams: integer().notNull(),
    pieces: integer(),
    cardId: integer(),
    stationId: integer().notNull(),
    districtId: integer().notNull(),
    enterpriseId: integer().notNull(),
    unitPriceYuan: numeric({ precision: 12, scale: 2 }),
    amountYuan: money(),
    points: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("weighings_device_seq_key").on(t.deviceId, t.deviceSeq),
    uniqueIndex("weighings_pickup_key").on(t.pickupId).where(sql`${t.pickupId} is not null`),
    index("weighings_station_at_idx").on(t.stationId, t.at),
    index("weighings_card_at_idx").on(t.cardId, t.at).where(sql`${t.cardId} is not null`),
    index("weighings_at_idx").on(t.at),
    index("weighings_received_idx").on(t.receivedAt, t.id),
    check("weighings_source_check", sql`(${t.source} = 'DEVICE' and ${t.deviceId} is not null and ${t.deviceSeq} is not null) or (${t.source} = 'PICKUP' and ${t.pickupId} is not null)`),
    check("weighings_weight_positive", sql`${t.weightGrams} > 0`),
    check("weighings_points_nonneg", sql`${t.points} >= 0`),
  ],
);

/** 兑换商户 — a merchant (supermarket, pharmacy) where residents redeem points (org kind `recycling.merchant`). */
export const merchants = recycling.table(
  "merchants",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull().$type<"SUPERMARKET" | "PHARMACY" | "OTHER">(),
    districtId: integer().notNull(),
    address: text().notNull().default(""),
    lon: numeric({ precision: 10, scale: 6 }),
    lat: numeric({ precision: 10, scale: 6 }),
    contact: text().notNull().default(""),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("merchants_district_idx").on(t.districtId),
    index("merchants_updated_idx").on(t.updatedAt, t.id),
    check("merchants_kind_check", sql`${t.kind} in ('SUPERMARKET','PHARMACY','OTHER')`),
  ],
);

/** 积分兑换 — a redemption of points for goods at a merchant. */
export const redemptions = recycling.table(
  "redemptions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    cardId: integer().notNull(),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    districtId: integer().notNull(),
    points: integer().notNull(),
    yuanValue: numeric({ precision: 12, scale: 2 }).notNull(),
    goods: text().notNull(),
    /** The terminal's own reference; a retry with the same reference returns the first redemption. */
    clientRef: text(),
    at: ts().notNull().defaultNow(),
    actor: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("redemptions_client_ref_key").on(t.merchantId, t.clientRef),
    index("redemptions_merchant_at_idx").on(t.merchantId, t.at),
    index("redemptions_card_at_idx").on(t.cardId, t.at),
    index("redemptions_at_idx").on(t.at),
    index("redemptions_created_idx").on(t.createdAt, t.id),
    check("redemptions_points_positive", sql`${t.points} > 0 and ${t.yuanValue} >= 0`),
  ],
);

/** 月度结算 — what the platform owes a merchant for one month's redemptions. */
export const settlements = recycling.table(
  "settlements",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    districtId: integer().notNull(),
    /** First day of the month. */
    month: day().notNull(),
    redemptions: integer().notNull(),
    points: bigint({ mode: "number" }).notNull(),
    amountYuan: money().notNull(),
    status: text().notNull().default("PENDING").$type<"PENDING" | "CONFIRMED" | "PAID">(),
    generatedAt: ts().notNull().defaultNow(),
    generatedBy: text().notNull(),
    confirmedAt: ts(),
    confirmedBy: text(),
    paidAt: ts(),
    paymentRef: text(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("settlements_merchant_month_key").on(t.merchantId, t.month),
    index("settlements_month_idx").on(t.month),
    index("settlements_updated_idx").on(t.updatedAt, t.id),
    check("settlements_status_check", sql`${t.status} in ('PENDING','CONFIRMED','PAID')`),
  ],
);

/** 上门回收预约 — a household's one-click pickup request and where its load is now. */
export const pickups = recycling.table(
  "pickups",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    number: text().notNull().unique(),
    cardId: integer(),
    districtId: integer().notNull(),
    address: text().notNull(),
    contactName: text().notNull().default(""),
    phone: text().notNull().default(""),
    status: text()
      .notNull()
      .default("REQUESTED")
      .$type<"REQUESTED" | "ASSIGNED" | "COLLECTED" | "AT_STATION" | "ON_TRUCK" | "AT_SORTING_CENTRE" | "SOLD" | "CANCELLED">(),
    requestedAt: ts().notNull().defaultNow(),
    /** Service station handling it (set on assignment). */
    stationId: integer(),
    enterpriseId: integer(),
    collector: text(),
    materialId: integer(),
    truckPlate: text(),
    sortingCentreId: integer(),
    recycler: text(),
    collectedGrams: integer(),
    currentGrams: integer(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("pickups_status_idx").on(t.status, t.districtId),
    index("pickups_station_idx").on(t.stationId),
    index("pickups_card_idx").on(t.cardId),
    index("pickups_requested_idx").on(t.requestedAt),
    index("pickups_updated_idx").on(t.updatedAt, t.id),
    check(
      "pickups_status_check",
      sql`${t.status} in ('REQUESTED','ASSIGNED','COLLECTED','AT_STATION','ON_TRUCK','AT_SORTING_CENTRE','SOLD','CANCELLED')`,
    ),
  ],
);

/** 交接记录 — CustodyHandover: one step of a pickup's chain with the weight handed over. */
export const handovers = recycling.table(
  "handovers",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    pickupId: integer()
      .notNull()
      .references(() => pickups.id),
    action: text().notNull(),
    fromStatus: text().notNull(),
    toStatus: text().notNull(),
    at: ts().notNull().defaultNow(),
    weightGrams: integer(),
    /** Weight lost since the previous weighed hand-over (negative = gained). */
    lossGrams: integer(),
    fromParty: text().notNull().default(""),
    toParty: text().notNull().default(""),
    note: text().notNull().default(""),
    actor: text().notNull(),
  },
  (t) => [index("handovers_pickup_idx").on(t.pickupId, t.id), check("handovers_weight_positive", sql`${t.weightGrams} is null or ${t.weightGrams} > 0`)],
);

/** 规则参数 — documented parameters of the points and anomaly rules, editable by staff (audited). */
export const ruleParams = recycling.table("rule_params", {
  key: text().primaryKey(),
  value: numeric({ precision: 16, scale: 4 }).notNull(),
  unit: text().notNull().default(""),
  descriptionZh: text().notNull(),
  descriptionEn: text().notNull(),
  updatedBy: text().notNull().default("system"),
  updatedAt: ts().notNull().defaultNow(),
});

// ——— read models (rollups), kept current in the writing transaction ———

const measures = () => ({
  weightGrams: bigint({ mode: "number" }).notNull().default(0),
  records: integer().notNull().default(0),
  points: bigint({ mode: "number" }).notNull().default(0),
  amountYuan: money().notNull().default("0"),
});

/** Per station × day × material. */
export const rollStationDay = recycling.table(
  "roll_station_day",
  { stationId: integer().notNull(), day: day().notNull(), materialId: integer().notNull(), districtId: integer().notNull(), enterpriseId: integer().notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.stationId, t.day, t.materialId] }), index("roll_station_day_day_idx").on(t.day)],
);

/** Per district × day × material (city and district figures). */
export const rollDistrictDay = recycling.table(
  "roll_district_day",
  { districtId: integer().notNull(), day: day().notNull(), materialId: integer().notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.districtId, t.day, t.materialId] }), index("roll_district_day_day_idx").on(t.day)],
);

/** Per enterprise × month × material (enterprise figures, supply-and-marketing recovery). */
export const rollEnterpriseMonth = recycling.table(
  "roll_enterprise_month",
  { enterpriseId: integer().notNull(), month: day().notNull(), materialId: integer().notNull(), districtId: integer().notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.month, t.materialId] }), index("roll_enterprise_month_month_idx").on(t.month)],
);

/** Per station × month (station rankings over months, quarters, years). */
export const rollStationMonth = recycling.table(
  "roll_station_month",
  { stationId: integer().notNull(), month: day().notNull(), districtId: integer().notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.stationId, t.month] }), index("roll_station_month_month_idx").on(t.month)],
);

/** Per district (of the card) × day: points movements, redemptions, cards issued. */
export const rollPointsDay = recycling.table(
  "roll_points_day",
  {
    districtId: integer().notNull(),
    day: day().notNull(),
    pointsEarned: bigint({ mode: "number" }).notNull().default(0),
    pointsRedeemed: bigint({ mode: "number" }).notNull().default(0),
    redeemedYuan: money().notNull().default("0"),
    redemptions: integer().notNull().default(0),
    pointsExpired: bigint({ mode: "number" }).notNull().default(0),
    pointsAdjusted: bigint({ mode: "number" }).notNull().default(0),
    cardsIssued: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.day] }), index("roll_points_day_day_idx").on(t.day)],
);

/** Per card × day the card earned: points and records (active cards; the card-earning rule). */
export const cardDays = recycling.table(
  "card_days",
  { cardId: integer().notNull(), day: day().notNull(), points: integer().notNull().default(0), records: integer().notNull().default(0) },
  (t) => [primaryKey({ columns: [t.cardId, t.day] }), index("card_days_day_idx").on(t.day)],
);

/** Per card × calendar month / quarter / year in which it earned (distinct active cards per period). */
export const cardPeriods = recycling.table(
  "card_periods",
  { cardId: integer().notNull(), kind: text().notNull().$type<"M" | "Q" | "Y">(), start: day().notNull() },
  (t) => [primaryKey({ columns: [t.cardId, t.kind, t.start] }), check("card_periods_kind_check", sql`${t.kind} in ('M','Q','Y')`)],
);

/** Active cards per district (of the card) × period (D day, M month, Q quarter, Y year). */
export const rollActiveCards = recycling.table(
  "roll_active_cards",
  { districtId: integer().notNull(), kind: text().notNull().$type<"D" | "M" | "Q" | "Y">(), start: day().notNull(), activeCards: integer().notNull().default(0) },
  (t) => [primaryKey({ columns: [t.districtId, t.kind, t.start] }), index("roll_active_cards_period_idx").on(t.kind, t.start)],
);

/** Per merchant × month: redemptions (the base of monthly settlement). */
export const rollMerchantMonth = recycling.table(
  "roll_merchant_month",
  {
    merchantId: integer().notNull(),
    month: day().notNull(),
    districtId: integer().notNull(),
    redemptions: integer().notNull().default(0),
    points: bigint({ mode: "number" }).notNull().default(0),
    yuanValue: money().notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.month] }), index("roll_merchant_month_month_idx").on(t.month)],
);
