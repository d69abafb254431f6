/**
 * 交接二维码 — QR hand-over. Every manifest carries an unguessable token; its QR code (and each package
 * label's: token + line + package number, HJ 1276-2022 style) links to the verification page. Viewing
 * resolves the caller: the three parties, hazardous staff of the producer's or receiver's district and
 * city staff/leadership see state, quantities and the flow (who handed what to whom, when); everyone else
 * gets a restricted view. Every scan is logged (who, when, address, which label).
 */
import QRCode from "qrcode";
import { asc, eq, inArray } from "drizzle-orm";
import type { Principal } from "../../graphql/context.js";
import type { Tx } from "../core/db.js";
import { canReadManifest } from "./access.js";
import { linesOf, type LineRow, type ManifestRow } from "./manifest-machine.js";
import { carriers, facilities, manifestEvents, manifests, qrScans, transportPeople, units, vehicles } from "./tables.js";

export function publicBaseUrl(): string {
  return (process.env.PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`).replace(/\/+$/, "");
}

/** The link a manifest's QR code holds (a package label adds ?pkg=line-seq). */
export function qrLink(token: string, pkg?: string | null): string {
  return `${publicBaseUrl()}/v/m/${token}${pkg ? `?pkg=${encodeURIComponent(pkg)}` : ""}`;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

/** Package label codes of a manifest: <number>-<line>-<seq> for every package of every line. */
export function packageLabels(m: Pick<ManifestRow, "number" | "qrToken">, lines: Pick<LineRow, "lineNo" | "packageCount" | "wasteCode" | "wasteName" | "quantityKg" | "packaging" | "characteristics">[], max = 500) {
  const out: { code: string; ref: string; lineNo: number; seq: number; url: string; wasteCode: string; wasteName: string; packaging: string; characteristics: string[] }[] = [];
  for (const l of lines)
    for (let s = 1; s <= l.packageCount && out.length < max; s++) {
      const ref = `${l.lineNo}-${s}`;
      out.push({ code: `${m.number}-${ref}`, ref, lineNo: l.lineNo, seq: s, url: qrLink(m.qrToken, ref), wasteCode: l.wasteCode, wasteName: l.wasteName, packaging: l.packaging, characteristics: l.characteristics });
    }
  return out;
}

export interface FlowStep {
  at: Date;
  action: string;
  fromParty: string | null;
  toParty: string | null;
  quantityKg: string | null;
  note: string | null;
}

export interface QrView {
  restricted: boolean;
  number: string;
  state: string;
  wasteCodes: string[];
  producerName: string | null;
  carrierName: string | null;
  receiverName: string;
  packageRef: string | null;
  declaredKg: string | null;
  receivedKg: string | null;
  discrepancyPct: string | null;
  plate: string | null;
  lines: { lineNo: number; wasteCode: string; wasteName: string; packaging: string; packageCount: number; quantityKg: string; receivedKg: string | null }[] | null;
  flow: FlowStep[] | null;
  lastHandoverAt: Date | null;
}

/** Masks a company name for the public: keeps the first 2 and last 2 characters. */
export function maskName(name: string): string {
  if (name.length <= 4) return name.slice(0, 1) + "*".repeat(Math.max(0, name.length - 1));
  return `${name.slice(0, 2)}${"*".repeat(Math.min(6, name.length - 4))}${name.slice(-2)}`;
}

/** Resolves a scanned token to the view the caller may see and logs the scan. Null if no such manifest. */
export async function scanManifest(tx: Tx, p: Principal, token: string, pkg: string | null, ip: string): Promise<QrView | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const [m] = await tx.select().from(manifests).where(eq(manifests.qrToken, token));
  if (!m) return null;
  const full = canReadManifest(p, m);
  const lines = await linesOf(tx, m.id);
  const pkgRef = pkg && /^\d{1,3}-\d{1,5}$/.test(pkg) && lines.some((l) => l.lineNo === Number(pkg.split("-")[0]) && Number(pkg.split("-")[1]) <= l.packageCount && Number(pkg.split("-")[1]) >= 1) ? pkg : null;
  await tx.insert(qrScans).values({ manifestId: m.id, packageRef: pkgRef, viewer: p.label, userId: p.userId ?? null, view: full ? "FULL" : "RESTRICTED", ip: ip.slice(0, 100) });
  const [producer] = await tx.select({ name: units.name }).from(units).where(eq(units.id, m.producerId));
  const [carrier] = await tx.select({ name: carriers.name }).from(carriers).where(eq(carriers.id, m.carrierId));
  const [receiver] = await tx.select({ name: facilities.name }).from(facilities).where(eq(facilities.id, m.receiverId));
  const events = await tx.select().from(manifestEvents).where(eq(manifestEvents.manifestId, m.id)).orderBy(asc(manifestEvents.id));
  const handovers = events.filter((e) => ["submit", "pickUp", "receive", "accept", "partlyReject", "reject", "dispose", "close"].includes(e.action));
  const base = {
    number: m.number,
    state: m.state,
    wasteCodes: [...new Set(lines.map((l) => l.wasteCode))],
    receiverName: receiver?.name ?? "",
    packageRef: pkgRef,
    lastHandoverAt: handovers.length ? handovers[handovers.length - 1]!.at : null,
  };
  if (!full) {
    return { ...base, restricted: true, producerName: producer ? maskName(producer.name) : null, carrierName: carrier ? maskName(carrier.name) : null, declaredKg: null, receivedKg: null, discrepancyPct: null, plate: null, lines: null, flow: null };
  }
  let plate: string | null = null;
  if (m.vehicleId) [{ plate } = { plate: null }] = await tx.select({ plate: vehicles.plate }).from(vehicles).where(eq(vehicles.id, m.vehicleId));
  const people = m.driverId ? await tx.select().from(transportPeople).where(inArray(transportPeople.id, [m.driverId, m.escortId!])) : [];
  const P = producer?.name ?? "?";
  const C = carrier?.name ?? "?";
  const R = receiver?.name ?? "?";
  const flow: FlowStep[] = handovers.map((e) => {
    const d = e.detail as Record<string, string | undefined>;
    switch (e.action) {
      case "submit":
        return { at: e.at, action: e.action, fromParty: P, toParty: null, quantityKg: d.declaredKg ?? m.declaredKg, note: "移出人签字 / producer signed" };
      case "pickUp":
        return { at: e.at, action: e.action, fromParty: P, toParty: C, quantityKg: m.declaredKg, note: `${d.plate ?? plate ?? ""} ${people.map((x) => x.name).join("、")}`.trim() };
      case "receive":
        return { at: e.at, action: e.action, fromParty: C, toParty: R, quantityKg: d.receivedKg ?? m.receivedKg, note: d.discrepancyPct != null ? `差异 / difference ${d.discrepancyPct}%` : null };
      case "dispose":
        return { at: e.at, action: e.action, fromParty: R, toParty: null, quantityKg: null, note: `处置方式 / method ${d.method ?? m.disposalMethod ?? ""}` };
      default:
        return { at: e.at, action: e.action, fromParty: R, toParty: null, quantityKg: d.rejectedKg ?? null, note: d.reason ?? null };
    }
  });
  return {
    ...base,
    restricted: false,
    producerName: P,
    carrierName: C,
    declaredKg: m.declaredKg,
    receivedKg: m.receivedKg,
    discrepancyPct: m.discrepancyPct,
    plate,
    lines: lines.map((l) => ({ lineNo: l.lineNo, wasteCode: l.wasteCode, wasteName: l.wasteName, packaging: l.packaging, packageCount: l.packageCount, quantityKg: l.quantityKg, receivedKg: l.receivedKg })),
    flow,
  };
}

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A small server-rendered page for phones that scan a code (no front end needed). */
export function renderQrPage(v: QrView | null, token: string): string {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>转移联单核验 / Manifest verification</title>
<style>body{font-family:system-ui,sans-serif;margin:16px;color:#222}h1{font-size:20px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:6px;font-size:14px;text-align:left}.tag{display:inline-block;padding:2px 8px;border-radius:4px;background:#e6f4ff;color:#0958d9}.muted{color:#888;font-size:13px}</style></head><body>`;
  if (!v) return `${head}<h1>未找到联单 / No such manifest</h1><p class="muted">二维码无效或已作废 / The code is not valid.</p></body></html>`;
  const rows: [string, string][] = [
    ["联单编号 / Number", v.number],
    ["状态 / State", `<span class="tag">${esc(v.state)}</span>`],
    ["废物代码 / Waste codes", v.wasteCodes.map(esc).join("、")],
    ["移出人 / Producer", esc(v.producerName)],
    ["承运人 / Carrier", esc(v.carrierName)],
    ["接受人 / Receiver", esc(v.receiverName)],
  ];
  if (v.packageRef) rows.push(["包装标签 / Package", esc(`${v.number}-${v.packageRef}`)]);
  if (!v.restricted) {
    rows.push(["申报量 / Declared (kg)", esc(v.declaredKg)], ["接收量 / Received (kg)", esc(v.receivedKg ?? "—")], ["车辆 / Vehicle", esc(v.plate ?? "—")]);
  }
  const flow = v.flow?.length
    ? `<h2>流向 / Flow</h2><table><tr><th>时间 / When</th><th>交出 / From</th><th>接收 / To</th><th>数量 kg</th><th>说明 / Note</th></tr>${v.flow
        .map((f) => `<tr><td>${esc(f.at.toISOString().replace("T", " ").slice(0, 16))}</td><td>${esc(f.fromParty)}</td><td>${esc(f.toParty ?? "—")}</td><td>${esc(f.quantityKg ?? "—")}</td><td>${esc(f.note ?? "")}</td></tr>`)
        .join("")}</table>`
    : "";
  const more = v.restricted ? `<p class="muted">登录后可查看数量与流向 / <a href="/hazardous/verify/${esc(token)}">Sign in</a> to see quantities and flow.</p>` : "";
  return `${head}<h1>危险废物转移联单核验 / Hazardous-waste manifest verification</h1><table>${rows.map(([k, val]) => `<tr><th>${k}</th><td>${val}</td></tr>`).join("")}</table>${flow}${more}</body></html>`;
}
