/**
 * A small, hand-made world for the stream's tests: a few units, a carrier with valid and expired
 * licences, a licensed receiver, a collection operator, and operator accounts for each party.
 */
import { sql } from "drizzle-orm";
import type { SeedContext } from "../core/seed.js";
import { registerUnit } from "./census.js";
import { makeCreditCode } from "./credit-code.js";
import { carriers, collectionOperators, facilities, facilityCapacities, roadSegments, transportPeople, vehicles } from "./tables.js";
import { bboxOf } from "./tracking-rules.js";

export const KEQIAO = 330603;
export const YUECHENG = 330602;
export const SHANGYU = 330604;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export interface World {
  producer: number;
  producer2: number;
  lab: number;
  autoRepair: number;
  carrier: number;
  carrier2: number;
  vehicle: number;
  vehicleExpired: number;
  vehicleOther: number;
  driver: number;
  driverExpired: number;
  escort: number;
  escortExpiring: number;
  facility: number;
  operator: number;
  segment: number;
  /** Planned route used in manifests: a straight line east along lat 30.0 from 120.50 to 120.60. */
  route: [number, number][];
}

let n = 0;
export async function buildWorld(ctx: SeedContext): Promise<World> {
  const rnd = ctx.random;
  n++;
  return ctx.write("fixtures", async (w) => {
    const unit = async (name: string, kind: "ENTERPRISE" | "LABORATORY" | "AUTO_REPAIR", districtId: number, smallMicro: boolean) =>
      (await registerUnit(w, { name, creditCode: makeCreditCode(rnd, districtId), kind, smallMicro, districtId, industry: "印染", address: "测试地址" })).id;
    const producer = await unit(`绍兴测试印染有限公司${n}`, "ENTERPRISE", KEQIAO, true);
    const producer2 = await unit(`越城测试化工有限公司${n}`, "ENTERPRISE", YUECHENG, false);
    const lab = await unit(`测试检测实验室${n}`, "LABORATORY", KEQIAO, false);
    const autoRepair = await unit(`测试汽车维修店${n}`, "AUTO_REPAIR", KEQIAO, false);
    const [c1] = await w.tx.insert(carriers).values({ name: `华鑫环保运输${n}`, creditCode: makeCreditCode(rnd, KEQIAO), districtId: KEQIAO, permitNo: "浙交运管许可绍字330603001", permitValidTo: day(400) }).returning();
    const [c2] = await w.tx.insert(carriers).values({ name: `另一危货运输${n}`, creditCode: makeCreditCode(rnd, YUECHENG), districtId: YUECHENG, permitNo: "浙交运管许可绍字330602009", permitValidTo: day(400) }).returning();
    const plate = (k: string) => `浙D${k}${String(n).padStart(2, "0")}`.slice(0, 8);
    const [v1] = await w.tx.insert(vehicles).values({ carrierId: c1!.id, plate: plate("A10"), terminalId: `HZT-${n}-1`, vehicleType: "厢式危货车", loadKg: "8000.000", licenceNo: "330603000001", licenceValidTo: day(300), districtId: KEQIAO }).returning();
    const [v2] = await w.tx.insert(vehicles).values({ carrierId: c1!.id, plate: plate("B20"), terminalId: `HZT-${n}-2`, vehicleType: "罐式危货车", loadKg: "10000.000", licenceNo: "330603000002", licenceValidTo: day(-3), districtId: KEQIAO }).returning();
    const [v3] = await w.tx.insert(vehicles).values({ carrierId: c2!.id, plate: plate("C30"), terminalId: `HZT-${n}-3`, vehicleType: "厢式危货车", loadKg: "8000.000", licenceNo: "330602000003", licenceValidTo: day(300), districtId: YUECHENG }).returning();
    const person = async (name: string, role: "DRIVER" | "ESCORT", validTo: string, carrierId = c1!.id) =>
      (await w.tx.insert(transportPeople).values({ carrierId, name, role, qualificationNo: `Q${n}-${name}`, qualificationValidTo: validTo }).returning())[0]!.id;
    const driver = await person("张师傅", "DRIVER", day(200));
    const driverExpired = await person("李师傅", "DRIVER", day(-1));
    const escort = await person("王押运", "ESCORT", day(200));
    const escortExpiring = await person("赵押运", "ESCORT", day(10));
    const [f] = await w.tx.insert(facilities).values({ name: `上虞众联环保${n}`, creditCode: makeCreditCode(rnd, SHANGYU), districtId: SHANGYU, licenceNo: "3306000001", licenceValidTo: day(700), lon: "120.870000", lat: "30.030000" }).returning();
    for (const [category, method, t] of [
      ["HW08", "UTILISATION", "20000"],
      ["HW49", "DISPOSAL", "15000"],
      ["HW17", "DISPOSAL", "8000"],
      ["HW12", "DISPOSAL", "6000"],
    ] as const)
      await w.tx.insert(facilityCapacities).values({ facilityId: f!.id, category, method, tonnesPerYear: t, startsOn: "2019-01-01" });
    const [o] = await w.tx.insert(collectionOperators).values({ name: `绍兴小微收运${n}`, creditCode: makeCreditCode(rnd, KEQIAO), districtId: KEQIAO, licenceNo: "3306CZ0001", licenceValidTo: day(500), capacityTPerYear: "10000" }).returning();
    const seg: [number, number][] = [
      [120.5, 30.0],
      [120.6, 30.0],
    ];
    const bb = bboxOf(seg);
    const [s] = await w.tx.insert(roadSegments).values({ name: `测试路段${n}（限速60）`, districtId: KEQIAO, speedLimitKmh: 60, line: seg, bufferM: 30, minLon: bb[0].toFixed(6), minLat: bb[1].toFixed(6), maxLon: bb[2].toFixed(6), maxLat: bb[3].toFixed(6) }).returning();
    await w.tx.execute(sql`select 1`);
    return {
      producer,
      producer2,
      lab,
      autoRepair,
      carrier: c1!.id,
      carrier2: c2!.id,
      vehicle: v1!.id,
      vehicleExpired: v2!.id,
      vehicleOther: v3!.id,
      driver,
      driverExpired,
      escort,
      escortExpiring,
      facility: f!.id,
      operator: o!.id,
      segment: s!.id,
      route: seg,
    };
  });
}

/** Operator accounts for each party of the world (password: the demo password). */
export async function worldAccounts(ctx: SeedContext, w: World, suffix = ""): Promise<{ producer: string; producer2: string; carrier: string; carrier2: string; receiver: string; collector: string }> {
  const a = { producer: `t.producer${suffix}`, producer2: `t.producer2${suffix}`, carrier: `t.carrier${suffix}`, carrier2: `t.carrier2${suffix}`, receiver: `t.receiver${suffix}`, collector: `t.collector${suffix}` };
  await ctx.account({ username: a.producer, displayName: "产废单位", role: "OPERATOR", org: { kind: "hazardous.unit", id: w.producer }, description: "" });
  await ctx.account({ username: a.producer2, displayName: "另一产废单位", role: "OPERATOR", org: { kind: "hazardous.unit", id: w.producer2 }, description: "" });
  await ctx.account({ username: a.carrier, displayName: "承运人", role: "OPERATOR", org: { kind: "hazardous.carrier", id: w.carrier }, description: "" });
  await ctx.account({ username: a.carrier2, displayName: "另一承运人", role: "OPERATOR", org: { kind: "hazardous.carrier", id: w.carrier2 }, description: "" });
  await ctx.account({ username: a.receiver, displayName: "接受人", role: "OPERATOR", org: { kind: "hazardous.facility", id: w.facility }, description: "" });
  await ctx.account({ username: a.collector, displayName: "收运单位", role: "OPERATOR", org: { kind: "hazardous.collection_operator", id: w.operator }, description: "" });
  return a;
}
