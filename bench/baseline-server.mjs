#!/usr/bin/env node
/**
 * The hand-written baseline of scenario 1 (GraphQL overhead): a minimal node:http server that answers
 * the two list pages with the same SQL the API runs (one page query, then one batched query per
 * relation, as the API's DataLoaders do) through the same `postgres` driver and pool size (10), and
 * returns byte-for-byte the JSON that /graphql returns (the bench checks that before measuring).
 *
 *   DATABASE_URL=postgres://…/zw_bench PORT=8190 node bench/baseline-server.mjs
 *   POST /manifests  — 100 transfer manifests with producer, carrier, receiver and waste lines
 *   POST /permits    — 100 transport permits with vehicle, company and site
 */
import http from "node:http";
import { postgres } from "./lib.mjs";

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {}, idle_timeout: 30 });
const gid = (type, id) => Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
const iso = (d) => (d == null ? null : new Date(d).toISOString());
const byId = (rows) => new Map(rows.map((r) => [r.id, r]));

export async function manifestsPage(sql) {
  const page = await sql`select * from hazardous.manifests order by id desc limit 101`;
  const ms = page.slice(0, 100);
  const ids = ms.map((m) => m.id);
  const [units, carriers, facilities, lines] = await Promise.all([
    sql`select * from hazardous.units where id in ${sql([...new Set(ms.map((m) => m.producer_id))])}`,
    sql`select * from hazardous.carriers where id in ${sql([...new Set(ms.map((m) => m.carrier_id))])}`,
    sql`select * from hazardous.facilities where id in ${sql([...new Set(ms.map((m) => m.receiver_id))])}`,
    sql`select * from hazardous.manifest_lines where manifest_id in ${sql(ids)} order by manifest_id, line_no`,
  ]);
  const u = byId(units);
  const c = byId(carriers);
  const f = byId(facilities);
  const l = new Map();
  for (const r of lines) l.set(r.manifest_id, [...(l.get(r.manifest_id) ?? []), r]);
  return {
    data: {
      transferManifests: {
        edges: ms.map((m) => {
          const p = u.get(m.producer_id);
          return {
            node: {
              id: gid("TransferManifest", m.id),
              number: m.number,
              state: m.state,
              declaredKg: m.declared_kg,
              createdAt: iso(m.created_at),
              producer: { id: gid("HazardousUnit", p.id), name: p.name, creditCode: p.credit_code },
              carrier: { id: gid("Carrier", m.carrier_id), name: c.get(m.carrier_id).name },
              receiver: { id: gid("Facility", m.receiver_id), name: f.get(m.receiver_id).name },
              lines: (l.get(m.id) ?? []).map((x) => ({ lineNo: x.line_no, wasteCode: x.waste_code, wasteName: x.waste_name, packageCount: x.package_count, quantityKg: x.quantity_kg })),
            },
          };
        }),
      },
    },
  };
}

export async function permitsPage(sql) {
  const page = await sql`select * from construction.permits order by id desc limit 101`;
  const ps = page.slice(0, 100);
  const uniq = (k) => [...new Set(ps.map((p) => p[k]).filter((x) => x != null))];
  const q = (ids, t) => (ids.length ? sql`select * from ${sql(t)} where id in ${sql(ids)}` : Promise.resolve([]));
  const [vehicles, companies, sites] = await Promise.all([q(uniq("vehicle_id"), "construction.vehicles"), q(uniq("company_id"), "construction.companies"), q(uniq("site_id"), "construction.sites")]);
  const v = byId(vehicles);
  const c = byId(companies);
  const s = byId(sites);
  return {
    data: {
      transportPermits: {
        edges: ps.map((p) => ({
          node: {
            id: gid("TransportPermit", p.id),
            number: p.number,
            status: p.status,
            validFrom: iso(p.valid_from),
            validTo: iso(p.valid_to),
            vehicle: p.vehicle_id == null ? null : { id: gid("Vehicle", p.vehicle_id), plate: v.get(p.vehicle_id).plate },
            company: p.company_id == null ? null : { id: gid("TransportCompany", p.company_id), name: c.get(p.company_id).name },
            site: p.site_id == null ? null : { id: gid("ExcavationSite", p.site_id), name: s.get(p.site_id).name },
          },
        })),
      },
    },
  };
}

const routes = { "/manifests": manifestsPage, "/permits": permitsPage };

const server = http.createServer((req, res) => {
  const handler = routes[req.url];
  req.resume();
  req.on("end", async () => {
    if (req.url === "/readyz") return res.writeHead(200).end("ok");
    if (!handler) return res.writeHead(404).end();
    try {
      const body = JSON.stringify(await handler(sql));
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e?.message ?? e));
    }
  });
});
server.listen(Number(process.env.PORT ?? 8190), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => sql.end({ timeout: 1 }).then(() => process.exit(0))));
