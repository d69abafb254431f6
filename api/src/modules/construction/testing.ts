/**
 * Small fixtures for the construction tests, built through the real services (so the read models,
 * audit rows and constraints are exercised exactly as in production).
 */
import type { App } from "../../graphql/context.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { decidePermit, applyForPermit } from "./permits.js";
import { applySite, createCompany, createPlace, registerVehicle, transitionSite } from "./registers.js";
import { clearFenceCache } from "./rules.js";
import { makeRoute } from "./sim-tracks.js";

let seq = 0;
export const write = <T>(app: App, fn: (w: Writer) => Promise<T>) => withWriter(app, systemPrincipal("test"), { operation: "test" }, fn);

export interface World {
  companyId: number;
  otherCompanyId: number;
  vehicleIds: number[];
  otherVehicleId: number;
  siteId: number;
  placeId: number;
  site: { lon: number; lat: number };
  place: { lon: number; lat: number };
  route: number[][];
  plates: string[];
  terminals: string[];
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** A company with vehicles, another company, a registered site and a disposal place 6 km apart. */
export async function buildWorld(app: App, opts: { vehicles?: number; siteEndsInDays?: number; qualificationEndsInDays?: number; placeCapacity?: string } = {}): Promise<World> {
  const n = ++seq;
  const tag = String(n).padStart(2, "0") + String(Math.floor(Math.random() * 90 + 10));
  const code = (k: number) => `913306${String(k).padStart(2, "0")}${tag}MA2B3C4D`.slice(0, 18).padEnd(18, "X");
  const site = { lon: 120.58 + n * 0.01, lat: 30.0 };
  const place = { lon: 120.64 + n * 0.01, lat: 30.02 };
  return write(app, async (w) => {
    const co = await createCompany(w, { name: `测试运输公司${tag}`, creditCode: code(1), districtId: 330602, qualificationNo: `Q-${tag}`, qualificationValidFrom: day(-400), qualificationValidTo: day(opts.qualificationEndsInDays ?? 700) });
    const other = await createCompany(w, { name: `其他运输公司${tag}`, creditCode: code(2), districtId: 330603, qualificationNo: `Q2-${tag}`, qualificationValidFrom: day(-400), qualificationValidTo: day(700) });
    const plates: string[] = [];
    const terminals: string[] = [];
    const vehicleIds: number[] = [];
    for (let i = 0; i < (opts.vehicles ?? 2); i++) {
      const plate = `浙D${tag}${String.fromCharCode(65 + i)}${i}`.slice(0, 8);
      const terminal = `TT${tag}${i}`;
      const v = await registerVehicle(w, { plate, companyId: co.id, loadM3: "18.00", terminalId: terminal });
      plates.push(v.plate);
      terminals.push(terminal);
      vehicleIds.push(v.id);
    }
    const ov = await registerVehicle(w, { plate: `浙D${tag}Z9`, companyId: other.id, loadM3: "20.00", terminalId: `TO${tag}` });
    const s = await applySite(w, { name: `测试工地${tag}`, districtId: 330602, lon: site.lon, lat: site.lat, plannedVolumeM3: "50000", periodFrom: day(-100), periodTo: day(opts.siteEndsInDays ?? 365), builder: "测试建设单位", gateCameras: 2, washingFacility: true });
    await transitionSite(w, s.id, "register");
    const p = await createPlace(w, { name: `测试消纳场${tag}`, kind: "DISPOSAL_SITE", districtId: 330602, lon: place.lon, lat: place.lat, capacityBasis: "TOTAL", capacity: opts.placeCapacity ?? "100000", capacityUnit: "M3", openFrom: day(-500) });
    clearFenceCache(app.db);
    let r = 0.3;
    const route = makeRoute([site.lon, site.lat], [place.lon, place.lat], () => (r = (r * 9301 + 49297) % 233280 / 233280));
    return { companyId: co.id, otherCompanyId: other.id, vehicleIds, otherVehicleId: ov.id, siteId: s.id, placeId: p.id, site, place, route, plates, terminals };
  });
}

/** Applies for and approves a permit valid from now-1h for `days`. */
export async function activePermit(app: App, wd: World, vehicleId: number, days = 30) {
  const from = new Date(Date.now() - 2 * 86_400_000);
  return write(app, async (w) => {
    const p = await applyForPermit(w, { vehicleId, siteId: wd.siteId, disposalPlaceId: wd.placeId, route: wd.route, validFrom: from, validTo: new Date(from.getTime() + days * 86_400_000) });
    return decidePermit(w, p.id, "approve");
  });
}
