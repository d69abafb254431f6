/**
 * Publicity (宣传): activities with the materials handed out (posters, leaflets, …) and participants,
 * and awareness surveys (知晓率、参与率、满意度). Totals per district and period are summed from the
 * activities table through its (district, start date) index.
 */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { requireDistrictWritable } from "../../graphql/scope.js";
import { row, type Tx } from "../core/db.js";
import { actingAs, bumpDaily, requireDecimal, STREAM } from "./common.js";
import { cleanLine, cleanText } from "./sanitize.js";
import { awarenessSurveys, publicityActivities } from "./tables.js";

export type ActivityRow = typeof publicityActivities.$inferSelect;
export type SurveyRow = typeof awarenessSurveys.$inferSelect;
export type ActivityKind = ActivityRow["kind"];

export interface ActivityInput {
  title: string;
  kind: ActivityKind;
  districtId: number;
  organiser: string;
  startDate: string;
  endDate: string;
  location?: string | null;
  participants?: number | null;
  posters?: number | null;
  leaflets?: number | null;
  otherMaterials?: number | null;
  description?: string | null;
}

function isDate(s: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

async function requireStaff(w: Writer) {
  const a = await actingAs(w.tx, w.principal);
  if (a !== "OFFICE" && a !== "DEPARTMENT" && a !== "SYSTEM") throw new DomainError("NOT_ALLOWED", "Only staff record publicity", null);
}

export async function recordActivity(w: Writer, i: ActivityInput): Promise<ActivityRow> {
  await requireStaff(w);
  requireDistrictWritable(w.principal, i.districtId);
  const title = cleanLine(i.title);
  if (!title) throw new DomainError("REQUIRED", "A title is required", "input.title");
  if (!isDate(i.startDate)) throw new DomainError("INVALID_DATE", "A date is YYYY-MM-DD", "input.startDate");
  if (!isDate(i.endDate)) throw new DomainError("INVALID_DATE", "A date is YYYY-MM-DD", "input.endDate");
  if (i.endDate < i.startDate) throw new DomainError("INVALID_DATES", "The end is before the start", "input.endDate");
  const counts = { participants: i.participants ?? 0, posters: i.posters ?? 0, leaflets: i.leaflets ?? 0, otherMaterials: i.otherMaterials ?? 0 };
  for (const [k, v] of Object.entries(counts)) if (!Number.isInteger(v) || v < 0 || v > 10_000_000) throw new DomainError("OUT_OF_RANGE", "A count is a whole number 0–10,000,000", `input.${k}`);
  const [a] = await w.tx
    .insert(publicityActivities)
    .values({
      title,
      kind: i.kind,
      districtId: i.districtId,
      organiser: cleanLine(i.organiser) || "—",
      departmentId: w.principal.departmentId ?? null,
      startDate: i.startDate,
      endDate: i.endDate,
      location: cleanLine(i.location),
      description: cleanText(i.description),
      createdBy: w.principal.userId ?? null,
      ...counts,
    })
    .returning();
  await bumpDaily(w.tx, "publicity.participants", i.startDate, i.districtId, i.kind, counts.participants);
  await w.audit({ entity: "PublicityActivity", entityId: a!.id, action: "record", changes: i });
  await w.emit({ type: "publicity.recorded", stream: STREAM, entity: "PublicityActivity", entityId: a!.id, districtId: i.districtId, payload: { title, ...counts } });
  return a!;
}

export interface SurveyInput {
  districtId: number;
  surveyedOn: string;
  population: string;
  sampleSize: number;
  awarenessPct: string;
  participationPct?: string | null;
  satisfactionPct?: string | null;
  note?: string | null;
}

export async function recordSurvey(w: Writer, i: SurveyInput): Promise<SurveyRow> {
  await requireStaff(w);
  requireDistrictWritable(w.principal, i.districtId);
  if (!isDate(i.surveyedOn)) throw new DomainError("INVALID_DATE", "A date is YYYY-MM-DD", "input.surveyedOn");
  if (!Number.isInteger(i.sampleSize) || i.sampleSize < 1 || i.sampleSize > 10_000_000) throw new DomainError("OUT_OF_RANGE", "Sample size is a whole number ≥ 1", "input.sampleSize");
  const pct = (v: string | null | undefined, f: string) => (v == null ? null : requireDecimal(v, f, { min: 0, max: 100, places: 2 }));
  const population = cleanLine(i.population);
  if (!population) throw new DomainError("REQUIRED", "Say who was surveyed (e.g. 居民, 学生)", "input.population");
  const [s] = await w.tx
    .insert(awarenessSurveys)
    .values({
      districtId: i.districtId,
      surveyedOn: i.surveyedOn,
      population,
      sampleSize: i.sampleSize,
      awarenessPct: pct(i.awarenessPct, "input.awarenessPct")!,
      participationPct: pct(i.participationPct, "input.participationPct"),
      satisfactionPct: pct(i.satisfactionPct, "input.satisfactionPct"),
      note: cleanText(i.note),
    })
    .returning();
  await w.audit({ entity: "AwarenessSurvey", entityId: s!.id, action: "record", changes: i });
  return s!;
}

export interface PublicitySummary {
  activities: number;
  participants: number;
  posters: number;
  leaflets: number;
  otherMaterials: number;
  /** Sample-weighted awareness rate of the surveys in the period (%), or null. */
  awarenessPct: string | null;
  satisfactionPct: string | null;
  surveys: number;
}

/** Totals of activities starting in [from, to) and surveys in that period. */
export async function publicitySummary(tx: Tx, f: { districtId: number | null; from: string; to: string }): Promise<PublicitySummary> {
  const a = await row<{ n: number; participants: string; posters: string; leaflets: string; other: string }>(
    tx,
    sql`select count(*)::int as n, coalesce(sum(participants),0)::text as participants, coalesce(sum(posters),0)::text as posters,
               coalesce(sum(leaflets),0)::text as leaflets, coalesce(sum(other_materials),0)::text as other
        from cells.publicity_activities
        where ${and(f.districtId ? eq(publicityActivities.districtId, f.districtId) : undefined, gte(publicityActivities.startDate, f.from), lt(publicityActivities.startDate, f.to))}`,
  );
  const s = await row<{ n: number; aware: string | null; sat: string | null }>(
    tx,
    sql`select count(*)::int as n,
               round(sum(awareness_pct * sample_size) / nullif(sum(sample_size), 0), 2)::text as aware,
               round(sum(satisfaction_pct * sample_size) filter (where satisfaction_pct is not null) / nullif(sum(sample_size) filter (where satisfaction_pct is not null), 0), 2)::text as sat
        from cells.awareness_surveys
        where ${and(f.districtId ? eq(awarenessSurveys.districtId, f.districtId) : undefined, gte(awarenessSurveys.surveyedOn, f.from), lt(awarenessSurveys.surveyedOn, f.to))}`,
  );
  return {
    activities: a?.n ?? 0,
    participants: Number(a?.participants ?? 0),
    posters: Number(a?.posters ?? 0),
    leaflets: Number(a?.leaflets ?? 0),
    otherMaterials: Number(a?.other ?? 0),
    awarenessPct: s?.aware ?? null,
    satisfactionPct: s?.sat ?? null,
    surveys: s?.n ?? 0,
  };
}
