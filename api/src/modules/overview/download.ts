/**
 * The monthly briefing workbook behind a short-lived signed link (like core exports): the GraphQL field
 * checks access and the district scope and signs what may be downloaded; GET /overview/briefing.xlsx
 * verifies the signature and writes the workbook (no session needed on the download itself, so a plain
 * link or "save as" works).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { App } from "../../graphql/context.js";
import { signingSecret } from "../core/exports.js";
import { briefingFileName, briefingFor, briefingWorkbook, type Lang } from "./briefing.js";
import { monthStartOf } from "./periods.js";

export const LINK_MINUTES = 10;

interface LinkSpec {
  month: string;
  districtId: number | null;
  showDistricts: boolean;
  lang: Lang;
}

const payloadOf = (s: LinkSpec, expires: number) => `briefing:${s.month}:${s.districtId ?? "city"}:${s.showDistricts ? 1 : 0}:${s.lang}:${expires}`;

export async function briefingLink(app: App, s: LinkSpec, now = Date.now()): Promise<{ url: string; fileName: string; expiresAt: Date }> {
  const expires = now + LINK_MINUTES * 60_000;
  const sig = createHmac("sha256", await signingSecret(app)).update(payloadOf(s, expires)).digest("base64url");
  const q = new URLSearchParams({ month: s.month, district: s.districtId ? String(s.districtId) : "", all: s.showDistricts ? "1" : "0", lang: s.lang, expires: String(expires), sig });
  const fileName = s.lang === "zh-CN" ? `无废城市建设月报-${s.month}.xlsx` : `zero-waste-briefing-${s.month}.xlsx`;
  return { url: `/overview/briefing.xlsx?${q}`, fileName, expiresAt: new Date(expires) };
}

async function verify(app: App, s: LinkSpec, expires: number, sig: string): Promise<boolean> {
  if (!Number.isFinite(expires) || expires < Date.now()) return false;
  const want = createHmac("sha256", await signingSecret(app)).update(payloadOf(s, expires)).digest();
  const got = Buffer.from(sig, "base64url");
  return got.length === want.length && timingSafeEqual(got, want);
}

export function briefingRoutes(server: FastifyInstance, app: App): void {
  server.get("/overview/briefing.xlsx", async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const month = q.month ?? "";
    const lang: Lang = q.lang === "en" ? "en" : "zh-CN";
    const districtId = q.district ? Number(q.district) : null;
    const spec: LinkSpec = { month, districtId: Number.isInteger(districtId) ? districtId : null, showDistricts: q.all === "1", lang };
    if (!monthStartOf(month) || !(await verify(app, spec, Number(q.expires), q.sig ?? ""))) {
      return reply.code(403).type("text/plain; charset=utf-8").send("链接无效或已过期 / The link is invalid or has expired");
    }
    const b = await briefingFor(app, { month, districtId: spec.districtId, showDistricts: spec.showDistricts });
    const body = await briefingWorkbook(b, lang);
    const name = briefingFileName(b, lang);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header("cache-control", "private, no-store")
      .send(body);
  });
}
