/**
 * 小微企业危废统一收运 — small/micro enterprise unified collection: licensed collection operators,
 * their service contracts with units (industrial enterprises, laboratories, auto-repair shops), and
 * collection runs (收运家次) with waste lines. Statistics per operator and unit type are the bulletin's
 * (signed units, collections, tonnes).
 */
import { and, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import type { Tx } from "../core/db.js";
import { rows } from "../core/db.js";
import { WASTE_CODES } from "./catalogue.js";
import { formatKg, gramsToTonnes, parseKg } from "./decimal.js";
import { bumpDaily, METRICS, shanghaiDay } from "./rollups.js";
import { collectionContracts, collectionOperators, collectionRunLines, collectionRuns, units, type ContractUnitType } from "./tables.js";

export type ContractRow = typeof collectionContracts.$inferSelect;
export type RunRow = typeof collectionRuns.$inferSelect;

/** The contract unit type of a unit: enterprises are INDUSTRIAL; laboratories and auto-repair shops are themselves. */
export function contractUnitType(kind: string): ContractUnitType | null {
  if (kind === "ENTERPRISE") return "INDUSTRIAL";
  if (kind === "LABORATORY") return "LABORATORY";
  if (kind === "AUTO_REPAIR") return "AUTO_REPAIR";
  return null;
}

export async function signContract(w: Writer, c: { operatorId: number; unitId: number; signedOn: string; validTo: string }): Promise<ContractRow> {
  const [op] = await w.tx.select().from(collectionOperators).where(eq(collectionOperators.id, c.operatorId));
  if (!op) throw new DomainError("NOT_FOUND", "No such collection operator", "input.operatorId");
  if (op.licenceValidTo < c.signedOn) throw new DomainError("LICENCE_EXPIRED", `The operator's licence expired on ${op.licenceValidTo}`, "input.operatorId");
  const [u] = await w.tx.select().from(units).where(eq(units.id, c.unitId));
  if (!u || !u.active) throw new DomainError("NOT_FOUND", "No such active unit", "input.unitId");
  const type = contractUnitType(u.kind);
  if (!type) throw new DomainError("NOT_ELIGIBLE", "Unified collection serves small/micro enterprises, laboratories and auto-repair shops", "input.unitId");
  if (u.kind === "ENTERPRISE" && !u.smallMicro) throw new DomainError("NOT_ELIGIBLE", "Only small/micro enterprises join unified collection; larger ones transfer with manifests", "input.unitId");
  if (c.validTo < c.signedOn) throw new DomainError("INVALID_DATES", "A contract cannot end before it is signed", "input.validTo");
  const [dup] = await w.tx.select({ id: collectionContracts.id }).from(collectionContracts).where(and(eq(collectionContracts.operatorId, c.operatorId), eq(collectionContracts.unitId, c.unitId)));
  if (dup) throw new DomainError("DUPLICATE", "This operator already has a contract with this unit", "input.unitId");
  const [row] = await w.tx.insert(collectionContracts).values({ operatorId: c.operatorId, unitId: c.unitId, unitType: type, districtId: u.districtId, signedOn: c.signedOn, validTo: c.validTo }).returning();
  await w.audit({ entity: "CollectionContract", entityId: row!.id, action: "sign", changes: c });
  return row!;
}

export interface RunInput {
  contractId: number;
  collectedAt: Date;
  lines: { wasteCode: string; quantityKg: string }[];
}

/** Records a collection at a contracted unit (the contract must be in force that day). */
export async function recordRun(w: Writer, r: RunInput): Promise<RunRow> {
  const [c] = await w.tx.select().from(collectionContracts).where(eq(collectionContracts.id, r.contractId));
  if (!c) throw new DomainError("NOT_FOUND", "No such contract", "input.contractId");
  const day = shanghaiDay(r.collectedAt);
  if (day < c.signedOn || day > c.validTo || (c.terminatedOn && day >= c.terminatedOn)) throw new DomainError("NO_CONTRACT", `The contract is not in force on ${day}`, "input.collectedAt");
  if (r.collectedAt.getTime() > Date.now() + 3600_000) throw new DomainError("IN_FUTURE", "A collection cannot be in the future", "input.collectedAt");
  if (r.lines.length === 0) throw new DomainError("REQUIRED", "A collection needs at least one waste line", "input.lines");
  let total = 0n;
  const byCat = new Map<string, bigint>();
  for (const [i, l] of r.lines.entries()) {
    const ref = WASTE_CODES.find((x) => x.code === l.wasteCode);
    if (!ref) throw new DomainError("UNKNOWN_WASTE_CODE", `${l.wasteCode} is not a catalogue code known here`, `input.lines[${i}].wasteCode`);
    const g = parseKg(l.quantityKg);
    if (g === null || g <= 0n) throw new DomainError("INVALID_QUANTITY", "Quantity must be a positive number of kg with at most 3 decimals", `input.lines[${i}].quantityKg`);
    total += g;
    byCat.set(ref.category, (byCat.get(ref.category) ?? 0n) + g);
  }
  const [run] = await w.tx
    .insert(collectionRuns)
    .values({ operatorId: c.operatorId, contractId: c.id, unitId: c.unitId, unitType: c.unitType, districtId: c.districtId, collectedAt: r.collectedAt, totalKg: formatKg(total) })
    .returning();
  await w.tx.insert(collectionRunLines).values(r.lines.map((l) => ({ runId: run!.id, wasteCode: l.wasteCode, quantityKg: formatKg(parseKg(l.quantityKg)!) })));
  await bumpDaily(w.tx, [
    { day, districtId: c.districtId, metric: METRICS.collection(c.unitType), n: 1, amount: formatKg(total) },
    ...[...byCat].map(([cat, g]) => ({ day, districtId: c.districtId, metric: METRICS.generation(cat), amount: formatKg(g) })),
  ]);
  await w.audit({ entity: "CollectionRun", entityId: run!.id, action: "record", changes: r });
  await w.emit({ type: "collection.recorded", stream: "hazardous", entity: "CollectionRun", entityId: run!.id, districtId: c.districtId, org: { kind: "hazardous.collection_operator", id: c.operatorId }, payload: { runId: run!.id, unitId: c.unitId, totalKg: formatKg(total) } });
  return run!;
}

export interface OperatorStats {
  operatorId: number;
  unitType: ContractUnitType;
  contracts: number;
  runs: number;
  tonnes: string;
}

/**
 * Contracts in force at `to` and collections in [from, to) per operator and unit type.
 * Optional district filter (the unit's district). Uses the indexed raw tables: a few thousand contracts
 * and runs per operator.
 */
export async function collectionStatistics(tx: Tx, f: { from: Date; to: Date; districtId?: number | null; operatorId?: number | null }): Promise<OperatorStats[]> {
  const toDay = shanghaiDay(new Date(f.to.getTime() - 1));
  const contracts = await rows<{ operator_id: number; unit_type: ContractUnitType; n: number }>(
    tx,
    sql`select operator_id, unit_type, count(*)::int as n from ${collectionContracts}
        where ${and(f.districtId ? eq(collectionContracts.districtId, f.districtId) : undefined, f.operatorId ? eq(collectionContracts.operatorId, f.operatorId) : undefined, sql`signed_on <= ${toDay}::date`, or(isNull(collectionContracts.terminatedOn), sql`terminated_on > ${toDay}::date`))}
        group by 1, 2`,
  );
  const runs = await rows<{ operator_id: number; unit_type: ContractUnitType; n: number; grams: string }>(
    tx,
    sql`select operator_id, unit_type, count(*)::int as n, (sum(total_kg) * 1000)::bigint::text as grams from ${collectionRuns}
        where ${and(f.districtId ? eq(collectionRuns.districtId, f.districtId) : undefined, f.operatorId ? eq(collectionRuns.operatorId, f.operatorId) : undefined, gte(collectionRuns.collectedAt, f.from), lt(collectionRuns.collectedAt, f.to))}
        group by 1, 2`,
  );
  const out = new Map<string, OperatorStats>();
  const get = (op: number, t: ContractUnitType) => {
    const k = `${op}|${t}`;
    let s = out.get(k);
    if (!s) out.set(k, (s = { operatorId: op, unitType: t, contracts: 0, runs: 0, tonnes: "0.000" }));
    return s;
  };
  for (const c of contracts) get(c.operator_id, c.unit_type).contracts = c.n;
  for (const r of runs) {
    const s = get(r.operator_id, r.unit_type);
    s.runs = r.n;
    s.tonnes = gramsToTonnes(BigInt(r.grams));
  }
  return [...out.values()].sort((a, b) => a.operatorId - b.operatorId || a.unitType.localeCompare(b.unitType));
}

/** Totals per unit type over operators (the bulletin's three lines). */
export function totalsByUnitType(stats: OperatorStats[]): { unitType: ContractUnitType; contracts: number; runs: number; tonnes: string }[] {
  const types: ContractUnitType[] = ["INDUSTRIAL", "LABORATORY", "AUTO_REPAIR"];
  return types.map((t) => {
    const s = stats.filter((x) => x.unitType === t);
    const kg = s.reduce((a, x) => a + parseKg(x.tonnes)!, 0n);
    return { unitType: t, contracts: s.reduce((a, x) => a + x.contracts, 0), runs: s.reduce((a, x) => a + x.runs, 0), tonnes: formatKg(kg) };
  });
}

/**
 * Terminates a contract from a day on (no collections from that day). A contract is terminated once; the day
 * must fall within the contract (signed on … valid to + 1) and not before a recorded collection.
 */
export async function terminateContract(w: Writer, id: number, terminatedOn: string): Promise<ContractRow> {
  const [c] = await w.tx.select().from(collectionContracts).where(eq(collectionContracts.id, id));
  if (!c) throw new DomainError("NOT_FOUND", "No such contract", "input.id");
  if (c.terminatedOn) throw new DomainError("ALREADY_TERMINATED", `The contract was terminated on ${c.terminatedOn}`, "input.id");
  if (terminatedOn <= c.signedOn || terminatedOn > c.validTo) throw new DomainError("INVALID_DATES", `Must be after the signing day ${c.signedOn} and not after ${c.validTo}`, "input.terminatedOn");
  const [later] = await rows<{ n: number }>(w.tx, sql`select count(*)::int as n from ${collectionRuns} where contract_id = ${id} and collected_at >= (${terminatedOn}::date::timestamp at time zone 'Asia/Shanghai')`);
  if ((later?.n ?? 0) > 0) throw new DomainError("HAS_COLLECTIONS", `${later!.n} collection(s) were recorded on or after ${terminatedOn}`, "input.terminatedOn");
  const [row] = await w.tx.update(collectionContracts).set({ terminatedOn, updatedAt: new Date() }).where(and(eq(collectionContracts.id, id), isNull(collectionContracts.terminatedOn))).returning();
  if (!row) throw new DomainError("STATE_CHANGED", "The contract changed meanwhile; reload and try again", "input.id");
  await w.audit({ entity: "CollectionContract", entityId: id, action: "terminate", changes: { terminatedOn } });
  return row;
}
