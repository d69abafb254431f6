/**
 * Demo data of the hazardous-waste stream at the bulletin's scale (Nov 2021 bulletin, §危废):
 *   census: 24,864 enterprises (18,256 small/micro), 1,114 social sources, 143 training batches with
 *   7,529 attendees, 4,732 hazards of which 2,124 rectified — registers (full at demo scale);
 *   small/micro collection: 9 operators; contracts with 3,248 enterprises, 145 laboratories, 871 auto-repair
 *   shops (registers); 1,861 / 116 / 1,433 collections of 4,749.85 t / 43.14 t / 1,249.61 t this year
 *   (events: scaled with ctx.count, tonnage scaled exactly to the gram);
 *   transport (Keqiao): 5 companies, 65 vehicles, 45 drivers/escorts, plus a few elsewhere;
 *   tens of thousands of manifests a year in every state (events), 43 decommissioning projects,
 *   23 unlicensed-transport cases with 696,000 yuan of fines (events), hotel and plastic-ban checks.
 * Deterministic: ctx.random only. Bulk multi-row inserts in chunks; read models rebuilt at the end.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { rows } from "../core/db.js";
import type { Writer } from "../../graphql/mutation.js";
import { openCase, transitionCase } from "../core/cases.js";
import type { SeedContext } from "../core/seed.js";
import { ORG } from "./access.js";
import { TYPICAL_CODES, WASTE_CODES } from "./catalogue.js";
import { checkOverdueHazards } from "./census.js";
import { makeCreditCode } from "./credit-code.js";
import { diffPct, formatKg } from "./decimal.js";
import { DECOMMISSION_STEPS, STEP_LABELS } from "./decommission.js";
import { checkExpiringLicences } from "./licences.js";
import { raiseDiscrepancyAlert, type ManifestRow } from "./manifest-machine.js";
import { rebuildRollups, shanghaiDay } from "./rollups.js";
import {
  carriers,
  collectionContracts,
  collectionOperators,
  collectionRunLines,
  collectionRuns,
  decommissionProjects,
  decommissionSteps,
  documents,
  facilities,
  facilityCapacities,
  hazardEvents,
  hazards,
  inspections,
  manifestEvents,
  manifestLines,
  manifests,
  roadSegments,
  trainingAttendance,
  trainingSessions,
  transportPeople,
  units,
  vehicles,
  waybills,
  type ManifestState,
  type UnitKind,
} from "./tables.js";
import { bboxOf, checkOverdueManifests } from "./tracking-rules.js";

/** The bulletin's figures (截至 2021-11-26). */
export const BULLETIN = {
  enterprises: 24_864,
  smallMicro: 18_256,
  socialSources: 1_114,
  trainingBatches: 143,
  trainingAttendees: 7_529,
  hazards: 4_732,
  hazardsRectified: 2_124,
  operators: 9,
  collection: {
    INDUSTRIAL: { contracts: 3_248, runs: 1_861, grams: 4_749_850_000n },
    LABORATORY: { contracts: 145, runs: 116, grams: 43_140_000n },
    AUTO_REPAIR: { contracts: 871, runs: 1_433, grams: 1_249_610_000n },
  },
  keqiaoTransport: { companies: 5, vehicles: 65, people: 45 },
  unlicensedTransportCases: 23,
  unlicensedTransportFinesYuan: 696_000,
  decommissionProjects: 43,
  manifestsPerYear: 40_000,
} as const;

/** Collection targets for a scale: runs via ctx.count, tonnage scaled exactly (grams). */
export function collectionTargets(count: (n: number, min?: number) => number, factor: number) {
  const t = BULLETIN.collection;
  const scale = (g: bigint) => (g * BigInt(Math.round(factor * 1_000_000))) / 1_000_000n;
  return {
    INDUSTRIAL: { runs: count(t.INDUSTRIAL.runs), grams: scale(t.INDUSTRIAL.grams) },
    LABORATORY: { runs: count(t.LABORATORY.runs), grams: scale(t.LABORATORY.grams) },
    AUTO_REPAIR: { runs: count(t.AUTO_REPAIR.runs), grams: scale(t.AUTO_REPAIR.grams) },
  };
}

const DISTRICTS = [
  { id: 330602, w: 0.14, lon: 120.58, lat: 30.0, towns: ["斗门", "马山", "孙端", "皋埠", "陶堰", "东湖"] },
  { id: 330603, w: 0.28, lon: 120.49, lat: 30.08, towns: ["华舍", "齐贤", "杨汛桥", "钱清", "安昌", "马鞍", "兰亭", "平水"] },
  { id: 330604, w: 0.18, lon: 120.87, lat: 30.03, towns: ["百官", "道墟", "杭州湾", "崧厦", "小越", "丰惠"] },
  { id: 330681, w: 0.22, lon: 120.24, lat: 29.71, towns: ["店口", "大唐", "山下湖", "枫桥", "次坞", "牌头"] },
  { id: 330683, w: 0.09, lon: 120.82, lat: 29.59, towns: ["三界", "甘霖", "长乐", "黄泽", "崇仁"] },
  { id: 330624, w: 0.09, lon: 120.9, lat: 29.5, towns: ["七星", "澄潭", "羽林", "儒岙", "南明"] },
] as const;
const WORDS = ["宏达", "永盛", "华美", "金鑫", "恒通", "天成", "远东", "新世纪", "瑞丰", "精工", "汇丰", "东方", "联合", "海天", "中兴", "长城", "众鑫", "明辉", "振华", "嘉诚"];
const INDUSTRIES = [
  ["印染", "纺织印染"],
  ["纺织", "纺织"],
  ["化工", "化学原料和化学制品"],
  ["机械", "通用设备制造"],
  ["电子", "计算机、通信和电子设备"],
  ["医药", "医药制造"],
  ["塑料", "橡胶和塑料制品"],
  ["金属制品", "金属制品"],
  ["家具", "家具制造"],
  ["汽配", "汽车零部件"],
] as const;
const SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "建华", "国强", "海燕", "晓东", "志刚", "文斌", "春梅"];

type Rnd = () => number;
const pick = <T>(r: Rnd, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const int = (r: Rnd, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const dayStr = (d: Date) => shanghaiDay(d);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const person = (r: Rnd) => pick(r, [...SURNAMES]) + pick(r, GIVEN);
const token = (r: Rnd) => {
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let s = "";
  for (let i = 0; i < 22; i++) s += a[Math.floor(r() * 64)];
  return s;
};

/**
 * Bulk insert: each chunk is one statement with one JSON parameter expanded by jsonb_to_recordset — much
 * cheaper to parse than thousands of bind parameters (matters on embedded PGlite).
 */
async function bulkIds<T>(w: Writer, table: PgTable, list: T[], size = 5000, returning = true): Promise<number[]> {
  if (list.length === 0) return [];
  const cfg = getTableConfig(table);
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const cols = cfg.columns.filter((c) => list.some((row) => (row as Record<string, unknown>)[c.name] !== undefined));
  const def = sql.raw(cols.map((c) => `"${snake(c.name)}" ${c.getSQLType()}`).join(", "));
  const names = sql.raw(cols.map((c) => `"${snake(c.name)}"`).join(", "));
  const target = sql.raw(`"${cfg.schema}"."${cfg.name}"`);
  const ids: number[] = [];
  for (let i = 0; i < list.length; i += size) {
    const chunk = list.slice(i, i + size).map((row) => {
      const o: Record<string, unknown> = {};
      for (const c of cols) {
        const v = (row as Record<string, unknown>)[c.name];
        o[snake(c.name)] = v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? `\\x${v.toString("hex")}` : v === undefined ? null : v;
      }
      return o;
    });
    const q = sql`insert into ${target} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${def}) ${returning ? sql`returning id` : sql``}`;
    const res = await rows<{ id: number }>(w.tx, q);
    if (returning) ids.push(...res.map((x) => Number(x.id)));
  }
  return ids;
}
async function bulk<T>(w: Writer, table: PgTable, list: T[], size = 5000): Promise<void> {
  await bulkIds(w, table, list, size, false);
}

function districtOf(r: Rnd) {
  let x = r();
  for (const d of DISTRICTS) {
    if (x < d.w) return d;
    x -= d.w;
  }
  return DISTRICTS[0];
}
const jitter = (r: Rnd, v: number, spread: number) => (v + (r() - 0.5) * spread).toFixed(6);

/** Splits `total` grams into `n` positive parts with random weights (exact sum). */
export function splitGrams(r: Rnd, total: bigint, n: number): bigint[] {
  if (n === 0) return [];
  const weights = Array.from({ length: n }, () => 0.2 + r() * r() * 4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const min = 1000n; // 1 kg at least
  const spread = total - min * BigInt(n);
  const parts = weights.map((w) => min + BigInt(Math.floor((Number(spread) * w) / sum)));
  const diff = total - parts.reduce((a, b) => a + b, 0n);
  parts[parts.length - 1]! += diff;
  return parts;
}

export async function seedHazardous(ctx: SeedContext): Promise<void> {
  const r = ctx.random;
  const now = new Date();
  const today = dayStr(now);
  const year = Number(today.slice(0, 4));
  const yearStart = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000); // 00:00 Asia/Shanghai
  const prevYearStart = new Date(Date.UTC(year - 1, 0, 1) - 8 * 3600_000);
  const codes = new Set<string>();
  const credit = (adcode: number, authority = "91") => {
    for (;;) {
      const c = makeCreditCode(r, adcode, authority);
      if (!codes.has(c)) {
        codes.add(c);
        return c;
      }
    }
  };
  let t0 = Date.now();
  const log = (m: string) => {
    ctx.log(`hazardous: ${m} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    t0 = Date.now();
  };

  // ——— transport, facilities, operators, road segments ———
  const transport = await ctx.write("seed.hazardous.transport", async (w) => {
    const carrierRows: (typeof carriers.$inferInsert)[] = [];
    const keqiaoNames = ["绍兴华鑫环保科技有限公司", "绍兴柯桥安达危险品运输有限公司", "绍兴顺畅危货运输有限公司", "绍兴柯桥恒运物流有限公司", "浙江绿洲危险货物运输有限公司"];
    for (const name of keqiaoNames) carrierRows.push({ name, creditCode: credit(330603), districtId: 330603, permitNo: `浙交运管许可绍字${330603}${int(r, 100, 999)}号`, permitValidTo: addDays(today, int(r, 200, 900)) });
    const others = [
      [330602, "绍兴越城危货运输有限公司"],
      [330604, "上虞众联物流有限公司"],
      [330681, "诸暨市安通危险品运输有限公司"],
      [330683, "嵊州市恒安运输有限公司"],
      [330624, "新昌县危货运输有限公司"],
    ] as const;
    for (const [d, name] of others) carrierRows.push({ name, creditCode: credit(d), districtId: d, permitNo: `浙交运管许可绍字${d}${int(r, 100, 999)}号`, permitValidTo: addDays(today, int(r, 200, 900)) });
    const carrierIds = await bulkIds(w, carriers, carrierRows);
    const vehicleRows: (typeof vehicles.$inferInsert)[] = [];
    const peopleRows: (typeof transportPeople.$inferInsert)[] = [];
    const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    let plateNo = 0;
    carrierIds.forEach((cid, i) => {
      const keqiao = i < 5;
      const nVeh = keqiao ? [15, 14, 13, 12, 11][i]! : 8;
      const nPeople = keqiao ? [11, 10, 9, 8, 7][i]! : 6;
      for (let k = 0; k < nVeh; k++) {
        plateNo++;
        const expiring = plateNo % 17 === 0;
        const expired = plateNo % 41 === 0;
        vehicleRows.push({
          carrierId: cid,
          plate: `浙D${letters[plateNo % letters.length]}${String(1000 + plateNo * 7).slice(-4)}`,
          terminalId: `HZ-GPS-${String(plateNo).padStart(5, "0")}`,
          vehicleType: pick(r, ["厢式危险品运输车", "罐式危险品运输车", "厢式危险品运输车"]),
          loadKg: `${pick(r, [5000, 8000, 10000, 15000])}.000`,
          licenceNo: `浙交运管绍字${String(330600000000 + plateNo)}`,
          licenceValidTo: expired ? addDays(today, -int(r, 1, 20)) : expiring ? addDays(today, int(r, 3, 28)) : addDays(today, int(r, 60, 700)),
          districtId: carrierRows[i]!.districtId!,
        });
      }
      for (let k = 0; k < nPeople; k++) {
        const role = k % 2 === 0 ? "DRIVER" : "ESCORT";
        const idx = peopleRows.length + 1;
        peopleRows.push({
          carrierId: cid,
          name: person(r),
          role,
          qualificationNo: `330600${String(19800000 + idx * 37)}`,
          qualificationValidTo: idx % 19 === 0 ? addDays(today, int(r, 2, 25)) : idx % 43 === 0 ? addDays(today, -int(r, 1, 30)) : addDays(today, int(r, 90, 1500)),
          phone: `13${int(r, 0, 9)}${String(int(r, 0, 99999999)).padStart(8, "0")}`,
        });
      }
    });
    const vehicleIds = await bulkIds(w, vehicles, vehicleRows);
    const peopleIds = await bulkIds(w, transportPeople, peopleRows);
    const fleet = carrierIds.map((cid, i) => ({
      id: cid,
      districtId: carrierRows[i]!.districtId!,
      vehicles: vehicleIds.filter((_, k) => vehicleRows[k]!.carrierId === cid),
      drivers: peopleIds.filter((_, k) => peopleRows[k]!.carrierId === cid && peopleRows[k]!.role === "DRIVER"),
      escorts: peopleIds.filter((_, k) => peopleRows[k]!.carrierId === cid && peopleRows[k]!.role === "ESCORT"),
    }));

    // Licensed facilities (the first three are named in the bulletin) with capacities per category.
    const fac = [
      ["绍兴凤登环保有限公司", 330603, ["HW06", "HW08", "HW11", "HW12", "HW13", "HW49"], "DISPOSAL"],
      ["绍兴越信环保有限公司", 330602, ["HW08", "HW09", "HW17", "HW22", "HW34", "HW35", "HW49"], "UTILISATION"],
      ["绍兴市上虞众联环保有限公司", 330604, ["HW06", "HW11", "HW12", "HW13", "HW17", "HW49", "HW50"], "DISPOSAL"],
      ["浙江金泰莱环保科技有限公司", 330681, ["HW17", "HW22", "HW31", "HW34", "HW35"], "UTILISATION"],
      ["嵊州市绿源固废处置有限公司", 330683, ["HW08", "HW09", "HW49", "HW29", "HW50"], "DISPOSAL"],
      ["新昌县环境科技有限公司", 330624, ["HW06", "HW08", "HW12", "HW49"], "DISPOSAL"],
      ["绍兴华鑫再生资源有限公司", 330603, ["HW08", "HW09", "HW31", "HW49"], "UTILISATION"],
    ] as const;
    const facilityIds: { id: number; districtId: number; categories: readonly string[]; lon: number; lat: number }[] = [];
    for (const [name, d, cats, method] of fac) {
      const dd = DISTRICTS.find((x) => x.id === d)!;
      const lon = Number(jitter(r, dd.lon, 0.06));
      const lat = Number(jitter(r, dd.lat, 0.06));
      const [f] = await w.tx.insert(facilities).values({ name, creditCode: credit(d), districtId: d, licenceNo: `浙危废经第${int(r, 3300, 3399)}${int(r, 10, 99)}号`, licenceValidTo: addDays(today, int(r, 100, 1200)), lon: lon.toFixed(6), lat: lat.toFixed(6) }).returning();
      facilityIds.push({ id: f!.id, districtId: d, categories: cats, lon, lat });
      for (const cat of cats) {
        await w.tx.insert(facilityCapacities).values({ facilityId: f!.id, category: cat, method, tonnesPerYear: `${int(r, 8, 60) * 500}`, startsOn: "2019-01-01" });
        if (r() < 0.25) await w.tx.insert(facilityCapacities).values({ facilityId: f!.id, category: cat, method, tonnesPerYear: `${int(r, 4, 20) * 500}`, startsOn: `${Math.min(2025, year + 1)}-07-01` });
      }
    }

    const opNames = ["绍兴市小微危废收运中心", "柯桥区环境科技服务有限公司", "上虞区小微企业危废收集有限公司", "诸暨市环保服务有限公司", "嵊州市危废收集中心", "新昌县环境服务有限公司", "越城区固废收运有限公司", "绍兴滨海新区危废收集有限公司", "绍兴蓝天环保服务有限公司"];
    const opDistricts = [330602, 330603, 330604, 330681, 330683, 330624, 330602, 330603, 330681];
    const operatorIds = await bulkIds(
      w,
      collectionOperators,
      opNames.map((name, i) => ({ name, creditCode: credit(opDistricts[i]!), districtId: opDistricts[i]!, licenceNo: `3306CZ${String(i + 1).padStart(4, "0")}`, licenceValidTo: addDays(today, int(r, 120, 900)), capacityTPerYear: `${int(r, 2, 8) * 1000}` })),
    );

    // Speed-limited road segments (schematic lines near the industrial zones).
    const segs: (typeof roadSegments.$inferInsert)[] = [];
    for (const d of DISTRICTS) {
      for (let k = 0; k < 2; k++) {
        const a: [number, number] = [Number(jitter(r, d.lon, 0.1)), Number(jitter(r, d.lat, 0.1))];
        const line: [number, number][] = [a, [a[0] + 0.03 + r() * 0.03, a[1] + (r() - 0.5) * 0.02], [a[0] + 0.07 + r() * 0.03, a[1] + (r() - 0.5) * 0.04]];
        const bb = bboxOf(line);
        const limit = pick(r, [40, 60, 60, 80]);
        segs.push({ name: `${d.towns[k]}${limit === 40 ? "镇区道路" : limit === 60 ? "工业园区主干道" : "快速路"}（危货限速 ${limit}）`, districtId: d.id, speedLimitKmh: limit, line, bufferM: 30, restricted: false, minLon: bb[0].toFixed(6), minLat: bb[1].toFixed(6), maxLon: bb[2].toFixed(6), maxLat: bb[3].toFixed(6) });
      }
    }
    // Restricted roads (禁行路段): the old town of Yuecheng (fixed lines, no random draws).
    for (const [name, line] of [
      ["越城区古城核心区解放路（危货禁行）", [[120.5806, 29.9905], [120.5812, 30.0021], [120.5818, 30.0105]]],
      ["越城区古城核心区胜利路（危货禁行）", [[120.5652, 30.0008], [120.5781, 30.0011], [120.5905, 30.0015]]],
    ] as [string, [number, number][]][]) {
      const bb = bboxOf(line);
      segs.push({ name, districtId: 330602, speedLimitKmh: 30, line, bufferM: 25, restricted: true, minLon: bb[0].toFixed(6), minLat: bb[1].toFixed(6), maxLon: bb[2].toFixed(6), maxLat: bb[3].toFixed(6) });
    }
    await bulk(w, roadSegments, segs);
    return { fleet, facilityIds, operatorIds };
  });
  log("transport, facilities, operators");

  // ——— units (the census list) ———
  const nEnt = ctx.registers(BULLETIN.enterprises);
  const nSmall = ctx.registers(BULLETIN.smallMicro);
  const nSocial = ctx.registers(BULLETIN.socialSources);
  // Social sources: 160 laboratories, 880 auto-repair shops, 44 hospitals, the rest schools (1,114 in all).
  const socialCut = [ctx.registers(160), ctx.registers(160) + ctx.registers(880), ctx.registers(160) + ctx.registers(880) + ctx.registers(44)];
  const unitRows: (typeof units.$inferInsert)[] = [];
  for (let i = 0; i < nEnt; i++) {
    const d = districtOf(r);
    const [ind, industry] = pick(r, INDUSTRIES);
    const small = i < nSmall;
    unitRows.push({
      name: `绍兴${pick(r, d.towns)}${pick(r, WORDS)}${ind}${small ? "" : "股份"}有限公司`,
      creditCode: credit(d.id),
      kind: "ENTERPRISE",
      smallMicro: small,
      districtId: d.id,
      industry,
      address: `${pick(r, d.towns)}街道${int(r, 1, 300)}号`,
      contact: person(r),
      phone: `0575-${int(r, 80000000, 89999999)}`,
      lon: jitter(r, d.lon, 0.22),
      lat: jitter(r, d.lat, 0.18),
      annualGenerationT: small ? (r() * 2).toFixed(3) : (5 + r() * r() * 400).toFixed(3),
      censusCheckedOn: addDays(`${year}-03-01`, int(r, 0, 240)),
      registeredOn: addDays(`${year - 2}-01-01`, int(r, 0, 700)),
    });
  }
  for (let i = 0; i < nSocial; i++) {
    const d = districtOf(r);
    const kind: UnitKind = i < socialCut[0] ? "LABORATORY" : i < socialCut[1] ? "AUTO_REPAIR" : i < socialCut[2] ? "HOSPITAL" : "SCHOOL";
    const name =
      kind === "LABORATORY"
        ? `${pick(r, d.towns)}${pick(r, ["检测", "检验", "研发", "质检"])}实验室${i}`
        : kind === "AUTO_REPAIR"
          ? `${pick(r, d.towns)}${pick(r, WORDS)}汽车维修服务部`
          : kind === "HOSPITAL"
            ? `${pick(r, d.towns)}${pick(r, ["人民医院", "中医院", "社区卫生服务中心"])}`
            : kind === "SCHOOL"
              ? `${pick(r, d.towns)}${pick(r, ["中学", "职业技术学校", "实验小学"])}`
              : `${pick(r, d.towns)}社会源单位${i}`;
    unitRows.push({
      name,
      creditCode: credit(d.id, kind === "HOSPITAL" || kind === "SCHOOL" ? "12" : kind === "AUTO_REPAIR" ? "92" : "91"),
      kind,
      smallMicro: false,
      districtId: d.id,
      industry: kind === "AUTO_REPAIR" ? "机动车维修" : kind === "LABORATORY" ? "检验检测" : kind === "HOSPITAL" ? "卫生" : "教育",
      address: `${pick(r, d.towns)}路${int(r, 1, 500)}号`,
      contact: person(r),
      phone: `0575-${int(r, 80000000, 89999999)}`,
      lon: jitter(r, d.lon, 0.2),
      lat: jitter(r, d.lat, 0.16),
      annualGenerationT: (r() * 3).toFixed(3),
      censusCheckedOn: addDays(`${year}-03-01`, int(r, 0, 240)),
      registeredOn: addDays(`${year - 2}-01-01`, int(r, 0, 700)),
    });
  }
  const unitIds = await ctx.write("seed.hazardous.units", (w) => bulkIds(w, units, unitRows));
  const U = unitRows.map((u, i) => ({ id: unitIds[i]!, kind: u.kind as UnitKind, small: u.smallMicro!, districtId: u.districtId!, name: u.name!, lon: Number(u.lon), lat: Number(u.lat), industry: u.industry! }));
  log(`${U.length} units`);

  // ——— training, inspections, hazards ———
  await ctx.write("seed.hazardous.census", async (w) => {
    const nBatches = ctx.registers(BULLETIN.trainingBatches);
    const nAttendees = ctx.registers(BULLETIN.trainingAttendees);
    const per = splitGrams(r, BigInt(nAttendees) * 1000n, nBatches).map((g) => Number(g / 1000n));
    per[per.length - 1]! += nAttendees - per.reduce((a, b) => a + b, 0);
    const sessions = per.map((n, i) => {
      const d = DISTRICTS[i % DISTRICTS.length]!;
      return { districtId: d.id, title: `工业固废全面排查培训（第${i + 1}批）`, heldOn: addDays(`${year}-03-15`, int(r, 0, 200)), trainer: `${pick(r, ["市固管中心", "生态环境分局", "第三方排查单位"])} ${person(r)}`, attendeeCount: n };
    });
    const sessionIds = await bulkIds(w, trainingSessions, sessions);
    const att: (typeof trainingAttendance.$inferInsert)[] = [];
    sessionIds.forEach((sid, i) => {
      const inDistrict = U.filter((u) => u.districtId === sessions[i]!.districtId);
      const seen = new Set<string>();
      for (let k = 0; k < per[i]!; k++) {
        const unitId = inDistrict.length ? pick(r, inDistrict).id : null;
        let name = person(r);
        while (seen.has(`${unitId}|${name}`)) name = person(r) + pick(r, GIVEN);
        seen.add(`${unitId}|${name}`);
        att.push({ sessionId: sid, unitId, personName: name, role: pick(r, ["环保专员", "安全主管", "生产经理", "排查员"]) });
      }
    });
    await bulk(w, trainingAttendance, att, 4000);

    // Hazards: found in the census this year; 2,124 of 4,732 verified; open ones mostly not yet due.
    const nHaz = ctx.registers(BULLETIN.hazards);
    const nVerified = ctx.registers(BULLETIN.hazardsRectified);
    const cats = ["STORAGE", "LABELLING", "LEDGER", "TRANSFER", "DISPOSAL", "POLLUTION_CONTROL", "OTHER"];
    const descs: Record<string, string[]> = {
      STORAGE: ["危废贮存间未做防渗漏处理", "危废露天堆放，无防雨措施", "贮存场所无导流沟和收集池"],
      LABELLING: ["危废包装无识别标签", "贮存场所未设置警示标志", "标签信息填写不全"],
      LEDGER: ["未建立危废管理台账", "台账记录与实际不符", "未按月申报危废产生情况"],
      TRANSFER: ["危废转移未执行联单制度", "委托无资质单位转移", "转移量与联单不一致"],
      DISPOSAL: ["危废超期贮存（超过一年）", "自行处置废矿物油", "废活性炭未及时委托处置"],
      POLLUTION_CONTROL: ["废气处理设施未正常运行", "废水预处理设施跑冒滴漏", "污泥未规范暂存"],
      OTHER: ["未编制危废管理计划", "应急预案未备案", "人员未经培训上岗"],
    };
    const pool = U.filter((u) => u.kind === "ENTERPRISE" || r() < 0.5);
    const hazRows: (typeof hazards.$inferInsert)[] = [];
    const inspRows: (typeof inspections.$inferInsert)[] = [];
    for (let i = 0; i < nHaz; i++) {
      const u = pool[Math.floor(r() * pool.length)]!;
      const cat = pick(r, cats);
      const foundOn = addDays(`${year}-04-01`, int(r, 0, Math.max(1, Math.min(200, Math.round((now.getTime() - Date.parse(`${year}-04-01`)) / 86_400_000) - 5))));
      const verified = i < nVerified;
      const deadline = addDays(foundOn, pick(r, [15, 30, 30, 60, 90]));
      const status: "FOUND" | "RECTIFYING" | "SUBMITTED" | "VERIFIED" = verified ? "VERIFIED" : pick(r, ["FOUND", "RECTIFYING", "RECTIFYING", "SUBMITTED"] as const);
      const openDeadline = !verified && r() > 0.12 ? addDays(today, int(r, 3, 120)) : deadline;
      hazRows.push({
        unitId: u.id,
        districtId: u.districtId,
        category: cat,
        severity: pick(r, ["LOW", "MEDIUM", "MEDIUM", "HIGH"]),
        description: pick(r, descs[cat]!),
        responsibleUnit: u.name,
        deadline: verified ? deadline : openDeadline,
        status,
        evidence: status === "SUBMITTED" || verified ? "已按要求完成整改，附现场照片和台账" : null,
        foundOn,
        submittedAt: status === "SUBMITTED" || verified ? new Date(Date.parse(`${foundOn}T02:00:00Z`) + int(r, 3, 25) * 86_400_000) : null,
        verifiedAt: verified ? new Date(Date.parse(`${foundOn}T06:00:00Z`) + int(r, 26, 60) * 86_400_000) : null,
        overdueAlertedAt: null,
      });
      inspRows.push({ kind: "CENSUS", unitId: u.id, subjectName: u.name, districtId: u.districtId, inspectedOn: foundOn, inspector: `排查组 ${person(r)}`, findings: [{ item: cat, description: hazRows[i]!.description!, serious: hazRows[i]!.severity === "HIGH" }], findingCount: 1 });
    }
    // Verified dates must not be in the future.
    for (const hr of hazRows) if (hr.verifiedAt && hr.verifiedAt > now) hr.verifiedAt = new Date(now.getTime() - int(r, 1, 72) * 3600_000);
    for (const hr of hazRows) if (hr.submittedAt && hr.submittedAt > now) hr.submittedAt = new Date(now.getTime() - int(r, 73, 200) * 3600_000);
    const inspIds = await bulkIds(w, inspections, inspRows);
    hazRows.forEach((hr, i) => (hr.inspectionId = inspIds[i]));
    const hazIds = await bulkIds(w, hazards, hazRows);
    const ev: (typeof hazardEvents.$inferInsert)[] = [];
    hazRows.forEach((hr, i) => {
      const id = hazIds[i]!;
      const at0 = new Date(`${hr.foundOn}T02:00:00Z`);
      ev.push({ hazardId: id, action: "found", fromStatus: null, toStatus: "FOUND", actor: "seed", note: hr.description, at: at0 });
      if (hr.status === "FOUND") return;
      ev.push({ hazardId: id, action: "startRectification", fromStatus: "FOUND", toStatus: "RECTIFYING", actor: "seed", at: new Date(at0.getTime() + 86_400_000) });
      if (hr.status === "RECTIFYING") return;
      ev.push({ hazardId: id, action: "submitEvidence", fromStatus: "RECTIFYING", toStatus: "SUBMITTED", actor: "seed", note: hr.evidence, at: hr.submittedAt! });
      if (hr.status === "SUBMITTED") return;
      ev.push({ hazardId: id, action: "verify", fromStatus: "SUBMITTED", toStatus: "VERIFIED", actor: "seed", at: hr.verifiedAt! });
    });
    await bulk(w, hazardEvents, ev, 4000);
  });
  log("training, inspections, hazards");

  // ——— small/micro collection ———
  const targets = collectionTargets(ctx.count, ctx.count(1_000_000, 0) / 1_000_000);
  await ctx.write("seed.hazardous.collection", async (w) => {
    const ops = transport.operatorIds;
    const contractRows: (typeof collectionContracts.$inferInsert)[] = [];
    const want = { INDUSTRIAL: ctx.registers(3_248), LABORATORY: ctx.registers(145), AUTO_REPAIR: ctx.registers(871) };
    const candidates = {
      INDUSTRIAL: U.filter((u) => u.kind === "ENTERPRISE" && u.small),
      LABORATORY: U.filter((u) => u.kind === "LABORATORY"),
      AUTO_REPAIR: U.filter((u) => u.kind === "AUTO_REPAIR"),
    };
    for (const type of ["INDUSTRIAL", "LABORATORY", "AUTO_REPAIR"] as const) {
      const list = candidates[type];
      const n = Math.min(want[type], list.length);
      // A deterministic spread over the list: every k-th candidate.
      const step = list.length / Math.max(1, n);
      for (let i = 0; i < n; i++) {
        const u = list[Math.floor(i * step)]!;
        const op = ops[i % ops.length]!;
        contractRows.push({ operatorId: op, unitId: u.id, unitType: type, districtId: u.districtId, signedOn: addDays(`${year - 2}-09-01`, int(r, 0, 110)), validTo: addDays(`${year + 1}-12-31`, int(r, 0, 365)) });
      }
    }
    const contractIds = await bulkIds(w, collectionContracts, contractRows);
    const byType = (t: string) => contractRows.map((c, i) => ({ ...c, id: contractIds[i]! })).filter((c) => c.unitType === t);
    const runRows: (typeof collectionRuns.$inferInsert)[] = [];
    const lineRows: { code: string; grams: bigint }[][] = [];
    const span = now.getTime() - 6 * 3600_000 - yearStart.getTime();
    const prevSpan = yearStart.getTime() - prevYearStart.getTime();
    for (const type of ["INDUSTRIAL", "LABORATORY", "AUTO_REPAIR"] as const) {
      const cs = byType(type);
      if (!cs.length) continue;
      for (const [label, t, from, len] of [
        ["current", targets[type], yearStart.getTime(), span],
        ["previous", { runs: Math.round(targets[type].runs * 0.72), grams: (targets[type].grams * 70n) / 100n }, prevYearStart.getTime(), prevSpan],
      ] as const) {
        const parts = splitGrams(r, t.grams, t.runs);
        for (let k = 0; k < t.runs; k++) {
          const c = cs[Math.floor(r() * cs.length)]!;
          const at = new Date(from + Math.floor(r() * len));
          runRows.push({ operatorId: c.operatorId, contractId: c.id, unitId: c.unitId, unitType: type, districtId: c.districtId, collectedAt: at, totalKg: formatKg(parts[k]!) });
          const codesOf = TYPICAL_CODES[type];
          const nLines = parts[k]! > 20_000n && r() < 0.5 ? 2 : 1;
          if (nLines === 1) lineRows.push([{ code: pick(r, codesOf), grams: parts[k]! }]);
          else {
            const a = (parts[k]! * BigInt(int(r, 30, 70))) / 100n;
            const c1 = pick(r, codesOf);
            let c2 = pick(r, codesOf);
            if (c2 === c1) c2 = codesOf[(codesOf.indexOf(c1) + 1) % codesOf.length]!;
            lineRows.push([
              { code: c1, grams: a },
              { code: c2, grams: parts[k]! - a },
            ]);
          }
        }
        void label;
      }
    }
    const runIds = await bulkIds(w, collectionRuns, runRows);
    const lines: (typeof collectionRunLines.$inferInsert)[] = [];
    runIds.forEach((id, i) => lineRows[i]!.forEach((l) => lines.push({ runId: id, wasteCode: l.code, quantityKg: formatKg(l.grams) })));
    await bulk(w, collectionRunLines, lines, 4000);
  });
  log("collection");

  // ——— transfer manifests ———
  const demoTrio = { producer: U.find((u) => u.kind === "ENTERPRISE" && !u.small && u.districtId === 330603)!, carrier: transport.fleet[0]!, receiver: transport.facilityIds[0]! };
  await seedManifests(ctx, U, transport, demoTrio, { yearStart, prevYearStart, now });
  log("manifests");

  // ——— decommissioning (Yuecheng printing-and-dyeing relocation) ———
  await ctx.write("seed.hazardous.decommission", async (w) => {
    const nProj = ctx.registers(BULLETIN.decommissionProjects);
    const yc = U.filter((u) => u.districtId === 330602 && u.kind === "ENTERPRISE" && !u.small).slice(0, nProj);
    for (const u of yc) await w.tx.update(units).set({ industry: "纺织印染" }).where(sql`id = ${u.id}`);
    const projIds = await bulkIds(
      w,
      decommissionProjects,
      yc.map((u) => ({ unitId: u.id, districtId: 330602, oldSite: `越城区${pick(r, ["斗门", "马山", "孙端"])}街道${int(r, 1, 200)}号（原厂区）`, newSite: "柯桥区滨海印染产业集聚区", currentStep: "NOT_STARTED" })),
    );
    const steps: (typeof decommissionSteps.$inferInsert)[] = [];
    const docs: (typeof documents.$inferInsert)[] = [];
    projIds.forEach((pid, i) => {
      const reached = i % 9; // spread over the pipeline
      const done = Math.min(4, Math.floor(reached / 2));
      const inProgress = reached % 2 === 1 && done < 4;
      let current = "NOT_STARTED";
      DECOMMISSION_STEPS.forEach((s, k) => {
        const start = new Date(Date.parse(`${year}-03-01T01:00:00Z`) + (k * 40 + int(r, 0, 10)) * 86_400_000);
        const status = k < done ? "DONE" : k === done && inProgress ? "IN_PROGRESS" : "NOT_STARTED";
        if (status !== "NOT_STARTED") current = s;
        steps.push({ projectId: pid, step: s, status, startedAt: status === "NOT_STARTED" ? null : start, completedAt: status === "DONE" ? new Date(start.getTime() + 30 * 86_400_000) : null, note: "" });
        if (status === "DONE") {
          const text = `${yc[i]!.name}\n${STEP_LABELS[s][0]}\n编制单位：绍兴市环境科学研究院\n日期：${dayStr(start)}\n`;
          const content = Buffer.from(text, "utf8");
          docs.push({ ownerType: "DecommissionProject", ownerId: pid, step: s, fileName: `${STEP_LABELS[s][0]}.txt`, mimeType: "text/plain", sizeBytes: content.length, sha256: createHash("sha256").update(content).digest("hex"), content, uploadedBy: "seed" });
        }
      });
      void current;
    });
    await bulk(w, decommissionSteps, steps);
    if (docs.length) await bulk(w, documents, docs, 500);
    await w.tx.execute(sql`update hazardous.decommission_projects p set current_step = coalesce((select s.step from hazardous.decommission_steps s where s.project_id = p.id and s.status <> 'NOT_STARTED' order by array_position(array['PLAN_FILED','DEMOLITION','SOIL_SURVEY','TRANSITION'], s.step) desc limit 1), 'NOT_STARTED'),
      completed = exists (select 1 from hazardous.decommission_steps s where s.project_id = p.id and s.step = 'TRANSITION' and s.status = 'DONE')`);
  });
  log("decommissioning");

  // ——— inspections and cases ———
  await ctx.write("seed.hazardous.cases", async (w) => {
    const nCases = ctx.count(BULLETIN.unlicensedTransportCases);
    const fines = splitGrams(r, BigInt(Math.round((BULLETIN.unlicensedTransportFinesYuan * nCases) / BULLETIN.unlicensedTransportCases)) * 1000n, nCases).map((g) => (g / 1000n) * 1000n);
    const totalFine = BigInt(Math.round((BULLETIN.unlicensedTransportFinesYuan * nCases) / BULLETIN.unlicensedTransportCases));
    fines[fines.length - 1]! += totalFine * 1000n - fines.reduce((a, b) => a + b, 0n);
    for (let i = 0; i < nCases; i++) {
      const c = await openCase(w, {
        stream: "hazardous",
        source: "PATROL",
        campaign: "危险货物道路运输专项整治",
        subjectType: "Vehicle",
        subjectLabel: `浙D${String(int(r, 10000, 99999))}（未取得道路危险货物运输许可）`,
        districtId: 330603,
        violationType: "未经许可擅自从事道路危险货物运输",
        description: "区交通执法队结合道路视频监控查获",
        fineYuan: (fines[i]! / 1000n).toString(),
        openedAt: new Date(yearStart.getTime() + Math.floor(r() * (now.getTime() - yearStart.getTime() - 86_400_000))),
      });
      if (i % 3 !== 0) {
        const d = await transitionCase(w, c, "decide");
        await transitionCase(w, d, "close");
      }
    }
    // Hotel one-time supplies (Shangyu 128 checks, 37 notices, 2 cases; Yuecheng 8 star hotels, 1 case) and plastic-ban checks.
    const hotel = (districtId: number, n: number, findings: number, cases: number, town: readonly string[]) =>
      Array.from({ length: n }, (_, i) => ({ districtId, i, hasFinding: i < findings, caseIt: i < cases, name: `${pick(r, town)}${pick(r, ["国际大酒店", "宾馆", "商务酒店", "度假酒店"])}${i}` }));
    const list = [
      ...hotel(330604, ctx.count(128), ctx.count(37), ctx.count(2), DISTRICTS[2]!.towns),
      ...hotel(330602, ctx.count(8), ctx.count(1), ctx.count(1), DISTRICTS[0]!.towns),
    ];
    for (const x of list) {
      const findings = x.hasFinding ? [{ item: "一次性消费用品", description: "主动向消费者提供一次性牙刷、梳子等用品", serious: x.caseIt }] : [];
      const [row] = await w.tx.insert(inspections).values({ kind: "HOTEL_SUPPLIES", subjectName: x.name, districtId: x.districtId, inspectedOn: addDays(`${year}-11-01`, int(r, 0, Math.max(0, Math.min(25, Math.round((now.getTime() - Date.parse(`${year}-11-01`)) / 86_400_000) - 1)))), inspector: "文广旅游局执法队", findings, findingCount: findings.length }).returning();
      if (x.caseIt) {
        const c = await openCase(w, { stream: "hazardous", source: "INSPECTION", campaign: "一次性消费用品专项整治", subjectType: "InspectedPlace", subjectLabel: x.name, districtId: x.districtId, violationType: "主动提供一次性消费用品", fineYuan: "0" });
        await w.tx.update(inspections).set({ caseId: c.id }).where(sql`id = ${row!.id}`);
      }
    }
    const plastic = ctx.count(60, 3);
    const places = ["农贸市场", "商场超市", "小餐饮", "快递网点", "塑料制品批发点", "风景旅游区"];
    const rows: (typeof inspections.$inferInsert)[] = [];
    for (let i = 0; i < plastic; i++) {
      const d = pick(r, DISTRICTS);
      const bad = r() < 0.3;
      rows.push({ kind: "PLASTIC_BAN", subjectName: `${pick(r, d.towns)}${pick(r, places)}${i}`, districtId: d.id, inspectedOn: addDays(`${year}-11-18`, int(r, 0, 1)), inspector: "省联合督查组", findings: bad ? [{ item: "不可降解塑料袋", description: "仍在使用不可降解塑料购物袋", serious: false }] : [], findingCount: bad ? 1 : 0 });
    }
    await bulk(w, inspections, rows);
  });
  log("inspections and cases");

  // ——— read models, then alerts of the scheduled rules ———
  await ctx.write("seed.hazardous.rollups", (w) => rebuildRollups(w.tx));
  log("read models");
  await ctx.write("seed.hazardous.alerts", async (w) => {
    await checkExpiringLicences(w, today, 30);
    await checkOverdueHazards(w, today, 60);
    await checkOverdueManifests(w, now, 200);
  });
  log("alerts");

  // ——— demo operator accounts: one producer, one carrier, one receiver, one collection operator ———
  const [fac] = await ctx.db.select({ name: facilities.name }).from(facilities).where(sql`id = ${demoTrio.receiver.id}`);
  const [car] = await ctx.db.select({ name: carriers.name }).from(carriers).where(sql`id = ${demoTrio.carrier.id}`);
  await ctx.account({ username: "hz.producer", displayName: demoTrio.producer.name, role: "OPERATOR", org: { kind: ORG.unit, id: demoTrio.producer.id }, description: `产废单位（移出人）/ Waste producer: ${demoTrio.producer.name}` });
  await ctx.account({ username: "hz.carrier", displayName: car!.name, role: "OPERATOR", org: { kind: ORG.carrier, id: demoTrio.carrier.id }, description: `危货运输企业（承运人）/ Carrier: ${car!.name}` });
  await ctx.account({ username: "hz.receiver", displayName: fac!.name, role: "OPERATOR", org: { kind: ORG.facility, id: demoTrio.receiver.id }, description: `利用处置单位（接受人）/ Receiver: ${fac!.name}` });
  await ctx.account({ username: "hz.collector", displayName: "绍兴市小微危废收运中心", role: "OPERATOR", org: { kind: ORG.operator, id: transport.operatorIds[0]! }, description: "小微收运单位 / Small/micro collection operator" });
}

interface Transport {
  fleet: { id: number; districtId: number; vehicles: number[]; drivers: number[]; escorts: number[] }[];
  facilityIds: { id: number; districtId: number; categories: readonly string[]; lon: number; lat: number }[];
  operatorIds: number[];
}

const FORMS: Record<string, "SOLID" | "SEMI_SOLID" | "LIQUID"> = { HW06: "LIQUID", HW08: "LIQUID", HW09: "LIQUID", HW11: "SEMI_SOLID", HW12: "SEMI_SOLID", HW13: "SEMI_SOLID", HW17: "SEMI_SOLID", HW22: "LIQUID", HW29: "SOLID", HW31: "SOLID", HW34: "LIQUID", HW35: "LIQUID", HW49: "SOLID", HW50: "SOLID" };
const PACK: Record<string, string> = { LIQUID: "200L铁桶", SEMI_SOLID: "吨桶", SOLID: "吨袋" };

async function seedManifests(
  ctx: SeedContext,
  U: { id: number; kind: UnitKind; small: boolean; districtId: number; name: string; lon: number; lat: number; industry: string }[],
  t: Transport,
  demo: { producer: (typeof U)[number]; carrier: Transport["fleet"][number]; receiver: Transport["facilityIds"][number] },
  when: { yearStart: Date; prevYearStart: Date; now: Date },
): Promise<void> {
  const r = ctx.random;
  const producers = U.filter((u) => u.kind === "ENTERPRISE" && !u.small);
  const industrialCodes = WASTE_CODES.filter((w) => !["900-047-49", "900-214-08", "900-052-31", "900-049-50"].includes(w.code)).map((w) => w.code);
  const nCur = ctx.count(BULLETIN.manifestsPerYear, 30);
  const nPrev = ctx.count(Math.round(BULLETIN.manifestsPerYear * 0.85), 20);
  const now = when.now.getTime();
  type Plan = { createdAt: Date; state: ManifestState; producer: (typeof U)[number]; carrier: Transport["fleet"][number]; receiver: Transport["facilityIds"][number] };
  const plans: Plan[] = [];
  const stateForAge = (ageDays: number): ManifestState => {
    const x = r();
    if (ageDays > 25) return x < 0.02 ? "CANCELLED" : "CLOSED";
    if (ageDays > 10) return x < 0.5 ? "CLOSED" : x < 0.8 ? "DISPOSED" : x < 0.9 ? "ACCEPTED" : x < 0.95 ? "PARTLY_REJECTED" : "REJECTED";
    if (ageDays > 3) return x < 0.3 ? "DISPOSED" : x < 0.6 ? "ACCEPTED" : x < 0.85 ? "RECEIVED" : x < 0.92 ? "PARTLY_REJECTED" : "REJECTED";
    if (ageDays > 1) return x < 0.5 ? "RECEIVED" : x < 0.85 ? "PICKED_UP" : "SUBMITTED";
    return x < 0.35 ? "PICKED_UP" : x < 0.75 ? "SUBMITTED" : x < 0.97 ? "DRAFT" : "CANCELLED";
  };
  const chooseParties = (p: (typeof U)[number], cats: string[]) => {
    const local = t.fleet.filter((f) => f.districtId === p.districtId);
    const carrier = local.length && r() < 0.8 ? pick(r, local) : pick(r, t.fleet);
    const ok = t.facilityIds.filter((f) => cats.every((c) => f.categories.includes(c)));
    return { carrier, receiver: ok.length ? (ok.find((f) => f.districtId === p.districtId && r() < 0.6) ?? pick(r, ok)) : null };
  };
  const linesPlan: { code: string; grams: bigint }[][] = [];
  const push = (createdAt: Date, state: ManifestState | null, fixed?: Omit<Plan, "createdAt" | "state">) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const producer = fixed?.producer ?? pick(r, producers);
      const n = r() < 0.6 ? 1 : r() < 0.8 ? 2 : 3;
      const codes = new Set<string>();
      while (codes.size < n) codes.add(pick(r, industrialCodes));
      const cats = [...new Set([...codes].map((c) => `HW${c.slice(-2)}`))];
      const parties = fixed ? { carrier: fixed.carrier, receiver: fixed.receiver.categories.length && cats.every((c) => fixed.receiver.categories.includes(c)) ? fixed.receiver : null } : chooseParties(producer, cats);
      if (!parties.receiver) continue;
      const age = (now - createdAt.getTime()) / 86_400_000;
      plans.push({ createdAt, state: state ?? stateForAge(age), producer, carrier: parties.carrier, receiver: parties.receiver });
      linesPlan.push([...codes].map((code) => ({ code, grams: BigInt(Math.round((200 + r() * r() * 9800) * 1000)) })));
      return;
    }
  };
  for (let i = 0; i < nCur; i++) push(new Date(when.yearStart.getTime() + Math.floor(r() * (now - 3600_000 - when.yearStart.getTime()))), null);
  for (let i = 0; i < nPrev; i++) push(new Date(when.prevYearStart.getTime() + Math.floor(r() * (when.yearStart.getTime() - when.prevYearStart.getTime()))), "CLOSED");
  // Every state present, and the demo trio has a manifest waiting at each party's step.
  const recent = (h: number) => new Date(now - h * 3600_000);
  for (const [s, hAgo] of [
    ["DRAFT", 2],
    ["SUBMITTED", 5],
    ["SUBMITTED", 3],
    ["PICKED_UP", 4],
    ["RECEIVED", 30],
    ["ACCEPTED", 80],
    ["DISPOSED", 200],
    ["CLOSED", 600],
  ] as const)
    push(recent(hAgo), s, demo);
  for (const s of ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED", "CANCELLED"] as ManifestState[]) push(recent(int(r, 6, 40)), s);

  const order: ManifestState[] = ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED"];
  const reached = (s: ManifestState, step: ManifestState) => {
    if (s === "CANCELLED") return step === "DRAFT";
    const full: ManifestState[] = ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "DISPOSED", "CLOSED"];
    const idx = (x: ManifestState) => (x === "PARTLY_REJECTED" || x === "REJECTED" ? 4 : full.indexOf(x));
    return idx(s) >= idx(step);
  };
  void order;

  const CHUNK = 2000;
  let seq = 0;
  const flagged: number[] = [];
  for (let start = 0; start < plans.length; start += CHUNK) {
    await ctx.write("seed.hazardous.manifests", async (w) => {
      const slice = plans.slice(start, start + CHUNK);
      const rows: (typeof manifests.$inferInsert)[] = [];
      const extras: { lines: (typeof manifestLines.$inferInsert)[]; events: (typeof manifestEvents.$inferInsert)[]; waybill: Omit<typeof waybills.$inferInsert, "manifestId"> | null }[] = [];
      slice.forEach((p, k) => {
        const li = linesPlan[start + k]!;
        seq++;
        const declared = li.reduce((a, l) => a + l.grams, 0n);
        const c = p.createdAt.getTime();
        const s = p.state;
        const submittedAt = reached(s, "SUBMITTED") ? new Date(c + int(r, 1, 8) * 3600_000) : null;
        const pickedUpAt = reached(s, "PICKED_UP") ? new Date(submittedAt!.getTime() + int(r, 2, 30) * 3600_000) : null;
        const receivedAt = reached(s, "RECEIVED") ? new Date(pickedUpAt!.getTime() + int(r, 1, 6) * 3600_000) : null;
        const decided = ["ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED"].includes(s);
        const decidedAt = decided ? new Date(receivedAt!.getTime() + int(r, 1, 20) * 3600_000) : null;
        const disposedAt = s === "DISPOSED" || (s === "CLOSED" && true) ? (decidedAt ? new Date(decidedAt.getTime() + int(r, 24, 200) * 3600_000) : null) : null;
        const closedAt = s === "CLOSED" ? new Date((disposedAt ?? decidedAt ?? new Date(c)).getTime() + int(r, 2, 96) * 3600_000) : null;
        const clamp = (d: Date | null) => (d && d.getTime() > now ? new Date(now - int(r, 1, 50) * 60_000) : d);
        const vehicle = pickedUpAt ? pick(r, p.carrier.vehicles) : null;
        const driver = pickedUpAt ? pick(r, p.carrier.drivers) : null;
        const escort = pickedUpAt ? pick(r, p.carrier.escorts) : null;
        // Received weights: within ±2 % mostly, beyond 5 % for about 2 % of loads.
        const recvLines = li.map((l) => {
          const dev = r() < 0.02 ? (r() < 0.5 ? -1 : 1) * (0.06 + r() * 0.08) : (r() - 0.5) * 0.04;
          return BigInt(Math.max(1, Math.round(Number(l.grams) * (1 + dev))));
        });
        const received = recvLines.reduce((a, b) => a + b, 0n);
        const pct = receivedAt ? (diffPct(declared, received) ?? "0.000") : null;
        const isFlagged = !!pct && Math.abs(Number(pct)) > 5;
        const rejected = s === "REJECTED" || (s === "CLOSED" && false) ? received : s === "PARTLY_REJECTED" ? recvLines[0]! / 3n : null;
        const dueBy = pickedUpAt ? new Date(pickedUpAt.getTime() + 24 * 3600_000) : null;
        const route: [number, number][] = [
          [p.producer.lon, p.producer.lat],
          [Number(((p.producer.lon + p.receiver.lon) / 2 + (r() - 0.5) * 0.03).toFixed(6)), Number(((p.producer.lat + p.receiver.lat) / 2 + (r() - 0.5) * 0.03).toFixed(6))],
          [p.receiver.lon, p.receiver.lat],
        ];
        const number = `${p.producer.districtId}${shanghaiDay(p.createdAt).slice(0, 4)}${String(seq).padStart(8, "0")}`;
        rows.push({
          number,
          state: s,
          producerId: p.producer.id,
          carrierId: p.carrier.id,
          receiverId: p.receiver.id,
          districtId: p.producer.districtId,
          receiverDistrictId: p.receiver.districtId,
          plannedRoute: route,
          plannedPickupAt: new Date(c + 6 * 3600_000),
          dueBy,
          vehicleId: vehicle,
          driverId: driver,
          escortId: escort,
          declaredKg: formatKg(declared),
          receivedKg: receivedAt ? formatKg(received) : null,
          rejectedKg: rejected != null ? formatKg(rejected) : decided ? "0.000" : null,
          discrepancyPct: pct,
          discrepancyFlagged: isFlagged,
          rejectionReason: s === "REJECTED" ? "废物与申报类别不符" : s === "PARTLY_REJECTED" ? "部分包装破损渗漏" : null,
          disposalMethod: disposedAt ? pick(r, p.receiver.categories.includes("HW08") ? ["R9", "D10", "R1"] : ["D10", "D9", "R4", "C1"]) : null,
          submittedAt: clamp(submittedAt),
          pickedUpAt: clamp(pickedUpAt),
          receivedAt: clamp(receivedAt),
          decidedAt: clamp(decidedAt),
          disposedAt: clamp(disposedAt),
          closedAt: clamp(closedAt),
          qrToken: token(r),
          createdAt: p.createdAt,
          updatedAt: clamp(closedAt ?? disposedAt ?? decidedAt ?? receivedAt ?? pickedUpAt ?? submittedAt) ?? p.createdAt,
        });
        const ev: (typeof manifestEvents.$inferInsert)[] = [];
        const e = (action: string, from: ManifestState | null, to: ManifestState, party: string, at: Date | null, detail: Record<string, unknown> = {}) => ev.push({ manifestId: 0, action, fromState: from, toState: to, party, actor: "seed", detail, at: clamp(at) ?? p.createdAt });
        e("create", null, "DRAFT", "PRODUCER", p.createdAt, { declaredKg: formatKg(declared) });
        if (s === "CANCELLED") e("cancel", "DRAFT", "CANCELLED", "PRODUCER", new Date(c + 3600_000), { reason: "计划变更" });
        if (submittedAt) e("submit", "DRAFT", "SUBMITTED", "PRODUCER", submittedAt, { declaredKg: formatKg(declared) });
        if (pickedUpAt) e("pickUp", "SUBMITTED", "PICKED_UP", "CARRIER", pickedUpAt, { vehicleId: vehicle, dueBy: dueBy!.toISOString() });
        if (receivedAt) e("receive", "PICKED_UP", "RECEIVED", "RECEIVER", receivedAt, { receivedKg: formatKg(received), discrepancyPct: pct, flagged: isFlagged });
        if (decidedAt) {
          const action = s === "REJECTED" ? "reject" : s === "PARTLY_REJECTED" ? "partlyReject" : "accept";
          const to: ManifestState = s === "REJECTED" ? "REJECTED" : s === "PARTLY_REJECTED" ? "PARTLY_REJECTED" : "ACCEPTED";
          e(action, "RECEIVED", to, "RECEIVER", decidedAt, {});
        }
        if (disposedAt) e("dispose", "ACCEPTED", "DISPOSED", "RECEIVER", disposedAt, { method: rows[rows.length - 1]!.disposalMethod });
        if (closedAt) e("close", disposedAt ? "DISPOSED" : "REJECTED", "CLOSED", "RECEIVER", closedAt, {});
        extras.push({
          lines: li.map((l, i) => {
            const ref = WASTE_CODES.find((x) => x.code === l.code)!;
            const form = FORMS[ref.category] ?? "SOLID";
            const kg = Number(l.grams) / 1000;
            return { manifestId: 0, lineNo: i + 1, wasteCode: l.code, wasteName: ref.nameZh.slice(0, 60), physicalForm: form, characteristics: ref.characteristics, packaging: PACK[form]!, packageCount: Math.max(1, Math.ceil(kg / (form === "LIQUID" ? 180 : 800))), quantityKg: formatKg(l.grams), receivedKg: receivedAt ? formatKg(recvLines[i]!) : null, rejectedKg: s === "REJECTED" ? formatKg(recvLines[i]!) : s === "PARTLY_REJECTED" && i === 0 ? formatKg(recvLines[0]! / 3n) : null };
          }),
          events: ev,
          waybill: pickedUpAt ? { number: `YD${number}`, carrierId: p.carrier.id, vehicleId: vehicle!, driverId: driver!, escortId: escort!, departedAt: clamp(pickedUpAt)!, arrivedAt: clamp(receivedAt), createdAt: clamp(pickedUpAt)!, updatedAt: clamp(receivedAt ?? pickedUpAt)! } : null,
        });
      });
      const tA = Date.now();
      const ids = await bulkIds(w, manifests, rows, 1000);
      const tB = Date.now();
      const lines: (typeof manifestLines.$inferInsert)[] = [];
      const events: (typeof manifestEvents.$inferInsert)[] = [];
      const wbs: (typeof waybills.$inferInsert)[] = [];
      ids.forEach((id, k) => {
        for (const l of extras[k]!.lines) lines.push({ ...l, manifestId: id });
        for (const e of extras[k]!.events) events.push({ ...e, manifestId: id });
        if (extras[k]!.waybill) wbs.push({ ...extras[k]!.waybill!, manifestId: id });
        if (rows[k]!.discrepancyFlagged && rows[k]!.receivedAt && now - rows[k]!.receivedAt!.getTime() < 30 * 86_400_000) flagged.push(id);
      });
      const tC = Date.now();
      await bulk(w, manifestLines, lines, 3000);
      const tD = Date.now();
      await bulk(w, manifestEvents, events, 4000);
      const tE = Date.now();
      await bulk(w, waybills, wbs, 3000);
      if (process.env.HZ_SEED_DEBUG) ctx.log(`chunk ${start}: manifests ${tB - tA} ms, lines ${tD - tC} ms, events ${tE - tD} ms, waybills ${Date.now() - tE} ms`);
    });
  }
  // Recent weight discrepancies raise their alerts (as the receive step does).
  await ctx.write("seed.hazardous.discrepancyAlerts", async (w) => {
    for (const id of flagged.slice(0, 30)) {
      const [m] = await w.tx.select().from(manifests).where(sql`id = ${id}`);
      await raiseDiscrepancyAlert(w, m as ManifestRow, "5", m!.receivedAt!);
    }
  });
}
