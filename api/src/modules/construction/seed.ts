/**
 * Demo data of the spoil stream at the bulletin's scale (三个聚焦, 2021 bulletin, as the demo year =
 * the current calendar year up to today):
 * - 189 registered sites planning ~19,000,000 m³ (plus a few applications and a rejection);
 * - 124 qualified transport companies (40 cross-district), 2,356 vehicles under one standard;
 * - 182 disposal sites holding ~19,480,000 m³, 3 mud solidification centres (~9,300,000 t/yr),
 *   utilisation plants of 600,000 and 3,000,000 m³/yr, the Keqiao wharf (8,000 m³/day) and Shangyu's
 *   green complex (500 t/day);
 * - permits per vehicle over last year and this year (~3,000 issued this year), trips (closed manifests)
 *   along them with the read models built from the same rows, a few trips in transit and overdue;
 * - enforcement cases: 4,252 this year (+98.8 %) with 27,283,000 yuan of fines (+247.3 %) at city scale,
 *   scaled by ctx.count; closed cases against companies feed their credit ledgers (some fall below the
 *   threshold and are suspended);
 * - service visits (230, 136 problems solved), resident pickups, and recent GPS tracks sent through the
 *   real ingestion path so the real-time rules raise alerts (off-route, dumping stops, overspeed, no permit).
 * Registers scale with ctx.registers, events with ctx.count.
 */
import { sql } from "drizzle-orm";
import { rows } from "../core/db.js";
import type { SeedContext } from "../core/seed.js";
import { ingestPositions } from "../core/tracking.js";
import { systemPrincipal } from "../core/auth.js";
import { cases as coreCases } from "../core/tables.js";
import { CREDIT_RULES, gradeOf } from "./credit.js";
import { bboxOf, lineLengthKm, squareAround } from "./geo.js";
import { dayEnd, shanghaiDay } from "./registers.js";
import { checkAllPlaces, checkOverdueManifests } from "./rules.js";
import { makeRoute, ongoingAt, simulateTrip, type Scenario } from "./sim-tracks.js";
import { companies, creditEntries, disposalPlaces, districtDaily, manifests, permits, pickupRequests, placeDaily, serviceProblems, serviceVisits, siteCarriers, sites, vehicles } from "./tables.js";

const DISTRICTS = [
  { id: 330602, name: "越城", lon: 120.58, lat: 30.0, w: 0.3, place: 0.12 },
  { id: 330603, name: "柯桥", lon: 120.49, lat: 30.08, w: 0.22, place: 0.22 },
  { id: 330604, name: "上虞", lon: 120.87, lat: 30.03, w: 0.16, place: 0.2 },
  { id: 330681, name: "诸暨", lon: 120.24, lat: 29.71, w: 0.15, place: 0.2 },
  { id: 330683, name: "嵊州", lon: 120.82, lat: 29.59, w: 0.09, place: 0.14 },
  { id: 330624, name: "新昌", lon: 120.9, lat: 29.5, w: 0.08, place: 0.12 },
];

const SITE_KINDS = ["地铁站", "安置房", "商住项目", "学校", "医院", "道路工程", "综合体", "产业园", "隧道工程", "桥梁工程"];
const PLACES = ["村", "街道", "镇", "新区", "开发区"];
const COMPANY_SUFFIX = ["渣土运输有限公司", "建筑垃圾清运有限公司", "土方工程有限公司", "运输有限公司", "环境工程有限公司"];
const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const PLATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

async function insertChunks<T>(ctx: SeedContext, table: Parameters<SeedContext["db"]["insert"]>[0], values: T[], size = 2000): Promise<void> {
  for (let i = 0; i < values.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await ctx.db.insert(table).values(values.slice(i, i + size) as any);
  }
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export async function seedConstruction(ctx: SeedContext): Promise<void> {
  const rnd = ctx.random;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const t0 = Date.now();
  const phase = (what: string) => ctx.log(`construction: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const now = new Date();
  const today = shanghaiDay(now);
  const Y = Number(today.slice(0, 4));
  const yearStart = new Date(`${Y}-01-01T00:00:00+08:00`);
  const prevStart = new Date(`${Y - 1}-01-01T00:00:00+08:00`);
  /** Same instant of the year a year before (for year-to-date comparisons). */
  const prevNow = new Date(now.getTime() - (yearStart.getTime() - prevStart.getTime()));
  const pickDistrict = (key: "w" | "place") => {
    let x = rnd();
    for (const d of DISTRICTS) if ((x -= d[key]) <= 0) return d;
    return DISTRICTS[0]!;
  };
  const near = (d: (typeof DISTRICTS)[number], spread = 0.09): [number, number] => [Math.round((d.lon + (rnd() - 0.5) * 2 * spread) * 1e6) / 1e6, Math.round((d.lat + (rnd() - 0.5) * 2 * spread * 0.8) * 1e6) / 1e6];
  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  // ——— companies ———
  const nCompanies = ctx.registers(124, 6);
  const companyRows = Array.from({ length: nCompanies }, (_, i) => {
    const d = pickDistrict("w");
    let code = "91330600";
    for (let k = 0; k < 10; k++) code += CREDIT_ALPHABET[Math.floor(rnd() * CREDIT_ALPHABET.length)];
    code = code.slice(0, 8) + String(i).padStart(4, "0") + code.slice(12);
    return {
      name: `绍兴${d.name}${ctx.faker.string.fromCharacters("鑫盛宏达顺通恒远华安永信汇丰", 2)}${COMPANY_SUFFIX[i % COMPANY_SUFFIX.length]}`,
      creditCode: code,
      districtId: d.id,
      address: `${d.name}${ctx.faker.location.street()}${1 + Math.floor(rnd() * 300)}号`,
      contactName: ctx.faker.person.fullName(),
      contactPhone: `13${Math.floor(100000000 + rnd() * 899999999)}`,
      qualificationNo: `绍渣运资字（${Y - 1 - Math.floor(rnd() * 3)}）第${String(i + 1).padStart(3, "0")}号`,
      qualificationValidFrom: `${Y - 2}-01-01`,
      qualificationValidTo: `${Y + 1 + Math.floor(rnd() * 3)}-12-31`,
      crossDistrict: i < Math.round(nCompanies * (40 / 124)),
    };
  });
  await insertChunks(ctx, companies, companyRows);
  const companyIds = (await rows<{ id: number; district_id: number; cross_district: boolean; qualification_valid_to: string }>(ctx.db, sql`select id, district_id, cross_district, qualification_valid_to::text from construction.companies order by id`)).map((r) => ({ id: r.id, districtId: r.district_id, cross: r.cross_district, validTo: r.qualification_valid_to }));

  // ——— vehicles ———
  const nVehicles = ctx.registers(2356, 20);
  const plates = new Set<string>();
  const vehicleRows = Array.from({ length: nVehicles }, (_, i) => {
    const co = companyIds[i < companyIds.length ? i : Math.floor(rnd() * companyIds.length)]!;
    let plate: string;
    do {
      plate = "浙D";
      for (let k = 0; k < 5; k++) plate += PLATE_ALPHABET[Math.floor(rnd() * PLATE_ALPHABET.length)];
      if (plate[2]! >= "0" && plate[2]! <= "9") plate = plate.slice(0, 2) + "A" + plate.slice(3);
    } while (plates.has(plate));
    plates.add(plate);
    const mud = rnd() < 0.15;
    return { plate, companyId: co.id, districtId: co.districtId, kind: mud ? "MUD_TANKER" : "DUMP_TRUCK", loadM3: (mud ? 12 + Math.floor(rnd() * 6) : 16 + Math.floor(rnd() * 9)).toFixed(2), terminalId: `SX${String(100000 + i)}`, standardCompliant: rnd() > 0.02, status: rnd() < 0.01 ? "SUSPENDED" : "ACTIVE" } as const;
  });
  await insertChunks(ctx, vehicles, vehicleRows);
  await ctx.db.execute(sql`update construction.companies c set vehicle_count = f.n, fleet_load_m3 = f.load
    from (select company_id, count(*)::int as n, sum(load_m3) as load from construction.vehicles where status = 'ACTIVE' group by company_id) f where c.id = f.company_id`);
  const vehicleList = await rows<{ id: number; company_id: number; load_m3: string; plate: string; terminal_id: string; status: string; standard_compliant: boolean }>(
    ctx.db,
    sql`select id, company_id, load_m3::text, plate, terminal_id, status, standard_compliant from construction.vehicles order by id`,
  );

  phase("companies and vehicles");
  // ——— sites ———
  const nSites = ctx.registers(189, 4);
  const weights = Array.from({ length: nSites }, () => Math.exp(rnd() * 2.6));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const plannedTotal = 19_000_000 * (nSites / 189);
  const siteRows: (typeof sites.$inferInsert)[] = [];
  for (let i = 0; i < nSites; i++) {
    const d = pickDistrict("w");
    const [lon, lat] = near(d);
    const start = addDays(`${Y - 2}-07-01`, Math.floor(rnd() * 600));
    const end = addDays(start, 365 + Math.floor(rnd() * 900));
    const fence = squareAround(lon, lat, 120 + Math.floor(rnd() * 120));
    const completed = end < today;
    siteRows.push({
      code: `ZT${start.slice(0, 4)}-${String(d.id).slice(-2)}-${String(i + 1).padStart(5, "0")}`,
      name: `${d.name}${ctx.faker.location.street()}${pick(SITE_KINDS)}`,
      districtId: d.id,
      address: `${d.name}${pick(PLACES)}`,
      lon: String(lon),
      lat: String(lat),
      geofence: fence,
      bbox: bboxOf(fence[0]!),
      material: rnd() < 0.2 ? "MUD" : "SPOIL",
      plannedVolumeM3: r2((weights[i]! / wsum) * plannedTotal).toFixed(2),
      periodFrom: start,
      periodTo: end,
      builder: `${d.name}${pick(["城投集团", "交投集团", "轨道交通集团", "镜湖开发办", "城建开发公司", "教育局", "卫健局"])}`,
      contractor: `浙江${ctx.faker.string.fromCharacters("中建华宏大元城", 2)}建设集团有限公司`,
      gateCameras: 1 + Math.floor(rnd() * 4),
      washingFacility: true,
      status: completed ? "COMPLETED" : start <= today ? "ACTIVE" : "REGISTERED",
      registeredAt: new Date(`${start}T09:00:00+08:00`),
    });
  }
  // A few applications awaiting registration and one rejection, for the workflow.
  for (let i = 0; i < Math.max(2, ctx.registers(6)); i++) {
    const d = pickDistrict("w");
    const [lon, lat] = near(d);
    const fence = squareAround(lon, lat, 150);
    siteRows.push({
      name: `${d.name}${ctx.faker.location.street()}${pick(SITE_KINDS)}（申请中）`,
      districtId: d.id,
      lon: String(lon),
      lat: String(lat),
      geofence: fence,
      bbox: bboxOf(fence[0]!),
      plannedVolumeM3: String(20000 + Math.floor(rnd() * 80000)),
      periodFrom: addDays(today, 20),
      periodTo: addDays(today, 400),
      builder: `${d.name}城投集团`,
      gateCameras: i % 3 === 0 ? 0 : 2,
      washingFacility: i % 3 !== 1,
      status: i === 0 ? "REJECTED" : "APPLIED",
      rejectionReason: i === 0 ? "未安装车辆冲洗设施 / No vehicle washing facility" : null,
    });
  }
  await insertChunks(ctx, sites, siteRows);
  const siteList = (
    await rows<{ id: number; district_id: number; lon: string; lat: string; period_from: string; period_to: string; planned: string; status: string }>(
      ctx.db,
      sql`select id, district_id, lon::text, lat::text, period_from::text, period_to::text, planned_volume_m3::text as planned, status from construction.sites where status in ('REGISTERED','ACTIVE','COMPLETED') order by id`,
    )
  ).map((s) => ({ ...s, lonN: Number(s.lon), latN: Number(s.lat), movedM3: 0 }));

  phase("sites");
  // ——— disposal places ———
  const nPlaces = ctx.registers(182, 4);
  const placeRows: (typeof disposalPlaces.$inferInsert)[] = [];
  const capW = Array.from({ length: nPlaces }, () => 0.3 + rnd());
  const capSum = capW.reduce((a, b) => a + b, 0);
  const capTotal = 19_480_000 * (nPlaces / 182);
  const codeN = new Map<number, number>();
  const placeCode = (d: number) => {
    const n = (codeN.get(d) ?? 0) + 1;
    codeN.set(d, n);
    return `XN-${String(d).slice(-2)}-${String(n).padStart(4, "0")}`;
  };
  for (let i = 0; i < nPlaces; i++) {
    const d = pickDistrict("place");
    const [lon, lat] = near(d, 0.12);
    const fence = squareAround(lon, lat, 200 + Math.floor(rnd() * 200));
    placeRows.push({ code: placeCode(d.id), name: `${d.name}${ctx.faker.location.street()}消纳场`, kind: "DISPOSAL_SITE", districtId: d.id, address: `${d.name}${pick(PLACES)}`, lon: String(lon), lat: String(lat), geofence: fence, bbox: bboxOf(fence[0]!), capacityBasis: "TOTAL", capacity: r2((capW[i]! / capSum) * capTotal).toFixed(2), capacityUnit: "M3", alertThresholdPct: 90, openFrom: `${Y - 3}-01-01` });
  }
  const special: { name: string; kind: "SOLIDIFICATION_CENTRE" | "UTILISATION_PLANT" | "WHARF" | "GREEN_COMPLEX"; d: number; capacity: number; unit: "M3" | "T"; daily: number | null; openFrom: string }[] = [
    { name: "越城区泥浆固化中心", kind: "SOLIDIFICATION_CENTRE", d: 330602, capacity: 3_500_000, unit: "T", daily: null, openFrom: `${Y - 2}-03-01` },
    { name: "柯桥区泥浆固化中心", kind: "SOLIDIFICATION_CENTRE", d: 330603, capacity: 3_000_000, unit: "T", daily: null, openFrom: `${Y - 2}-06-01` },
    { name: "上虞区泥浆固化中心", kind: "SOLIDIFICATION_CENTRE", d: 330604, capacity: 2_800_000, unit: "T", daily: null, openFrom: `${Y - 1}-01-01` },
    { name: "绍兴交投绿色循环建材生产基地", kind: "UTILISATION_PLANT", d: 330602, capacity: 600_000, unit: "M3", daily: null, openFrom: `${Y - 1}-09-01` },
    { name: "上虞区交投集团资源化利用项目", kind: "UTILISATION_PLANT", d: 330604, capacity: 3_000_000, unit: "M3", daily: null, openFrom: `${Y}-12-31` },
    { name: "柯桥美佳热电水陆运输码头", kind: "WHARF", d: 330603, capacity: 8000 * 300, unit: "M3", daily: 8000, openFrom: `${Y}-06-01` },
    { name: "上虞区城市资源再生利用绿色综合体", kind: "GREEN_COMPLEX", d: 330604, capacity: 500 * 365, unit: "T", daily: 500, openFrom: `${Y}-01-01` },
  ];
  for (const s of special) {
    const d = DISTRICTS.find((x) => x.id === s.d)!;
    const [lon, lat] = near(d, 0.05);
    const fence = squareAround(lon, lat, 300);
    placeRows.push({ code: placeCode(d.id), name: s.name, kind: s.kind, districtId: s.d, address: d.name, lon: String(lon), lat: String(lat), geofence: fence, bbox: bboxOf(fence[0]!), capacityBasis: "ANNUAL", capacity: s.capacity.toFixed(2), capacityUnit: s.unit, dailyCapacity: s.daily == null ? null : s.daily.toFixed(2), alertThresholdPct: 90, openFrom: s.openFrom });
  }
  await insertChunks(ctx, disposalPlaces, placeRows);
  const placeList = (
    await rows<{ id: number; district_id: number; lon: string; lat: string; kind: string; capacity: string; open_from: string }>(ctx.db, sql`select id, district_id, lon::text, lat::text, kind, capacity::text, open_from::text from construction.disposal_places order by id`)
  ).map((p) => ({ ...p, lonN: Number(p.lon), latN: Number(p.lat), receivedM3: 0, receivedT: 0 }));
  const fillPlaces = placeList.filter((p) => p.kind === "DISPOSAL_SITE" || p.kind === "UTILISATION_PLANT" || p.kind === "WHARF" || p.kind === "SOLIDIFICATION_CENTRE");
  const nearestPlaces = new Map<number, typeof placeList>();
  for (const s of siteList) {
    const cands = fillPlaces.filter((p) => p.open_from <= today).map((p) => ({ p, d: (p.lonN - s.lonN) ** 2 + (p.latN - s.latN) ** 2 }));
    cands.sort((a, b) => a.d - b.d);
    nearestPlaces.set(s.id, cands.slice(0, 6).map((c) => c.p));
  }

  // ——— site carriers: each site served by 1–3 companies (same district or cross-district) ———
  const carriers: { siteId: number; companyId: number }[] = [];
  const sitesOfCompany = new Map<number, number[]>();
  for (const s of siteList) {
    const local = companyIds.filter((c) => c.districtId === s.district_id || c.cross);
    const n = 1 + Math.floor(rnd() * 3);
    const chosen = new Set<number>();
    for (let k = 0; k < n && local.length; k++) chosen.add(pick(local).id);
    for (const c of chosen) {
      carriers.push({ siteId: s.id, companyId: c });
      sitesOfCompany.set(c, [...(sitesOfCompany.get(c) ?? []), s.id]);
    }
  }
  // Every company serves at least one site.
  for (const c of companyIds)
    if (!sitesOfCompany.has(c.id)) {
      const s = pick(siteList.filter((x) => x.district_id === c.districtId).length ? siteList.filter((x) => x.district_id === c.districtId) : siteList);
      carriers.push({ siteId: s.id, companyId: c.id });
      sitesOfCompany.set(c.id, [s.id]);
    }
  await insertChunks(ctx, siteCarriers, carriers);
  const siteById = new Map(siteList.map((s) => [s.id, s]));
  const companyById = new Map(companyIds.map((c) => [c.id, c]));

  phase("places and carriers");
  // ——— permits: per vehicle, back to back from last January; ~3,000 issued this year ———
  interface P {
    vehicleId: number;
    companyId: number;
    siteId: number;
    placeId: number;
    districtId: number;
    route: number[][];
    from: Date;
    to: Date;
    status: "ACTIVE" | "EXPIRED";
  }
  const permitPlan: P[] = [];
  for (const v of vehicleList) {
    if (v.status !== "ACTIVE" || !v.standard_compliant) continue;
    const co = companyById.get(v.company_id)!;
    let t = new Date(prevStart.getTime() + Math.floor(rnd() * 120) * 86_400_000);
    while (t < now) {
      const day = shanghaiDay(t);
      const cands = (sitesOfCompany.get(co.id) ?? []).map((id) => siteById.get(id)!).filter((s) => s.period_from <= day && s.period_to > addDays(day, 30));
      if (cands.length === 0) {
        t = new Date(t.getTime() + 30 * 86_400_000);
        continue;
      }
      const s = pick(cands);
      const place = pick(nearestPlaces.get(s.id)!.slice(0, 4));
      let to = new Date(t.getTime() + (150 + Math.floor(rnd() * 200)) * 86_400_000);
      const limit = Math.min(dayEnd(s.period_to).getTime(), dayEnd(co.validTo).getTime());
      if (to.getTime() > limit) to = new Date(limit);
      permitPlan.push({ vehicleId: v.id, companyId: co.id, siteId: s.id, placeId: place.id, districtId: s.district_id, route: makeRoute([s.lonN, s.latN], [place.lonN, place.latN], rnd), from: t, to, status: to <= now ? "EXPIRED" : "ACTIVE" });
      t = new Date(to.getTime() + Math.floor(rnd() * 20) * 86_400_000);
    }
  }
  permitPlan.sort((a, b) => a.from.getTime() - b.from.getTime());
  let permitSeq = 0;
  const permitValues = permitPlan.map((p) => {
    permitSeq++;
    return {
      number: `ZY${shanghaiDay(p.from).slice(0, 4)}-${String(p.districtId).slice(-2)}-${String(permitSeq).padStart(6, "0")}`,
      vehicleId: p.vehicleId,
      companyId: p.companyId,
      siteId: p.siteId,
      disposalPlaceId: p.placeId,
      districtId: p.districtId,
      route: p.route,
      routeBbox: bboxOf(p.route),
      routeLengthKm: lineLengthKm(p.route).toFixed(2),
      validFrom: p.from,
      validTo: p.to,
      status: p.status,
      verifyToken: `demo${permitSeq.toString(36)}${Math.floor(rnd() * 1e12).toString(36)}`,
      appliedBy: `company:${p.companyId}`,
      appliedAt: new Date(p.from.getTime() - 2 * 86_400_000),
      decidedBy: "user:housing",
      decidedAt: new Date(p.from.getTime() - 86_400_000),
      createdAt: new Date(p.from.getTime() - 2 * 86_400_000),
      updatedAt: p.status === "EXPIRED" ? p.to : new Date(p.from.getTime() - 86_400_000),
    };
  });
  await insertChunks(ctx, permits, permitValues, 1000);
  await ctx.db.execute(sql`select setval('construction.permit_number_seq', ${permitSeq + 1})`);
  const permitIds = await rows<{ id: number; number: string }>(ctx.db, sql`select id, number from construction.permits order by id`);
  const permitIdByNumber = new Map(permitIds.map((p) => [p.number, p.id]));
  // A few pending applications for the approval queue.
  const pendingVehicles = vehicleList.filter((v) => v.status === "ACTIVE" && v.standard_compliant).slice(0, Math.max(3, ctx.registers(12)));
  const pending = [];
  for (const v of pendingVehicles) {
    const last = permitPlan.filter((p) => p.vehicleId === v.id).pop();
    const from = last && last.to > now ? last.to : new Date(now.getTime() + 86_400_000);
    const s = siteById.get((sitesOfCompany.get(v.company_id) ?? [])[0]!)!;
    const place = nearestPlaces.get(s.id)![0]!;
    const route = makeRoute([s.lonN, s.latN], [place.lonN, place.latN], rnd);
    const end = new Date(Math.min(from.getTime() + 120 * 86_400_000, dayEnd(s.period_to).getTime()));
    if (end <= from) continue;
    pending.push({ vehicleId: v.id, companyId: v.company_id, siteId: s.id, disposalPlaceId: place.id, districtId: s.district_id, route, routeBbox: bboxOf(route), routeLengthKm: lineLengthKm(route).toFixed(2), validFrom: from, validTo: end, status: "PENDING" as const, appliedBy: "user:transport.demo", appliedAt: now });
  }
  if (pending.length) await insertChunks(ctx, permits, pending);

  phase("permits");
  // ——— trips (manifests) along the permits, last year and this year to date ———
  const placeById = new Map(placeList.map((p) => [p.id, p]));
  const daily = new Map<string, { d: number; day: string; moved: number; trips: number; issued: number }>();
  const pdaily = new Map<string, { p: number; d: number; day: string; m3: number; t: number; trips: number }>();
  const bumpDistrict = (d: number, day: string, moved: number, trips: number, issued: number) => {
    const k = `${d}|${day}`;
    const x = daily.get(k) ?? { d, day, moved: 0, trips: 0, issued: 0 };
    x.moved += moved;
    x.trips += trips;
    x.issued += issued;
    daily.set(k, x);
  };
  for (const p of permitPlan) bumpDistrict(p.districtId, shanghaiDay(new Date(p.from.getTime() - 86_400_000)), 0, 0, 1);
  const tripsPerDay = 0.45 * (ctx.count(1000, 1) / 1000);
  const manifestRows: (typeof manifests.$inferInsert)[] = [];
  let mSeq = 0;
  const loadOf = new Map(vehicleList.map((v) => [v.id, Number(v.load_m3)]));
  for (const [idx, p] of permitPlan.entries()) {
    const from = Math.max(p.from.getTime(), prevStart.getTime());
    const to = Math.min(p.to.getTime(), now.getTime() - 3 * 3600_000);
    if (to <= from) continue;
    const days = (to - from) / 86_400_000;
    let n = days * tripsPerDay;
    n = Math.floor(n) + (rnd() < n - Math.floor(n) ? 1 : 0);
    const permitNumber = permitValues[idx]!.number;
    const permitId = permitIdByNumber.get(permitNumber)!;
    const site = siteById.get(p.siteId)!;
    const place = placeById.get(p.placeId)!;
    const load = loadOf.get(p.vehicleId)!;
    const times = Array.from({ length: n }, () => from + rnd() * (to - from)).sort((a, b) => a - b);
    for (const t of times) {
      const opened = new Date(t);
      // Day-time trips: shift to 06:00–22:00 Shanghai.
      const h = (opened.getUTCHours() + 8) % 24;
      if (h < 6) opened.setTime(opened.getTime() + 7 * 3600_000);
      const closed = new Date(opened.getTime() + (25 + Math.floor(rnd() * 60)) * 60_000);
      if (closed >= now) continue;
      const sent = load;
      if (site.movedM3 + sent > Number(site.planned)) break; // the site has no more spoil
      const received = rnd() < 0.03 ? r2(sent * (0.7 + rnd() * 0.15)) : r2(sent * (0.96 + rnd() * 0.04));
      const weight = r2(received * (1.5 + rnd() * 0.3));
      mSeq++;
      manifestRows.push({
        number: `LD${shanghaiDay(opened).replace(/-/g, "")}-${String(mSeq).padStart(7, "0")}`,
        vehicleId: p.vehicleId,
        companyId: p.companyId,
        permitId,
        siteId: p.siteId,
        districtId: p.districtId,
        plannedPlaceId: p.placeId,
        status: "CLOSED",
        openedVia: rnd() < 0.8 ? "GATE_SCAN" : "GEOFENCE",
        openedAt: opened,
        sentVolumeM3: sent.toFixed(2),
        closedAt: closed,
        disposalPlaceId: p.placeId,
        receivedVolumeM3: received.toFixed(2),
        receivedWeightT: weight.toFixed(2),
        volumeDiffM3: (sent - received).toFixed(2),
        createdAt: opened,
        updatedAt: closed,
      });
      site.movedM3 += sent;
      place.receivedM3 += received;
      place.receivedT += weight;
      const day = shanghaiDay(closed);
      bumpDistrict(p.districtId, day, sent, 1, 0);
      const pk = `${p.placeId}|${day}`;
      const px = pdaily.get(pk) ?? { p: p.placeId, d: place.district_id, day, m3: 0, t: 0, trips: 0 };
      px.m3 += received;
      px.t += weight;
      px.trips++;
      pdaily.set(pk, px);
    }
  }
  // Trips in transit now (opened within the last 2 hours), and some overdue (opened 8–20 hours ago).
  const activePermits = permitPlan.filter((p) => p.status === "ACTIVE" && p.from <= now);
  const openRows: (typeof manifests.$inferInsert)[] = [];
  const usedVehicles = new Set<number>();
  const nOpen = Math.min(activePermits.length, ctx.registers(150, 5));
  for (let i = 0; i < nOpen; i++) {
    const p = activePermits[Math.floor(rnd() * activePermits.length)]!;
    if (usedVehicles.has(p.vehicleId)) continue;
    usedVehicles.add(p.vehicleId);
    const overdue = i % 10 === 0;
    const opened = new Date(now.getTime() - (overdue ? (8 + rnd() * 12) * 3600_000 : rnd() * 2 * 3600_000));
    mSeq++;
    const idx = permitPlan.indexOf(p);
    openRows.push({ number: `LD${shanghaiDay(opened).replace(/-/g, "")}-${String(mSeq).padStart(7, "0")}`, vehicleId: p.vehicleId, companyId: p.companyId, permitId: permitIdByNumber.get(permitValues[idx]!.number)!, siteId: p.siteId, districtId: p.districtId, plannedPlaceId: p.placeId, status: "OPEN", openedVia: "GATE_SCAN", openedAt: opened, sentVolumeM3: loadOf.get(p.vehicleId)!.toFixed(2), createdAt: opened, updatedAt: opened });
  }
  await insertChunks(ctx, manifests, [...manifestRows, ...openRows], 2500);
  await ctx.db.execute(sql`select setval('construction.manifest_number_seq', ${mSeq + 1})`);
  await ctx.db.execute(sql`select setval('construction.site_code_seq', ${siteRows.length + 1})`);

  phase("manifests");
  // Three of the busiest fill sites are nearly full (capacity alerts); their spare capacity moves to the
  // others, so the register still totals ~19,480,000 m³.
  const fills = placeList.filter((p) => p.kind === "DISPOSAL_SITE").sort((a, b) => b.receivedM3 - a.receivedM3);
  const full = fills.slice(0, 3).filter((p) => p.receivedM3 > 0);
  if (full.length && fills.length > full.length) {
    let freed = 0;
    const caps = new Map(fills.map((p) => [p.id, Number(p.capacity)]));
    for (const [i, p] of full.entries()) {
      const cap = r2(p.receivedM3 / (i === 0 ? 0.97 : 0.92));
      freed += caps.get(p.id)! - cap;
      caps.set(p.id, cap);
    }
    const rest = fills.slice(full.length);
    const restSum = rest.reduce((a, p) => a + caps.get(p.id)!, 0);
    for (const p of rest) caps.set(p.id, r2(caps.get(p.id)! + (freed * caps.get(p.id)!) / restSum));
    const capJson = JSON.stringify([...caps.entries()].map(([i, c]) => ({ i, c: c.toFixed(2) })));
    await ctx.db.execute(sql`update construction.disposal_places d set capacity = r.c from jsonb_to_recordset(${capJson}::jsonb) as r(i int, c numeric) where d.id = r.i`);
  }

  // Read models from the same rows.
  const siteMoved = siteList.filter((s) => s.movedM3 > 0);
  for (let i = 0; i < siteMoved.length; i += 500) {
    const chunk = JSON.stringify(siteMoved.slice(i, i + 500).map((s) => ({ i: s.id, m: s.movedM3.toFixed(2) })));
    await ctx.db.execute(sql`update construction.sites s set moved_volume_m3 = r.m from jsonb_to_recordset(${chunk}::jsonb) as r(i int, m numeric) where s.id = r.i`);
  }
  const placeRecv = placeList.filter((p) => p.receivedM3 > 0);
  for (let i = 0; i < placeRecv.length; i += 500) {
    const chunk = JSON.stringify(placeRecv.slice(i, i + 500).map((p) => ({ i: p.id, m: p.receivedM3.toFixed(2), t: p.receivedT.toFixed(2) })));
    await ctx.db.execute(sql`update construction.disposal_places s set received_m3 = r.m, received_t = r.t from jsonb_to_recordset(${chunk}::jsonb) as r(i int, m numeric, t numeric) where s.id = r.i`);
  }

  phase("read models");
  // ——— resident pickups (Shangyu green complex, one-click service) ———
  const complex = placeList.find((p) => p.kind === "GREEN_COMPLEX")!;
  const nPickups = ctx.count(40000, 20);
  const pickupRows: (typeof pickupRequests.$inferInsert)[] = [];
  for (let i = 0; i < nPickups; i++) {
    const requested = new Date(yearStart.getTime() + rnd() * (now.getTime() - yearStart.getTime()));
    const kind = pick(["RENOVATION", "RENOVATION", "BULKY", "GARDEN"] as const);
    const preferred = shanghaiDay(new Date(requested.getTime() + (1 + Math.floor(rnd() * 3)) * 86_400_000));
    const age = now.getTime() - requested.getTime();
    const base = { trackingCode: `YY${shanghaiDay(requested).replace(/-/g, "").slice(2)}${(i + 1).toString(16).toUpperCase().padStart(8, "0")}`, districtId: 330604, residentName: ctx.faker.person.fullName(), phone: `13${Math.floor(100000000 + rnd() * 899999999)}`, address: `上虞区${ctx.faker.location.street()}${1 + Math.floor(rnd() * 200)}号`, wasteKind: kind, estimatedWeightKg: 100 + Math.floor(rnd() * 900), preferredDate: preferred < today ? preferred : today, requestedAt: requested, updatedAt: requested };
    if (age < 86_400_000 * 0.5) {
      pickupRows.push({ ...base, status: "REQUESTED" });
      continue;
    }
    const scheduledFor = new Date(`${base.preferredDate}T09:00:00+08:00`);
    if (age < 86_400_000 || rnd() < 0.01) {
      pickupRows.push({ ...base, status: rnd() < 0.5 ? "SCHEDULED" : "CANCELLED", scheduledFor, crew: "上虞一键清运一组", cancelReason: null });
      continue;
    }
    const weightKg = Math.round(base.estimatedWeightKg * (0.7 + rnd() * 0.6));
    const collectedAt = new Date(Math.min(scheduledFor.getTime() + rnd() * 6 * 3600_000, now.getTime() - 3600_000));
    const deliveredAt = new Date(Math.min(collectedAt.getTime() + 2 * 3600_000, now.getTime() - 60_000));
    pickupRows.push({ ...base, status: "DELIVERED", scheduledFor, crew: pick(["上虞一键清运一组", "上虞一键清运二组", "曹娥街道清运队"]), collectedAt, weightKg, facilityId: complex.id, deliveredAt, updatedAt: deliveredAt });
    const day = shanghaiDay(deliveredAt);
    const pk = `${complex.id}|${day}`;
    const px = pdaily.get(pk) ?? { p: complex.id, d: complex.district_id, day, m3: 0, t: 0, trips: 0 };
    px.t += weightKg / 1000;
    px.trips++;
    pdaily.set(pk, px);
    complex.receivedT += weightKg / 1000;
  }
  await insertChunks(ctx, pickupRequests, pickupRows);
  await ctx.db.execute(sql`update construction.disposal_places set received_t = ${complex.receivedT.toFixed(2)} where id = ${complex.id}`);

  await insertChunks(
    ctx,
    districtDaily,
    [...daily.values()].map((x) => ({ districtId: x.d, day: x.day, movedM3: x.moved.toFixed(2), trips: x.trips, permitsIssued: x.issued })),
  );
  await insertChunks(
    ctx,
    placeDaily,
    [...pdaily.values()].map((x) => ({ placeId: x.p, day: x.day, districtId: x.d, receivedM3: x.m3.toFixed(2), receivedT: x.t.toFixed(2), trips: x.trips })),
  );

  phase("pickups and rollups");
  // ——— cases: this year 4,252 / 27,283,000 yuan; last year 2,139 / 7,855,700 yuan (city scale) ———
  const violationMix: [string, number][] = [
    ["SPILLAGE", 0.22],
    ["MUDDY_WHEELS", 0.2],
    ["NO_PERMIT", 0.14],
    ["OFF_ROUTE", 0.1],
    ["ILLEGAL_DUMPING", 0.08],
    ["OVERLOAD", 0.08],
    ["UNREGISTERED_SITE", 0.05],
    ["OVERSPEED", 0.05],
    ["PERMIT_EXPIRED", 0.04],
    ["GPS_TAMPERING", 0.02],
    ["OTHER", 0.02],
  ];
  const pickViolation = () => {
    let x = rnd();
    for (const [v, w] of violationMix) if ((x -= w) <= 0) return v;
    return "OTHER";
  };
  interface CaseDraft {
    openedAt: Date;
    fine: number;
    violation: string;
    source: "ALERT" | "PATROL" | "CAMPAIGN" | "INSPECTION" | "REPORT";
    campaign: string | null;
    subjectType: string;
    subjectId: number | null;
    subjectLabel: string;
    districtId: number;
    companyId: number | null;
  }
  const problemCompany = companyIds[companyIds.length - 1]!.id;
  const makeCases = (count: number, totalFen: number, from: Date, to: Date): CaseDraft[] => {
    const out: CaseDraft[] = [];
    const w = Array.from({ length: count }, () => 0.2 + rnd() * rnd() * 4);
    const sum = w.reduce((a, b) => a + b, 0);
    // Whole hundreds of yuan; the rounding remainder goes to the largest fine, so the total is exact.
    const fens = w.map((x) => Math.round(((x / sum) * totalFen) / 10000) * 10000);
    let maxI = 0;
    for (let i = 1; i < count; i++) if (fens[i]! > fens[maxI]!) maxI = i;
    fens[maxI]! += totalFen - fens.reduce((a, b) => a + b, 0);
    for (let i = 0; i < count; i++) {
      const fen = fens[i]!;
      const openedAt = new Date(from.getTime() + rnd() * (to.getTime() - from.getTime()));
      const month = Number(shanghaiDay(openedAt).slice(5, 7));
      const campaign = month >= 3 && month <= 4 && rnd() < 0.5 ? "春雷" : month >= 6 && month <= 8 && rnd() < 0.5 ? "利剑" : null;
      const r = rnd();
      let subjectType = "Vehicle";
      let subjectId: number | null = null;
      let subjectLabel = "";
      let districtId = pickDistrict("w").id;
      let companyId: number | null = null;
      const violation = pickViolation();
      if (r < 0.15) {
        // A quarter of the company cases hit one repeat offender (its qualification ends up suspended).
        const pool = rnd() < 0.25 ? vehicleList.filter((x) => x.company_id === problemCompany) : vehicleList;
        const v = pool[Math.floor(rnd() * pool.length)]!;
        subjectId = v.id;
        subjectLabel = v.plate;
        companyId = v.company_id;
        districtId = companyById.get(v.company_id)!.districtId;
      } else if (r < 0.45) {
        const s = siteList[Math.floor(rnd() * siteList.length)]!;
        subjectType = "ExcavationSite";
        subjectId = s.id;
        subjectLabel = `工地 #${s.id}`;
        districtId = s.district_id;
      } else {
        // Unqualified trucks outside the register: the main target of the campaigns.
        let plate = "浙D";
        for (let k = 0; k < 5; k++) plate += PLATE_ALPHABET[Math.floor(rnd() * PLATE_ALPHABET.length)];
        subjectLabel = plate.replace(/^(浙D)([0-9])/, "$1A");
      }
      out.push({ openedAt, fine: fen / 100, violation, source: campaign ? "CAMPAIGN" : pick(["PATROL", "PATROL", "ALERT", "INSPECTION", "REPORT"] as const), campaign, subjectType, subjectId, subjectLabel, districtId, companyId });
    }
    return out;
  };
  const thisYear = makeCases(ctx.count(4252), Math.round(27_283_000 * 100 * (ctx.count(4252) / 4252)), yearStart, now);
  const lastYear = makeCases(ctx.count(2139), Math.round(7_855_700 * 100 * (ctx.count(2139) / 2139)), prevStart, prevNow);
  const allCases = [...lastYear, ...thisYear].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  const siteName = new Map(siteRows.map((s, i) => [i + 1, s.name]));
  const caseValues = allCases.map((c, i) => {
    const closed = c.openedAt.getTime() < now.getTime() - 20 * 86_400_000 || rnd() < 0.3;
    const decided = new Date(c.openedAt.getTime() + (3 + rnd() * 10) * 86_400_000);
    const closedAt = new Date(Math.min(decided.getTime() + (2 + rnd() * 8) * 86_400_000, now.getTime() - 60_000));
    return {
      number: `tmp-${i}`,
      stream: "construction",
      source: c.source,
      campaign: c.campaign,
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      subjectLabel: c.subjectType === "ExcavationSite" ? (siteName.get(c.subjectId!) ?? c.subjectLabel) : c.subjectLabel,
      districtId: c.districtId,
      orgKind: c.companyId ? "construction.company" : null,
      orgId: c.companyId,
      violationType: c.violation,
      description: `${CREDIT_RULES.violations.find((v) => v.code === c.violation)!.labelZh}${c.campaign ? `（${c.campaign}行动）` : ""}`,
      fineYuan: c.fine.toFixed(2),
      status: closed ? "CLOSED" : decided < now ? "DECIDED" : "INVESTIGATING",
      openedAt: c.openedAt,
      decidedAt: decided < now ? decided : null,
      closedAt: closed ? closedAt : null,
      updatedAt: closed ? closedAt : c.openedAt,
    };
  });
  await insertChunks(ctx, coreCases, caseValues);
  await ctx.db.execute(sql`update core.cases set number = 'JZ' || to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(id::text, 6, '0') where stream = 'construction' and number like 'tmp-%'`);

  // Credit ledgers from the closed company cases, in closing order (as the case hook would have done).
  const closedCompanyCases = await rows<{ id: number; org_id: number; violation_type: string; number: string; closed_at: Date | string }>(
    ctx.db,
    sql`select id, org_id, violation_type, number, closed_at from core.cases where stream = 'construction' and status = 'CLOSED' and org_kind = 'construction.company' order by closed_at, id`,
  );
  const score = new Map(companyIds.map((c) => [c.id, { score: 100, grade: "A", status: "VALID" as string, suspendedAt: null as Date | null, reason: null as string | null }]));
  const ledger: (typeof creditEntries.$inferInsert)[] = [];
  for (const c of closedCompanyCases) {
    const s = score.get(c.org_id)!;
    const v = CREDIT_RULES.violations.find((x) => x.code === c.violation_type)!;
    const after = Math.max(0, s.score - v.deduction);
    const at = new Date(c.closed_at);
    ledger.push({ companyId: c.org_id, at, cause: "VIOLATION", violationType: v.code, caseId: c.id, delta: after - s.score, scoreBefore: s.score, scoreAfter: after, gradeBefore: s.grade, gradeAfter: gradeOf(after), note: `${c.number} ${v.labelZh}`, actor: "user:enforcement" });
    s.score = after;
    s.grade = gradeOf(after);
    if (s.status === "VALID" && after < CREDIT_RULES.suspensionThreshold) {
      s.status = "SUSPENDED";
      s.suspendedAt = at;
      s.reason = `信用分 ${after} 低于 ${CREDIT_RULES.suspensionThreshold} 分，自动暂停资质 / Credit score ${after} below ${CREDIT_RULES.suspensionThreshold}: qualification suspended automatically`;
      ledger.push({ companyId: c.org_id, at, cause: "SUSPENSION", delta: 0, scoreBefore: after, scoreAfter: after, gradeBefore: s.grade, gradeAfter: s.grade, note: s.reason, actor: "system:credit-rules" });
    }
  }
  // Quarterly clean-record bonuses for companies without violations in a quarter (last quarter only, for brevity).
  for (const c of companyIds) {
    const s = score.get(c.id)!;
    if (s.status === "VALID" && s.score < 100 && rnd() < 0.3) {
      const after = Math.min(100, s.score + 2);
      ledger.push({ companyId: c.id, at: new Date(now.getTime() - 30 * 86_400_000), cause: "BONUS", delta: after - s.score, scoreBefore: s.score, scoreAfter: after, gradeBefore: s.grade, gradeAfter: gradeOf(after), note: "CLEAN_QUARTER: 季度无违规", actor: "user:housing" });
      s.score = after;
      s.grade = gradeOf(after);
    }
  }
  await insertChunks(ctx, creditEntries, ledger);
  const scoreJson = JSON.stringify([...score.entries()].map(([id, s]) => ({ i: id, s: s.score, g: s.grade, st: s.status, sa: s.suspendedAt?.toISOString() ?? null, r: s.reason })));
  await ctx.db.execute(sql`update construction.companies c set credit_score = r.s, credit_grade = r.g, qualification_status = r.st, suspended_at = r.sa, suspension_reason = r.r
    from jsonb_to_recordset(${scoreJson}::jsonb) as r(i int, s int, g text, st text, sa timestamptz, r text) where c.id = r.i`);

  phase("cases and credit");
  // ——— service visits: 230 visits, 136 problems solved ———
  const nVisits = ctx.count(230, 3);
  const nSolved = ctx.count(136, 2);
  const visitRows = Array.from({ length: nVisits }, () => {
    const co = companyIds[Math.floor(rnd() * companyIds.length)]!;
    return { companyId: co.id, districtId: co.districtId, visitedAt: new Date(yearStart.getTime() + rnd() * (now.getTime() - yearStart.getTime())), visitor: pick(["住建局 王科长", "综合执法局 李队长", "渣土办 陈主任", "住建局 赵工"]), summary: "“三服务”走访：政策解读、审批与车辆问题收集 / Service visit: policy, approvals, vehicles" };
  });
  await insertChunks(ctx, serviceVisits, visitRows);
  const visitIds = await rows<{ id: number; company_id: number; visited_at: Date | string }>(ctx.db, sql`select id, company_id, visited_at from construction.service_visits order by id`);
  const cats = ["APPROVAL", "VEHICLE_LEASING", "DISPOSAL_CAPACITY", "ROUTE", "POLICY", "OTHER"];
  const problemRows = Array.from({ length: nSolved + Math.max(1, Math.round(nSolved * 0.15)) }, (_, i) => {
    const v = visitIds[Math.floor(rnd() * visitIds.length)]!;
    const cat = pick(cats);
    const solved = i < nSolved;
    const at = new Date(v.visited_at);
    return { visitId: v.id, companyId: v.company_id, category: cat, description: cat === "APPROVAL" ? "准运证审批材料咨询" : cat === "VEHICLE_LEASING" ? "车辆租借手续" : cat === "DISPOSAL_CAPACITY" ? "就近消纳场库容紧张" : "其他问题", status: solved ? "SOLVED" : "OPEN", solution: solved ? "已协调解决 / Resolved with the departments" : null, solvedAt: solved ? new Date(Math.min(at.getTime() + 7 * 86_400_000, now.getTime() - 60_000)) : null } as const;
  });
  await insertChunks(ctx, serviceProblems, problemRows);

  // ——— demo operator account ———
  const demoCompany = companyIds.find((c) => c.cross && score.get(c.id)!.status === "VALID") ?? companyIds[0]!;
  await ctx.account({ username: "transport.demo", displayName: "渣土运输企业演示账号", role: "OPERATOR", org: { kind: "construction.company", id: demoCompany.id }, districtId: null, description: "渣土运输企业（仅本企业车辆、准运证、联单）/ Transport company (own vehicles, permits, manifests)" });

  phase("visits");
  // ——— recent tracks through the real ingestion path: the real-time rules raise alerts ———
  await seedTracks(ctx, now, activePermits.map((p) => ({ ...p, number: permitValues[permitPlan.indexOf(p)]!.number })), vehicleList, siteList, placeList, usedVehicles);
  phase("tracks");
  await ctx.write("seedSchedules", async (w) => {
    await checkOverdueManifests(w, now);
    await checkAllPlaces(w, now);
  });
  ctx.log(`construction: ${companyIds.length} companies, ${vehicleList.length} vehicles, ${siteList.length} sites, ${placeList.length} places, ${permitValues.length} permits, ${manifestRows.length + openRows.length} manifests, ${allCases.length} cases`);
}

async function seedTracks(
  ctx: SeedContext,
  now: Date,
  active: { vehicleId: number; route: number[][]; siteId: number; placeId: number; number: string }[],
  vehicleList: { id: number; terminal_id: string; status: string }[],
  siteList: { id: number; lonN: number; latN: number }[],
  placeList: { id: number; lonN: number; latN: number }[],
  busy: Set<number>,
): Promise<void> {
  const rnd = ctx.random;
  const terminal = new Map(vehicleList.map((v) => [v.id, v.terminal_id]));
  const chosen = active.filter((p) => !busy.has(p.vehicleId)).slice(0, ctx.registers(120, 6));
  const scenarios: Scenario[] = ["offRoute", "dumping", "overspeed", "normal", "normal", "normal", "normal", "normal"];
  const points: Record<string, unknown>[] = [];
  const interval = 30;
  for (const [i, p] of chosen.entries()) {
    const scenario = scenarios[i % scenarios.length]!;
    const start = new Date(now.getTime() - (40 + rnd() * 50) * 60_000);
    let track = simulateTrip(p.route, start, interval, scenario, rnd);
    // Half of the deviating trucks are deviating right now (open alerts on the live map).
    if (scenario !== "normal" && i % 16 < 8) track = ongoingAt(track, now);
    for (const pt of track) if (pt.at < now) points.push({ terminalId: terminal.get(p.vehicleId), time: pt.at.toISOString(), lon: pt.lon, lat: pt.lat, speed: pt.speedKmh, heading: pt.heading });
  }
  // A few trucks without any permit driving between a site and a place.
  const withPermit = new Set(active.map((p) => p.vehicleId));
  const bare = vehicleList.filter((v) => v.status === "ACTIVE" && !withPermit.has(v.id)).slice(0, Math.max(2, ctx.registers(6)));
  for (const v of bare) {
    const s = siteList[Math.floor(rnd() * siteList.length)]!;
    const pl = placeList[Math.floor(rnd() * placeList.length)]!;
    const route = makeRoute([s.lonN, s.latN], [pl.lonN, pl.latN], rnd);
    for (const pt of simulateTrip(route, new Date(now.getTime() - 30 * 60_000), interval, "noPermit", rnd)) if (pt.at < now) points.push({ terminalId: v.terminal_id, time: pt.at.toISOString(), lon: pt.lon, lat: pt.lat, speed: pt.speedKmh, heading: pt.heading });
  }
  const principal = { ...systemPrincipal("seed-gps"), kind: "apiKey" as const, role: undefined, scopes: ["construction:ingest"] };
  for (let i = 0; i < points.length; i += 5000) await ingestPositions(ctx.app, principal, points.slice(i, i + 5000));
}

