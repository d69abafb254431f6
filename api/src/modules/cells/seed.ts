/**
 * Demo data of the cells stream, generated deterministically and loaded in bulk:
 *  - the nine cell types with their checklists; ~480 units across the six districts (registers
 *    scale) with applications in every state, including 绍兴市人民医院 (provincial zero-waste
 *    hospital, renewed) and 嵊州市仙湖幼儿园 (a draft its own account can complete and submit);
 *  - the indicator system (5 groups, 30 indicators) with targets 2021–2026 for the city and each
 *    district and quarterly actuals 2021 Q1 – 2026 Q3 (the bulletin's express-packaging figures at
 *    2021 Q4: 100 % green boxes, narrow tape and tape-free boxes, 213 devices, 5.7万 reusable packages);
 *  - task lists, academy content, consultation questions (an FAQ), publicity (Shangyu's 1,450 posters
 *    and 1,200 leaflets) and awareness surveys; the province's index ranking (Shaoxing 3rd in 2021 Q4);
 *  - demo accounts: education/health/tourism staff, a Shengzhou district office account, and the
 *    operator accounts of the Xianhu kindergarten (xianhu) and the People's Hospital (sxrmyy).
 * The rollups, indicator statuses and index are then computed from the loaded rows, and the
 * certificate-expiry and task-overdue jobs run once (raising their alerts as they would in service).
 */
import { sql } from "drizzle-orm";
import type { SeedContext } from "../core/seed.js";
import { allDepartments } from "../core/resolvers.js";
import { certificateNumber, fromTenths, toTenths, validUntil } from "./cell-rules.js";
import { runCertificateExpiry } from "./cell-service.js";
import { CELL_TYPES, checklistFor, DEVICES_2021, DISTRICT_SHARE, INDICATOR_GROUPS, INDICATORS, REUSABLE_2021 } from "./catalogue.js";
import { CITY_DISTRICT_ID, OFFICE_DEPARTMENT_CODE, shanghaiDay, UNIT_ORG_KIND } from "./common.js";
import { recomputeIndexYear, refreshStatuses } from "./indicator-service.js";
import { rebuildRollups } from "./rollups.js";
import { contentHash, sha256 } from "./sanitize.js";
import { tsvectorLiteral } from "./search.js";
import { ACADEMY, QUESTIONS, TASKS } from "./seed-content.js";
import {
  academyItems,
  applications,
  assessmentItems,
  awarenessSurveys,
  cellTargets,
  cellTypes,
  checklistItems,
  indicatorActuals,
  indicatorGroups,
  indicators,
  indicatorTargets,
  provincialIndex,
  publicityActivities,
  questions,
  trackingTasks,
  units,
  type ApplicationStatus,
  type CellStatus,
} from "./tables.js";
import { runTaskOverdue } from "./task-service.js";

/** The generated history ends here; jobs then run against the real clock. */
export const SEED_ANCHOR = new Date("2026-11-15T10:00:00+08:00");
const DAY_MS = 86_400_000;

interface DistrictDef {
  id: number;
  zh: string;
  lon: number;
  lat: number;
  places: string[];
  /** Likelihood scale of a unit being certified (districts progress differently). */
  pace: number;
}

const DISTRICTS: DistrictDef[] = [
  { id: 330602, zh: "越城区", lon: 120.58, lat: 30.0, pace: 1.08, places: ["府山", "塔山", "北海", "城南", "稽山", "东湖", "皋埠", "灵芝", "斗门", "马山", "孙端", "鉴湖"] },
  { id: 330603, zh: "柯桥区", lon: 120.49, lat: 30.08, pace: 1.1, places: ["柯桥", "柯岩", "华舍", "湖塘", "齐贤", "安昌", "钱清", "杨汛桥", "漓渚", "平水", "福全", "兰亭"] },
  { id: 330604, zh: "上虞区", lon: 120.87, lat: 30.03, pace: 1.0, places: ["百官", "曹娥", "东关", "道墟", "小越", "驿亭", "崧厦", "沥海", "丰惠", "章镇", "汤浦", "梁湖"] },
  { id: 330681, zh: "诸暨市", lon: 120.24, lat: 29.71, pace: 0.97, places: ["暨阳", "浣东", "陶朱", "大唐", "枫桥", "店口", "牌头", "次坞", "山下湖", "璜山", "五泄", "草塔"] },
  { id: 330683, zh: "嵊州市", lon: 120.82, lat: 29.59, pace: 0.92, places: ["剡湖", "三江", "鹿山", "浦口", "甘霖", "长乐", "崇仁", "黄泽", "石璜", "仙岩", "谷来", "下王"] },
  { id: 330624, zh: "新昌县", lon: 120.9, lat: 29.5, pace: 0.88, places: ["南明", "七星", "羽林", "沃洲", "儒岙", "回山", "澄潭", "大市聚", "小将", "镜岭", "梅渚", "城西"] },
];

const PER_DISTRICT: Record<string, number> = { SCHOOL: 14, HOSPITAL: 6, HOTEL: 8, COMMUNITY: 16, ENTERPRISE: 12, GOVERNMENT: 8, MARKET: 5, SCENIC: 4, POSTAL: 7 };

const NAME_SUFFIX: Record<string, string[]> = {
  SCHOOL: ["实验小学", "中心小学", "初级中学", "中学", "幼儿园", "第一小学", "第二小学", "中心幼儿园"],
  HOSPITAL: ["社区卫生服务中心", "中心卫生院", "卫生院", "中医院", "妇幼保健院"],
  HOTEL: ["大酒店", "宾馆", "国际酒店", "假日酒店", "商务酒店", "饭店"],
  COMMUNITY: ["社区", "村", "花园社区", "新村"],
  ENTERPRISE: ["印染有限公司", "纺织有限公司", "化工有限公司", "机械制造有限公司", "环保科技有限公司", "新材料有限公司"],
  GOVERNMENT: ["街道办事处", "镇人民政府", "人民法庭", "派出所", "税务分局"],
  MARKET: ["农贸市场", "菜市场"],
  SCENIC: ["风景区", "旅游度假区", "湿地公园", "古镇景区"],
  POSTAL: ["邮政支局", "邮政营业所", "快递服务站"],
};

const CHECKLIST_POINTS = [10, 10, 15, 15, 15, 15, 10, 10];

type Rnd = () => number;

interface AppGen {
  status: ApplicationStatus;
  kind: "NEW" | "REASSESSMENT";
  prevIndex: number | null;
  createdAt: Date;
  submittedAt: Date | null;
  reviewStartedAt: Date | null;
  decidedAt: Date | null;
  certifiedAt: Date | null;
  validUntil: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  decisionComment: string | null;
  level: "CITY" | "PROVINCIAL";
  /** Tenths per item (null = not scored). */
  scores: (number | null)[];
  self: (number | null)[];
  evidence: boolean[];
  summary: string;
}

interface UnitGen {
  name: string;
  typeCode: string;
  district: DistrictDef;
  lon: string;
  lat: string;
  contactName: string;
  contactPhone: string;
  apps: AppGen[];
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);
const between = (r: Rnd, a: number, b: number) => a + (b - a) * r();
const int = (r: Rnd, a: number, b: number) => Math.floor(between(r, a, b + 1));
const pick = <T>(r: Rnd, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const dateBetween = (r: Rnd, a: Date, b: Date) => new Date(a.getTime() + r() * (b.getTime() - a.getTime()));

/** Scores (tenths) that total at least / below the pass mark. */
function scoresFor(r: Rnd, pass: boolean): number[] {
  const s = CHECKLIST_POINTS.map((p) => Math.round(p * (pass ? between(r, 0.82, 1) : between(r, 0.55, 0.86)) * 2) * 5);
  let total = s.reduce((a, b) => a + b, 0);
  if (pass) {
    for (let i = 0; total < 855 && i < 64; i++) {
      const k = i % s.length;
      if (s[k]! < CHECKLIST_POINTS[k]! * 10) {
        s[k]! += 5;
        total += 5;
      }
    }
  } else {
    for (let i = 0; total >= 850 && i < 200; i++) {
      const k = i % s.length;
      if (s[k]! >= 5) {
        s[k]! -= 5;
        total -= 5;
      }
    }
  }
  return s;
}

function certifiedApp(r: Rnd, certifiedAt: Date, kind: "NEW" | "REASSESSMENT", prevIndex: number | null, level: "CITY" | "PROVINCIAL" = "CITY"): AppGen {
  const createdAt = addDays(certifiedAt, -int(r, 45, 120));
  const submittedAt = addDays(createdAt, int(r, 5, 25));
  const reviewStartedAt = addDays(submittedAt, int(r, 3, 15));
  const scores = scoresFor(r, true);
  return {
    status: "CERTIFIED",
    kind,
    prevIndex,
    createdAt,
    submittedAt,
    reviewStartedAt,
    decidedAt: certifiedAt,
    certifiedAt,
    validUntil: validUntil(certifiedAt, 3),
    revokedAt: null,
    revokeReason: null,
    decisionComment: "资料齐全，现场检查符合要求，同意命名。",
    level,
    scores,
    self: scores.map((x, i) => Math.min(CHECKLIST_POINTS[i]! * 10, x + 5 * int(r, 0, 2))),
    evidence: scores.map(() => true),
    summary: "",
  };
}

function generateUnits(ctx: SeedContext): UnitGen[] {
  const r = ctx.random;
  const out: UnitGen[] = [];
  const anchor = SEED_ANCHOR;
  for (const d of DISTRICTS) {
    const used = new Set<string>();
    for (const t of CELL_TYPES) {
      const n = ctx.registers(PER_DISTRICT[t.code]!, 1);
      for (let k = 0; k < n; k++) {
        let name = "";
        for (let tries = 0; tries < 50; tries++) {
          const place = pick(r, d.places);
          const suffix = pick(r, NAME_SUFFIX[t.code]!);
          name = t.code === "ENTERPRISE" ? `绍兴${place}${suffix}` : t.code === "SCHOOL" || t.code === "HOSPITAL" || t.code === "GOVERNMENT" ? `${d.zh}${place}${suffix}` : `${place}${suffix}`;
          if (tries > 20) name = `${name}${tries}`;
          if (!used.has(name)) break;
        }
        used.add(name);
        const u: UnitGen = {
          name,
          typeCode: t.code,
          district: d,
          lon: (d.lon + between(r, -0.09, 0.09)).toFixed(6),
          lat: (d.lat + between(r, -0.07, 0.07)).toFixed(6),
          contactName: ctx.faker.person.fullName().replace(/\s+/g, ""),
          contactPhone: `0575-8${String(int(r, 1000000, 9999999))}`,
          apps: [],
        };
        const x = r() / d.pace;
        const windowStart = new Date("2021-03-01T10:00:00+08:00");
        if (x < 0.07) {
          // registered, never applied
        } else if (x < 0.12) {
          const createdAt = addDays(anchor, -int(r, 1, 60));
          const scores = CHECKLIST_POINTS.map(() => null);
          const evid = CHECKLIST_POINTS.map(() => r() < 0.6);
          u.apps.push({ ...blankApp(createdAt), status: "DRAFT", scores, self: CHECKLIST_POINTS.map((p, i) => (evid[i] ? p * 10 - 5 * int(r, 0, 3) : null)), evidence: evid });
        } else if (x < 0.17) {
          const createdAt = addDays(anchor, -int(r, 30, 90));
          u.apps.push({ ...blankApp(createdAt), status: "SUBMITTED", submittedAt: addDays(anchor, -int(r, 1, 28)), self: CHECKLIST_POINTS.map((p) => p * 10 - 5 * int(r, 0, 3)) });
        } else if (x < 0.22) {
          const createdAt = addDays(anchor, -int(r, 50, 120));
          const sc = scoresFor(r, r() < 0.8);
          const k = int(r, 0, CHECKLIST_POINTS.length);
          u.apps.push({
            ...blankApp(createdAt),
            status: "UNDER_REVIEW",
            submittedAt: addDays(createdAt, int(r, 5, 20)),
            reviewStartedAt: addDays(anchor, -int(r, 1, 25)),
            scores: sc.map((s, i) => (i < k ? s : null)),
            self: CHECKLIST_POINTS.map((p) => p * 10 - 5 * int(r, 0, 2)),
          });
        } else if (x < 0.26) {
          const createdAt = dateBetween(r, windowStart, addDays(anchor, -60));
          u.apps.push({ ...blankApp(createdAt), status: "WITHDRAWN", submittedAt: r() < 0.5 ? addDays(createdAt, 10) : null, decisionComment: "单位主动撤回，整改后再申报。", evidence: CHECKLIST_POINTS.map(() => r() < 0.5) });
        } else if (x < 0.31) {
          const createdAt = dateBetween(r, windowStart, addDays(anchor, -90));
          const submittedAt = addDays(createdAt, int(r, 5, 25));
          const reviewStartedAt = addDays(submittedAt, int(r, 3, 15));
          const sc = scoresFor(r, false);
          u.apps.push({
            ...blankApp(createdAt),
            status: "REJECTED",
            submittedAt,
            reviewStartedAt,
            decidedAt: addDays(reviewStartedAt, int(r, 5, 30)),
            scores: sc,
            self: sc.map((s, i) => Math.min(CHECKLIST_POINTS[i]! * 10, s + 15)),
            decisionComment: pick(r, ["分类设施配置不足，现场分类准确率未达 90%。", "危险废物贮存不规范，台账不完整。", "满意度测评未达要求，请整改后再申报。"]),
          });
        } else if (x < 0.34) {
          const certifiedAt = dateBetween(r, windowStart, addDays(anchor, -400));
          const a = certifiedApp(r, certifiedAt, "NEW", null);
          a.status = "REVOKED";
          a.revokedAt = addDays(certifiedAt, int(r, 120, 360));
          a.revokeReason = pick(r, ["复查发现主动提供一次性用品，撤销命名。", "危险废物非法转移被查处，撤销命名。", "复查分类投放准确率严重下降，撤销命名。"]);
          u.apps.push(a);
        } else {
          // Certified path; some failed once first.
          let certifiedAt = dateBetween(r, windowStart, addDays(anchor, -20));
          if (r() < 0.15) {
            const createdAt = addDays(certifiedAt, -int(r, 200, 300));
            if (createdAt > windowStart) {
              const sc = scoresFor(r, false);
              u.apps.push({ ...blankApp(createdAt), status: "REJECTED", submittedAt: addDays(createdAt, 10), reviewStartedAt: addDays(createdAt, 20), decidedAt: addDays(createdAt, 40), scores: sc, self: sc, decisionComment: "部分佐证材料不足，请整改后再申报。" });
            }
          }
          u.apps.push(certifiedApp(r, certifiedAt, "NEW", null));
          // Renewals of certificates that ran out before the anchor.
          for (let guard = 0; guard < 3; guard++) {
            const last = u.apps[u.apps.length - 1]!;
            if (last.status !== "CERTIFIED" || !last.validUntil) break;
            if (last.validUntil.getTime() < anchor.getTime()) {
              if (r() < 0.65) {
                last.status = "SUPERSEDED";
                certifiedAt = addDays(last.validUntil, -int(r, 10, 80));
                u.apps.push(certifiedApp(r, certifiedAt, "REASSESSMENT", u.apps.length - 1));
                continue;
              }
              break; // left to expire: the expiry job will do it
            }
            if (last.validUntil.getTime() - anchor.getTime() < 90 * DAY_MS && r() < 0.45) {
              const createdAt = addDays(anchor, -int(r, 1, 30));
              u.apps.push({ ...blankApp(createdAt), kind: "REASSESSMENT", prevIndex: u.apps.length - 1, status: r() < 0.5 ? "DRAFT" : "SUBMITTED", submittedAt: r() < 0.5 ? null : addDays(createdAt, 3), evidence: CHECKLIST_POINTS.map(() => true), self: CHECKLIST_POINTS.map((p) => p * 10) });
              const open = u.apps[u.apps.length - 1]!;
              if (open.status === "SUBMITTED" && !open.submittedAt) open.submittedAt = addDays(createdAt, 3);
              if (open.status === "DRAFT") open.submittedAt = null;
            }
            break;
          }
        }
        out.push(u);
      }
    }
  }
  return out;
}

function blankApp(createdAt: Date): AppGen {
  return {
    status: "DRAFT",
    kind: "NEW",
    prevIndex: null,
    createdAt,
    submittedAt: null,
    reviewStartedAt: null,
    decidedAt: null,
    certifiedAt: null,
    validUntil: null,
    revokedAt: null,
    revokeReason: null,
    decisionComment: null,
    level: "CITY",
    scores: CHECKLIST_POINTS.map(() => null),
    self: CHECKLIST_POINTS.map(() => null),
    evidence: CHECKLIST_POINTS.map(() => true),
    summary: "",
  };
}

/** The two units of the bulletin. */
function bulletinUnits(r: Rnd): UnitGen[] {
  const yue = DISTRICTS[0]!;
  const sheng = DISTRICTS[4]!;
  const hospital: UnitGen = { name: "绍兴市人民医院", typeCode: "HOSPITAL", district: yue, lon: "120.586400", lat: "30.001100", contactName: "院办", contactPhone: "0575-88228888", apps: [] };
  const first = certifiedApp(r, new Date("2021-11-24T10:00:00+08:00"), "NEW", null, "PROVINCIAL");
  first.status = "SUPERSEDED";
  first.scores = [100, 100, 145, 145, 150, 150, 95, 95];
  first.decisionComment = "全省“无废医院”代表，省级认定。";
  const renewal = certifiedApp(r, new Date("2024-10-15T10:00:00+08:00"), "REASSESSMENT", 0, "PROVINCIAL");
  renewal.scores = [100, 100, 150, 145, 150, 150, 100, 95];
  renewal.decisionComment = "复评通过，保持省级“无废医院”认定。";
  hospital.apps.push(first, renewal);

  const kindergarten: UnitGen = { name: "嵊州市仙湖幼儿园", typeCode: "SCHOOL", district: sheng, lon: "120.831200", lat: "29.588600", contactName: "园长办公室", contactPhone: "0575-83088123", apps: [] };
  const draft = blankApp(new Date("2026-11-10T09:30:00+08:00"));
  draft.summary =
    "我园成立“无废学校”创建领导小组，制定活动方案。一是加大宣传力度，利用行政例会、国旗下讲话、公众号和班级微信群宣传发动；二是强化专项治理，每天对各班教室和公共区域量化评比；三是开展环境教育，幼儿环保知识知晓率、环保行为形成率均在 90% 以上；四是组织红立方志愿服务队开展光盘行动、垃圾分类宣传和进社区服务。";
  draft.evidence = [true, true, true, true, false, false, true, true];
  draft.self = [100, 90, 140, 135, null, null, 95, 90];
  kindergarten.apps.push(draft);
  return [hospital, kindergarten];
}

function evidenceText(item: { evidenceZh: string }, unitName: string, at: Date): string {
  return `${item.evidenceZh}（${unitName}，${shanghaiDay(at)} 上传：材料.pdf）`;
}

export async function seedCells(ctx: SeedContext): Promise<void> {
  const db = ctx.db;
  const r = ctx.random;
  const depts = await allDepartments(db);
  const t0 = Date.now();
  const phase = (name: string) => ctx.log(`cells: ${name} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const deptId = (code: string) => depts.find((d) => d.code === code)!.id;

  // ——— cell types and checklists ———
  const typeRows = await db
    .insert(cellTypes)
    .values(CELL_TYPES.map((t, i) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, sort: i + 1 })))
    .returning();
  const typeByCode = new Map(typeRows.map((t) => [t.code, t]));
  const itemRows = await db
    .insert(checklistItems)
    .values(CELL_TYPES.flatMap((t) => checklistFor(t).map((it, k) => ({ ...it, cellTypeId: typeByCode.get(t.code)!.id, version: 1, seq: k + 1 }))))
    .returning();
  const itemsOf = (typeId: number) => itemRows.filter((i) => i.cellTypeId === typeId).sort((a, b) => a.seq - b.seq);

  // ——— units and applications ———
  const gen = [...bulletinUnits(r), ...generateUnits(ctx)];
  const unitStatus = (u: UnitGen): { status: CellStatus; cert: AppGen | null } => {
    const cert = u.apps.find((a) => a.status === "CERTIFIED") ?? null;
    if (cert) return { status: "CERTIFIED", cert };
    if (u.apps.some((a) => a.status === "DRAFT" || a.status === "SUBMITTED" || a.status === "UNDER_REVIEW")) return { status: "APPLYING", cert: null };
    const last = [...u.apps].reverse().find((a) => a.status === "EXPIRED" || a.status === "REVOKED");
    return { status: (last?.status as CellStatus) ?? "NONE", cert: null };
  };
  const unitIds: number[] = [];
  for (let k = 0; k < gen.length; k += 1000) {
    const chunk = gen.slice(k, k + 1000);
    const ins = await db
      .insert(units)
      .values(
        chunk.map((u) => {
          const s = unitStatus(u);
          return {
            name: u.name,
            cellTypeId: typeByCode.get(u.typeCode)!.id,
            districtId: u.district.id,
            address: `浙江省绍兴市${u.district.zh}${u.name.replace(u.district.zh, "").slice(0, 4)}路 ${int(r, 1, 400)} 号`,
            lon: u.lon,
            lat: u.lat,
            contactName: u.contactName,
            contactPhone: u.contactPhone,
            cellStatus: s.status,
            createdAt: u.apps[0] ? addDays(u.apps[0].createdAt, -int(r, 1, 30)) : addDays(SEED_ANCHOR, -int(r, 30, 1500)),
            updatedAt: SEED_ANCHOR,
          };
        }),
      )
      .returning({ id: units.id });
    unitIds.push(...ins.map((x) => x.id));
  }

  // Application and certificate numbers in time order.
  const flat: { u: UnitGen; ui: number; a: AppGen; ai: number }[] = [];
  gen.forEach((u, ui) => u.apps.forEach((a, ai) => flat.push({ u, ui, a, ai })));
  flat.sort((x, y) => x.a.createdAt.getTime() - y.a.createdAt.getTime());
  const appSeq = new Map<number, number>();
  const numbers = new Map<AppGen, string>();
  for (const f of flat) {
    const y = Number(shanghaiDay(f.a.createdAt).slice(0, 4));
    const n = (appSeq.get(y) ?? 0) + 1;
    appSeq.set(y, n);
    numbers.set(f.a, `SQ${y}-${String(n).padStart(5, "0")}`);
  }
  const certSeq = new Map<string, number>();
  const certNo = new Map<AppGen, string>();
  for (const f of [...flat].filter((x) => x.a.certifiedAt).sort((x, y) => x.a.certifiedAt!.getTime() - y.a.certifiedAt!.getTime())) {
    const y = Number(shanghaiDay(f.a.certifiedAt!).slice(0, 4));
    const key = `${y}:${f.u.typeCode}`;
    const n = (certSeq.get(key) ?? 0) + 1;
    certSeq.set(key, n);
    certNo.set(f.a, certificateNumber(y, f.u.typeCode, n));
  }
  const officeUser = await sqlOne<{ id: number }>(ctx, sql`select id from core.users where username = 'office'`);
  const appRows = flat.map((f) => {
    const a = f.a;
    const total = a.scores.some((s) => s != null) ? fromTenths(a.scores.reduce<number>((x, s) => x + (s ?? 0), 0)) : null;
    return {
      number: numbers.get(a)!,
      unitId: unitIds[f.ui]!,
      cellTypeId: typeByCode.get(f.u.typeCode)!.id,
      districtId: f.u.district.id,
      kind: a.kind,
      checklistVersion: 1,
      passMark: "85.0",
      status: a.status,
      summary: a.summary || `${f.u.name}创建“无废${CELL_TYPES.find((t) => t.code === f.u.typeCode)!.nameZh}”工作情况：成立领导小组，制定创建方案，落实分类设施和管理台账，开展宣传教育。`,
      submittedAt: a.submittedAt,
      reviewStartedAt: a.reviewStartedAt,
      reviewerId: a.reviewStartedAt ? (officeUser?.id ?? null) : null,
      totalScore: total,
      decidedAt: a.decidedAt,
      decisionComment: a.decisionComment,
      level: a.level,
      certificateNo: certNo.get(a) ?? null,
      certifiedAt: a.certifiedAt,
      validUntil: a.validUntil,
      revokedAt: a.revokedAt,
      revokeReason: a.revokeReason,
      createdAt: a.createdAt,
      updatedAt: a.revokedAt ?? a.decidedAt ?? a.reviewStartedAt ?? a.submittedAt ?? a.createdAt,
    };
  });
  const appIds: number[] = [];
  for (let k = 0; k < appRows.length; k += 1000) {
    const ins = await db.insert(applications).values(appRows.slice(k, k + 1000)).returning({ id: applications.id });
    appIds.push(...ins.map((x) => x.id));
  }
  const idOfApp = new Map<AppGen, number>();
  flat.forEach((f, i) => idOfApp.set(f.a, appIds[i]!));
  const prevLinks = flat.filter((f) => f.a.prevIndex != null).map((f) => [idOfApp.get(f.a)!, idOfApp.get(f.u.apps[f.a.prevIndex!]!)!] as const);
  for (let k = 0; k < prevLinks.length; k += 1000) {
    const values = sql.join(
      prevLinks.slice(k, k + 1000).map(([id, prev]) => sql`(${id}::int, ${prev}::int)`),
      sql`, `,
    );
    await db.execute(sql`update cells.applications a set previous_application_id = v.prev from (values ${values}) as v(id, prev) where a.id = v.id`);
  }
  // Certified units: their certificate on the unit row.
  await db.execute(sql`update cells.units u set certificate_no = a.certificate_no, certified_until = a.valid_until from cells.applications a where a.unit_id = u.id and a.status = 'CERTIFIED'`);
  // Assessment rows.
  const itemValues: (typeof assessmentItems.$inferInsert)[] = [];
  for (const f of flat) {
    const items = itemsOf(typeByCode.get(f.u.typeCode)!.id);
    const evidAt = f.a.submittedAt ?? f.a.createdAt;
    items.forEach((it, k) => {
      const sc = f.a.scores[k];
      itemValues.push({
        applicationId: idOfApp.get(f.a)!,
        itemId: it.id,
        seq: it.seq,
        maxPoints: it.points,
        selfScore: f.a.self[k] != null ? fromTenths(f.a.self[k]!) : null,
        unitEvidence: f.a.evidence[k] ? evidenceText(it, f.u.name, evidAt) : "",
        score: sc != null ? fromTenths(sc) : null,
        reviewEvidence: sc != null ? "已核查原件并现场查看。" : "",
        comment: sc != null ? (sc >= it.points * 9 ? "符合要求。" : sc >= it.points * 7 ? "基本符合，个别台账不完整。" : "未达到要求，需整改。") : "",
        scoredBy: sc != null ? (officeUser?.id ?? null) : null,
        scoredAt: sc != null ? (f.a.decidedAt ?? f.a.reviewStartedAt) : null,
      });
    });
  }
  for (let k = 0; k < itemValues.length; k += 2000) await db.insert(assessmentItems).values(itemValues.slice(k, k + 2000));
  for (const [key, n] of certSeq) {
    const [y, code] = key.split(":");
    await db.execute(sql`insert into cells.certificate_counters (year, cell_type_id, last) values (${Number(y)}, ${typeByCode.get(code!)!.id}, ${n})`);
  }
  for (const [y, n] of appSeq) await db.execute(sql`insert into cells.number_counters (scope, year, last) values ('application', ${y}, ${n})`);

  // Targets: at least 50 per county by 2023, rising after.
  const targetRows: (typeof cellTargets.$inferInsert)[] = [];
  const yearly: Record<number, number> = { 2021: 30, 2022: 40, 2023: 50, 2024: 55, 2025: 60, 2026: 60 };
  for (const d of DISTRICTS) {
    for (const [y, t] of Object.entries(yearly)) {
      targetRows.push({ year: Number(y), districtId: d.id, cellTypeId: null, target: ctx.registers(t, 1) });
      if (Number(y) >= 2025) for (const ty of CELL_TYPES) targetRows.push({ year: Number(y), districtId: d.id, cellTypeId: typeByCode.get(ty.code)!.id, target: ctx.registers(Math.ceil(PER_DISTRICT[ty.code]! * 0.7), 1) });
    }
  }
  await db.insert(cellTargets).values(targetRows);

  phase("cells loaded");
  // ——— indicator system ———
  const groupRows = await db
    .insert(indicatorGroups)
    .values(INDICATOR_GROUPS.map((g, i) => ({ ...g, sort: i + 1 })))
    .returning();
  const indRows = await db
    .insert(indicators)
    .values(
      INDICATORS.map((d, i) => ({
        code: d.code,
        groupId: groupRows.find((g) => g.code === d.group)!.id,
        categoryZh: d.categoryZh,
        categoryEn: d.categoryEn,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        unit: d.unit,
        direction: d.direction,
        mandatory: d.mandatory,
        formula: d.formula,
        responsibleDepartmentId: deptId(d.department),
        inIndex: d.inIndex ?? true,
        baseline: d.baseline.toFixed(Math.max(d.places, 0)),
        sort: i + 1,
      })),
    )
    .returning();
  const years = [2021, 2022, 2023, 2024, 2025, 2026];
  const allDistrictIds = [CITY_DISTRICT_ID, ...DISTRICTS.map((d) => d.id)];
  const tRows: (typeof indicatorTargets.$inferInsert)[] = [];
  const aRows: (typeof indicatorActuals.$inferInsert)[] = [];
  // Certified cells at the end of each quarter, from the generated history (for ZERO_WASTE_CELLS).
  const certifiedAt = (districtId: number | null, when: Date) =>
    flat.filter(
      (f) =>
        (districtId == null || f.u.district.id === districtId) &&
        f.a.certifiedAt &&
        f.a.certifiedAt <= when &&
        f.a.validUntil! > when &&
        (!f.a.revokedAt || f.a.revokedAt > when) &&
        // a superseded certificate counts until its successor is certified
        !(f.a.status === "SUPERSEDED" && f.u.apps.some((n) => n.prevIndex === f.ai && n.certifiedAt && n.certifiedAt <= when)),
    ).length;
  for (const ind of indRows) {
    const def = INDICATORS.find((d) => d.code === ind.code)!;
    const clampV = (v: number) => (def.unit === "%" ? Math.min(100, Math.max(0, v)) : Math.max(0, v));
    const fmt = (v: number) => clampV(v).toFixed(def.places);
    const series = new Map<number, { base: number; t2025: number; perf: number }>();
    for (const d of DISTRICTS) {
      const share = DISTRICT_SHARE[d.id]!;
      let base = def.baseline;
      let t2025 = def.target2025;
      if (def.additive) {
        base = def.baseline * share;
        t2025 = def.target2025 * share;
      } else if (def.unit === "件") {
        base = def.baseline * 0.35;
        t2025 = def.target2025 * 0.35;
      } else {
        base = def.baseline * (1 + between(r, -0.05, 0.04));
      }
      series.set(d.id, { base, t2025, perf: between(r, 0.78, 1.12) * d.pace });
    }
    series.set(CITY_DISTRICT_ID, { base: def.baseline, t2025: def.target2025, perf: 1 });
    const targetOf = (dId: number, y: number) => {
      const s = series.get(dId)!;
      const k = Math.min(5, y - 2020) / 5;
      return s.base + (s.t2025 - s.base) * k;
    };
    for (const dId of allDistrictIds) for (const y of years) tRows.push({ indicatorId: ind.id, districtId: dId, year: y, target: fmt(targetOf(dId, y)) });
    // Actuals per district, then the city from them.
    const values = new Map<string, number>();
    for (const d of DISTRICTS) {
      const s = series.get(d.id)!;
      let prevEnd = s.base;
      for (const y of years) {
        const T = targetOf(d.id, y);
        for (let q = 1; q <= 4; q++) {
          if (y === 2026 && q === 4) break;
          let v = prevEnd + (T - prevEnd) * (q / 4) * s.perf + (r() - 0.5) * Math.abs(T - prevEnd || T * 0.02) * 0.3;
          if (def.code === "ZERO_WASTE_CELLS") v = certifiedAt(d.id, quarterEnd(y, q));
          if (def.bulletin2021 != null && (y > 2021 || (y === 2021 && q === 4))) {
            if (def.unit === "%") v = def.bulletin2021;
            if (def.code === "PACK_RECYCLE_DEVICES" && y === 2021) v = DEVICES_2021[d.id]!;
            if (def.code === "REUSABLE_PACKAGES" && y === 2021) v = Number(REUSABLE_2021[d.id]!);
          }
          values.set(`${d.id}:${y}:${q}`, Number(fmt(v)));
        }
        prevEnd = values.get(`${d.id}:${y}:${y === 2026 ? 3 : 4}`)!;
      }
    }
    for (const y of years)
      for (let q = 1; q <= 4; q++) {
        if (y === 2026 && q === 4) break;
        const ds = DISTRICTS.map((d) => values.get(`${d.id}:${y}:${q}`)!);
        let v = def.additive ? ds.reduce((a, b) => a + b, 0) : def.unit === "件" ? ds.reduce((a, b) => a + b, 0) / 0.35 / DISTRICTS.length : DISTRICTS.reduce((a, d, i) => a + ds[i]! * DISTRICT_SHARE[d.id]!, 0);
        if (def.code === "ZERO_WASTE_CELLS") v = certifiedAt(null, quarterEnd(y, q));
        if (def.bulletin2021 != null && y === 2021 && q === 4) v = def.bulletin2021;
        values.set(`${CITY_DISTRICT_ID}:${y}:${q}`, Number(fmt(v)));
      }
    const dept = depts.find((x) => x.code === def.department)!;
    for (const [key, v] of values) {
      const [dId, y, q] = key.split(":").map(Number) as [number, number, number];
      const reportedAt = addDays(quarterEnd(y, q), int(r, 5, 25));
      aRows.push({
        indicatorId: ind.id,
        districtId: dId,
        year: y,
        quarter: q,
        value: fmt(v),
        evidence: `${dept.nameZh}《${def.nameZh}》${y} 年第 ${q} 季度统计报表及台账（附件：统计报表.xlsx）`,
        note: "",
        departmentId: dept.id,
        reportedByLabel: dept.nameZh,
        reportedAt,
        updatedAt: reportedAt,
      });
    }
  }
  for (let k = 0; k < tRows.length; k += 2000) await db.insert(indicatorTargets).values(tRows.slice(k, k + 2000));
  for (let k = 0; k < aRows.length; k += 2000) await db.insert(indicatorActuals).values(aRows.slice(k, k + 2000));

  // Province's index ranking: 11 cities, Shaoxing 3rd in 2021 Q4.
  const cities: [string, string][] = [
    ["杭州市", "Hangzhou"], ["宁波市", "Ningbo"], ["温州市", "Wenzhou"], ["嘉兴市", "Jiaxing"], ["湖州市", "Huzhou"], ["绍兴市", "Shaoxing"],
    ["金华市", "Jinhua"], ["衢州市", "Quzhou"], ["舟山市", "Zhoushan"], ["台州市", "Taizhou"], ["丽水市", "Lishui"],
  ];
  const provRows: (typeof provincialIndex.$inferInsert)[] = [];
  for (const y of years)
    for (let q = 1; q <= 4; q++) {
      if ((y === 2021 && q < 3) || (y === 2026 && q > 3)) continue;
      const step = (y - 2021) * 4 + q;
      const vals = cities.map(([zh], i) => ({ zh, v: 78 + step * 0.45 + (10 - i) * 0.5 + (r() - 0.5) * 3 }));
      const sorted = [...vals].sort((a, b) => b.v - a.v);
      // Shaoxing between 2nd and 4th, exactly 3rd in 2021 Q4.
      const wantRank = y === 2021 && q === 4 ? 3 : 2 + Math.floor(r() * 3);
      const sx = sorted.findIndex((x) => x.zh === "绍兴市");
      const [s] = sorted.splice(sx, 1);
      sorted.splice(wantRank - 1, 0, s!);
      // Make values strictly decreasing by rank.
      let prev = 100;
      sorted.forEach((c, i) => {
        const v = Math.min(prev - 0.05, Math.max(60, sorted[i]!.v));
        prev = Math.floor(v * 100) / 100;
        const city = cities.find(([zh]) => zh === c.zh)!;
        provRows.push({ year: y, quarter: q, cityZh: city[0], cityEn: city[1], value: prev.toFixed(2), rank: i + 1 });
      });
    }
  await db.insert(provincialIndex).values(provRows);

  phase("indicators loaded");
  // ——— tasks ———
  const taskRows: (typeof trackingTasks.$inferInsert)[] = [];
  const taskSeq = new Map<number, number>();
  for (const t of TASKS) {
    const targets = t.perDistrict ? DISTRICTS.map((d) => d.id) : [null];
    for (const districtId of targets) {
      const n = (taskSeq.get(t.year) ?? 0) + 1;
      taskSeq.set(t.year, n);
      const deadline = new Date(`${t.deadline}T17:00:00+08:00`);
      const x = r();
      const ageDays = (SEED_ANCHOR.getTime() - deadline.getTime()) / DAY_MS;
      let status: "OPEN" | "SUBMITTED" | "CLOSED" | "CANCELLED";
      if (ageDays > 60) status = x < 0.85 ? "CLOSED" : x < 0.93 ? "OPEN" : x < 0.97 ? "SUBMITTED" : "CANCELLED";
      else if (ageDays > 0) status = x < 0.4 ? "CLOSED" : x < 0.7 ? "SUBMITTED" : "OPEN";
      else status = x < 0.7 ? "OPEN" : x < 0.9 ? "SUBMITTED" : "CLOSED";
      const submittedAt = status === "SUBMITTED" || status === "CLOSED" ? addDays(deadline, ageDays > 60 ? int(r, -40, 25) : int(r, -30, -1)) : null;
      const sub = submittedAt && submittedAt > SEED_ANCHOR ? addDays(SEED_ANCHOR, -2) : submittedAt;
      const closedAt = status === "CLOSED" ? new Date(Math.min(addDays(sub!, int(r, 2, 20)).getTime(), SEED_ANCHOR.getTime())) : null;
      const districtZh = districtId ? DISTRICTS.find((d) => d.id === districtId)!.zh : "";
      taskRows.push({
        code: `RW${t.year}-${String(n).padStart(4, "0")}`,
        title: districtId ? `${districtZh}：${t.title}` : t.title,
        description: t.description,
        departmentId: deptId(t.department),
        districtId,
        owner: districtId ? `${districtZh}${t.owner.replace(/^市/, "")}` : t.owner,
        year: t.year,
        deadline: t.deadline,
        status,
        evidence: sub ? `完成情况报告及佐证材料（${shanghaiDay(sub)} 报送）` : "",
        submittedAt: sub,
        closedAt,
        closingNote: status === "CLOSED" ? "佐证材料齐全，同意销号。" : status === "CANCELLED" ? "任务调整，纳入下一年度清单。" : null,
        createdAt: new Date(`${t.year}-01-15T09:00:00+08:00`),
        updatedAt: closedAt ?? sub ?? new Date(`${t.year}-01-15T09:00:00+08:00`),
      });
    }
  }
  await db.insert(trackingTasks).values(taskRows);
  for (const [y, n] of taskSeq) await db.execute(sql`insert into cells.number_counters (scope, year, last) values ('task', ${y}, ${n})`);

  // ——— academy ———
  const academyRows: (typeof academyItems.$inferInsert)[] = [];
  const addAcademy = (a: (typeof ACADEMY)[number], status: "DRAFT" | "IN_REVIEW" | "PUBLISHED" | "ARCHIVED", publishedAt: Date | null) => {
    const base = {
      kind: a.kind,
      title: a.title,
      summary: a.summary,
      body: a.body,
      category: a.category,
      tags: a.tags,
      author: a.author ?? "",
      source: a.source ?? a.author ?? "",
      docNumber: a.docNumber ?? null,
      issuedOn: a.issuedOn ?? null,
      durationMinutes: a.lessons ? a.lessons.reduce((x, l) => x + l.minutes, 0) : null,
      lessons: a.lessons ?? null,
    };
    academyRows.push({
      ...base,
      status,
      submittedAt: status === "DRAFT" ? null : publishedAt ?? addDays(SEED_ANCHOR, -3),
      publishedAt: status === "PUBLISHED" || status === "ARCHIVED" ? publishedAt : null,
      publishedBy: status === "PUBLISHED" || status === "ARCHIVED" ? (officeUser?.id ?? null) : null,
      archivedAt: status === "ARCHIVED" ? addDays(publishedAt!, 400) : null,
      searchVector: tsvectorLiteral([
        [base.title, "A"],
        [base.tags.join(" "), "A"],
        [`${base.category} ${base.docNumber ?? ""} ${base.source}`, "B"],
        [base.summary, "B"],
        [(base.lessons ?? []).map((l) => l.title).join(" "), "B"],
        [base.body, "C"],
      ]),
      createdAt: publishedAt ? addDays(publishedAt, -5) : addDays(SEED_ANCHOR, -10),
      updatedAt: publishedAt ?? addDays(SEED_ANCHOR, -2),
    });
  };
  ACADEMY.forEach((a, i) => {
    const status = i === 11 ? "IN_REVIEW" : i === ACADEMY.length - 1 ? "DRAFT" : "PUBLISHED";
    addAcademy(a, status, status === "PUBLISHED" ? dateBetween(r, new Date("2021-06-01T09:00:00+08:00"), addDays(SEED_ANCHOR, -5)) : null);
  });
  // News items from the districts.
  const newsCount = ctx.registers(36, 2);
  for (let i = 0; i < newsCount; i++) {
    const d = DISTRICTS[i % DISTRICTS.length]!;
    const place = pick(r, d.places);
    const theme = pick(r, [
      ["垃圾分类", "垃圾分类进社区", "桶边督导和入户宣传，教居民分清四类垃圾"],
      ["无废城市", "“无废城市”宣传周", "发放宣传海报和折页，讲解无废理念"],
      ["快递包装", "快递包装绿色转型检查", "检查网点绿色包装和回收装置使用"],
      ["工业固废", "工业固废规范化管理培训", "培训企业固废台账和贮存要求"],
      ["无废细胞", "无废细胞创建现场会", "交流学校、社区创建经验"],
    ] as const);
    const at = dateBetween(r, new Date("2021-03-01T09:00:00+08:00"), addDays(SEED_ANCHOR, -3));
    addAcademy(
      {
        kind: "ARTICLE",
        title: `${d.zh}${place}开展${theme[1]}活动`,
        summary: `${shanghaiDay(at)}，${d.zh}${place}开展${theme[1]}，${theme[2]}。`,
        body: `${shanghaiDay(at)}，${d.zh}${place}组织开展${theme[1]}活动。活动中，工作人员${theme[2]}，现场群众积极参与。\n\n下一步，${d.zh}将继续推进${theme[0]}工作，把“无废”理念融入群众日常生活，助力全域“无废城市”建设。`,
        category: theme[0],
        tags: [theme[0], d.zh, "基层动态"],
        author: `${d.zh}无废办`,
      },
      i % 17 === 16 ? "ARCHIVED" : "PUBLISHED",
      at,
    );
  }
  for (let k = 0; k < academyRows.length; k += 500) await db.insert(academyItems).values(academyRows.slice(k, k + 500));

  // ——— consultation ———
  const qRows: (typeof questions.$inferInsert)[] = [];
  const qSeq = new Map<number, number>();
  const addQuestion = (q: (typeof QUESTIONS)[number], variant: number, status: "NEW" | "ANSWERED" | "PUBLISHED" | "CLOSED" | "REJECTED", at: Date, districtId: number | null) => {
    const y = Number(shanghaiDay(at).slice(0, 4));
    const n = (qSeq.get(y) ?? 0) + 1;
    qSeq.set(y, n);
    const title = variant === 0 ? q.title : `${q.title}（${["请问", "咨询", "求助", "想了解"][variant % 4]}）`;
    const body = variant === 0 ? q.body : `${q.body} 我在${districtId ? DISTRICTS.find((d) => d.id === districtId)!.zh : "绍兴"}。`;
    const answered = status === "ANSWERED" || status === "PUBLISHED";
    const answeredAt = answered || (status === "CLOSED" && variant % 2 === 0) ? addDays(at, int(r, 1, 6)) : null;
    const answer = answered || answeredAt ? q.answer : null;
    qRows.push({
      number: `ZX${y}-${String(n).padStart(6, "0")}`,
      trackingHash: sha256(`seed-${y}-${n}`),
      askerKind: "PUBLIC",
      askerName: pick(r, ["", "王女士", "李先生", "张先生", "陈女士", "市民", "刘老师"]),
      contact: r() < 0.5 ? `13${int(r, 100000000, 999999999)}` : "",
      districtId,
      category: q.category,
      title,
      body,
      status,
      answer,
      answeredBy: answeredAt ? (officeUser?.id ?? null) : null,
      answeredAt,
      faqTitle: status === "PUBLISHED" ? q.title : null,
      publishedAt: status === "PUBLISHED" ? addDays(answeredAt!, 1) : null,
      closedReason: status === "CLOSED" ? "已电话答复，问题已解决。" : status === "REJECTED" ? "与“无废城市”无关的广告信息。" : null,
      clientHash: sha256(`client-${y}-${n}`),
      contentHash: contentHash(title, body),
      searchVector: tsvectorLiteral([
        [status === "PUBLISHED" ? q.title : title, "A"],
        [status === "PUBLISHED" ? title : null, "B"],
        [q.category, "B"],
        [body, "C"],
        [answer, "C"],
      ]),
      createdAt: at,
      updatedAt: addDays(at, 2) > SEED_ANCHOR ? at : addDays(at, 2),
    });
  };
  QUESTIONS.forEach((q, i) => addQuestion(q, 0, i % 5 === 4 ? "ANSWERED" : "PUBLISHED", dateBetween(r, new Date("2021-05-01T09:00:00+08:00"), addDays(SEED_ANCHOR, -30)), null));
  const extra = ctx.registers(100, 3);
  for (let i = 0; i < extra; i++) {
    const q = QUESTIONS[i % QUESTIONS.length]!;
    const recent = i % 4 === 0;
    const at = recent ? addDays(SEED_ANCHOR, -int(r, 0, 12)) : dateBetween(r, new Date("2021-05-01T09:00:00+08:00"), addDays(SEED_ANCHOR, -15));
    const status = recent ? (r() < 0.7 ? "NEW" : "ANSWERED") : pick(r, ["ANSWERED", "ANSWERED", "CLOSED", "ANSWERED", "PUBLISHED"] as const);
    addQuestion(q, i + 1, status, at, pick(r, DISTRICTS).id);
  }
  // Spam that was refused by staff (markup stays plain text).
  addQuestion({ category: "其他", title: "代开各类发票 <b>联系</b>", body: "优惠代开发票，详情请加微信 <a href='http://spam.example'>点击</a>", answer: "" }, 999, "REJECTED", addDays(SEED_ANCHOR, -40), null);
  await db.insert(questions).values(qRows);
  for (const [y, n] of qSeq) await db.execute(sql`insert into cells.number_counters (scope, year, last) values ('question', ${y}, ${n})`);

  // ——— publicity and surveys ———
  const pubRows: (typeof publicityActivities.$inferInsert)[] = [];
  pubRows.push({
    title: "“无废城市”集中宣传周",
    kind: "CAMPAIGN",
    districtId: 330604,
    organiser: "上虞区无废办",
    departmentId: deptId(OFFICE_DEPARTMENT_CODE),
    startDate: "2021-11-08",
    endDate: "2021-11-12",
    location: "上虞区各街道、乡镇",
    participants: 3600,
    posters: 1450,
    leaflets: 1200,
    otherMaterials: 300,
    description: "发放无废宣传海报 1450 份、宣传折页 1200 份，强化宣传引导，营造“人人参与”的浓郁氛围。",
  });
  pubRows.push({
    title: "仙湖幼儿园“光盘行动”和垃圾分类进社区",
    kind: "SCHOOL",
    districtId: 330683,
    organiser: "嵊州市仙湖幼儿园红立方志愿服务队",
    departmentId: deptId("education"),
    startDate: "2021-10-20",
    endDate: "2021-10-20",
    location: "仙湖幼儿园及周边社区",
    participants: 260,
    posters: 40,
    leaflets: 120,
    otherMaterials: 0,
    description: "幼儿自制宣传画，向社区居民和路人宣传“保护环境，人人有责”，开展垃圾分类宣传和清扫周边社区活动。",
  });
  const perDistrictYear = ctx.registers(6, 1);
  for (const d of DISTRICTS)
    for (const y of years)
      for (let k = 0; k < perDistrictYear; k++) {
        const start = dateBetween(r, new Date(`${y}-01-05T09:00:00+08:00`), y === 2026 ? addDays(SEED_ANCHOR, -2) : new Date(`${y}-12-20T09:00:00+08:00`));
        const kind = pick(r, ["EVENT", "CAMPAIGN", "SCHOOL", "COMMUNITY", "MEDIA", "TRAINING"] as const);
        const place = pick(r, d.places);
        const len = kind === "CAMPAIGN" ? int(r, 2, 6) : 0;
        pubRows.push({
          title: `${place}${{ EVENT: "无废主题活动", CAMPAIGN: "集中宣传行动", SCHOOL: "无废理念进校园", COMMUNITY: "垃圾分类进社区", MEDIA: "LED 屏和公众号宣传", TRAINING: "固废管理培训班" }[kind]}`,
          kind,
          districtId: d.id,
          organiser: `${d.zh}${pick(r, ["无废办", "分类办", "团委", "妇联", "教育局", "综合执法局"])}`,
          departmentId: deptId(OFFICE_DEPARTMENT_CODE),
          startDate: shanghaiDay(start),
          endDate: shanghaiDay(addDays(start, len)),
          location: `${d.zh}${place}`,
          participants: kind === "MEDIA" ? 0 : int(r, 40, 1500),
          posters: kind === "TRAINING" ? 0 : int(r, 0, 400),
          leaflets: kind === "MEDIA" ? 0 : int(r, 0, 600),
          otherMaterials: int(r, 0, 100),
          description: "",
          createdAt: start,
          updatedAt: start,
        });
      }
  for (let k = 0; k < pubRows.length; k += 1000) await db.insert(publicityActivities).values(pubRows.slice(k, k + 1000));
  const surveyRows: (typeof awarenessSurveys.$inferInsert)[] = [];
  for (const d of DISTRICTS)
    for (const y of years)
      for (const half of [1, 2]) {
        const step = (y - 2021) * 2 + half;
        const day = y === 2026 && half === 2 ? int(r, 1, 10) : int(r, 10, 25);
        surveyRows.push({
          districtId: d.id,
          surveyedOn: `${y}-${half === 1 ? "06" : "11"}-${String(day).padStart(2, "0")}`,
          population: pick(r, ["居民", "居民", "学生家长", "企业职工"]),
          sampleSize: int(r, 300, 1200),
          awarenessPct: Math.min(99, 74 + step * 1.8 * d.pace + between(r, -2, 2)).toFixed(2),
          participationPct: Math.min(95, 55 + step * 2.2 + between(r, -3, 3)).toFixed(2),
          satisfactionPct: Math.min(98, 81 + step * 1.1 + between(r, -2, 2)).toFixed(2),
          note: "",
        });
      }
  surveyRows.push({ districtId: 330683, surveyedOn: "2021-11-15", population: "仙湖幼儿园幼儿家长", sampleSize: 210, awarenessPct: "91.40", participationPct: "90.50", satisfactionPct: "95.20", note: "幼儿环保知识知晓率、环保行为形成率均在 90% 以上" });
  await db.insert(awarenessSurveys).values(surveyRows);

  // ——— accounts ———
  const xianhu = gen.findIndex((u) => u.name === "嵊州市仙湖幼儿园");
  const hospital = gen.findIndex((u) => u.name === "绍兴市人民医院");
  await ctx.account({ username: "xianhu", displayName: "仙湖幼儿园", role: "OPERATOR", org: { kind: UNIT_ORG_KIND, id: unitIds[xianhu]! }, description: "嵊州市仙湖幼儿园（创建单位，只见本单位申请）/ Xianhu kindergarten: a cell unit, sees only its own applications" });
  await ctx.account({ username: "sxrmyy", displayName: "绍兴市人民医院", role: "OPERATOR", org: { kind: UNIT_ORG_KIND, id: unitIds[hospital]! }, description: "绍兴市人民医院（省级无废医院）/ Shaoxing People's Hospital: a certified cell" });
  await ctx.account({ username: "education", displayName: "教育局工作人员", role: "STAFF", departmentId: deptId("education"), description: "教育局（成员单位，报送教育指标）/ Education bureau (member unit; reports its indicators)" });
  await ctx.account({ username: "health", displayName: "卫健委工作人员", role: "STAFF", departmentId: deptId("health"), description: "卫健委（成员单位，报送医疗废物指标）/ Health commission (member unit)" });
  await ctx.account({ username: "tourism", displayName: "文广旅游局工作人员", role: "STAFF", departmentId: deptId("tourism"), description: "文广旅游局（成员单位，饭店与景区）/ Tourism bureau (member unit)" });
  await ctx.account({ username: "office.shengzhou", displayName: "嵊州市无废办工作人员", role: "STAFF", departmentId: deptId(OFFICE_DEPARTMENT_CODE), districtId: 330683, description: "嵊州市无废办（仅嵊州市：评审、销号）/ Shengzhou zero-waste office (Shengzhou only)" });

  phase("content loaded");
  // ——— read models, index, jobs ———
  await ctx.write("seedCellsReadModels", async (w) => {
    await rebuildRollups(w.tx);
    const now = new Date();
    const nowYear = Number(shanghaiDay(now).slice(0, 4));
    const nowQuarter = Math.floor((Number(shanghaiDay(now).slice(5, 7)) - 1) / 3) + 1;
    for (const y of years) {
      await refreshStatuses(w.tx, { year: y });
      if (y <= nowYear) await recomputeIndexYear(w.tx, y, 1, y < nowYear ? 4 : nowQuarter);
    }
  });
  phase("read models built");
  const write = <T>(fn: (w: Parameters<Parameters<SeedContext["write"]>[1]>[0]) => Promise<T>) => ctx.write("cellsJobs", fn);
  const expiry = await runCertificateExpiry(write, db);
  const overdue = await runTaskOverdue(write, db);
  ctx.log(`cells: ${gen.length} units, ${flat.length} applications, ${aRows.length} indicator values, ${taskRows.length} tasks, ${academyRows.length} academy items, ${qRows.length} questions; expired ${expiry.expired}, overdue ${overdue.flagged}`);
}

function quarterEnd(year: number, quarter: number): Date {
  const m = quarter * 3;
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`;
  return new Date(new Date(`${next}T00:00:00+08:00`).getTime() - 1000);
}

async function sqlOne<T>(ctx: SeedContext, q: ReturnType<typeof sql>): Promise<T | undefined> {
  const r = (await ctx.db.execute(q)) as unknown;
  const list = (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  return list[0];
}

export { toTenths };
