/**
 * Demo data framework. Deterministic: the same scale and seed always give the same data.
 * Each module's seed fills its stream; core creates the demo accounts.
 */
import { Faker, zh_CN, en, base } from "@faker-js/faker";
import { sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import type { Principal } from "../../graphql/context.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { hashPassword, systemPrincipal } from "./auth.js";
import { row, type Db } from "./db.js";
import { users } from "./tables.js";

export type Scale = "small" | "demo" | "city" | "province";

/** Multiplier against the bulletin's city-year figures for events and volumes, per scale. */
export const SCALE_FACTOR: Record<Scale, number> = { small: 0.01, demo: 0.05, city: 1, province: 10 };
/** Multiplier for registers (sites, companies, units, stations, cards…): the demo shows the whole city. */
export const REGISTER_FACTOR: Record<Scale, number> = { small: 0.02, demo: 1, city: 1, province: 10 };

export interface DemoAccount {
  username: string;
  role: string;
  description: string;
}

export interface SeedContext {
  app: App;
  db: Db;
  scale: Scale;
  /** A seeded faker with Chinese locale. */
  faker: Faker;
  /** Deterministic random number in [0, 1). */
  random: () => number;
  /** Scaled count of events/volumes: round(n × SCALE_FACTOR), at least `min`. */
  count(n: number, min?: number): number;
  /** Scaled count of a register: round(n × REGISTER_FACTOR), at least `min`. */
  registers(n: number, min?: number): number;
  /** The demo password of every demo account. */
  password: string;
  passwordHash: string;
  accounts: DemoAccount[];
  /** Creates a demo account (demo flag set). */
  account(a: { username: string; displayName: string; role: "ADMIN" | "LEADERSHIP" | "STAFF" | "OPERATOR"; departmentId?: number | null; districtId?: number | null; org?: { kind: string; id: number } | null; description: string }): Promise<number>;
  /** Runs `fn` as the system principal in one transaction (with audit). */
  write<T>(operation: string, fn: (w: Writer) => Promise<T>): Promise<T>;
  principal: Principal;
  log(msg: string): void;
}

import { DEMO_PASSWORD } from "./demo.js";
export { DEMO_PASSWORD, isFresh } from "./demo.js";

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function createSeedContext(app: App, scale: Scale, seed = 20211119, log: (m: string) => void = () => {}): Promise<SeedContext> {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  const random = seededRandom(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const principal = systemPrincipal("seed");
  const ctx: SeedContext = {
    app,
    db: app.db,
    scale,
    faker,
    random,
    count: (n, min = 1) => Math.max(min, Math.round(n * SCALE_FACTOR[scale])),
    registers: (n, min = 1) => Math.max(min, Math.round(n * REGISTER_FACTOR[scale])),
    password: DEMO_PASSWORD,
    passwordHash,
    accounts: [],
    principal,
    log,
    async account(a) {
      const [u] = await app.db
        .insert(users)
        .values({
          username: a.username,
          displayName: a.displayName,
          passwordHash,
          role: a.role,
          departmentId: a.departmentId ?? null,
          districtId: a.districtId ?? null,
          orgKind: a.org?.kind ?? null,
          orgId: a.org?.id ?? null,
          demo: true,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      ctx.accounts.push({ username: a.username, role: a.role, description: a.description });
      if (u) return u.id;
      const r = await row<{ id: number }>(app.db, sql`select id from core.users where lower(username) = ${a.username.toLowerCase()}`);
      return r!.id;
    },
    write: (operation, fn) => withWriter(app, principal, { operation }, fn),
  };
  return ctx;
}

/** Is this database fresh (no users yet)? */
/** Core demo data: one account per role and lead department, city and district level. */
export async function seedCore(ctx: SeedContext): Promise<void> {
  await ctx.account({ username: "admin", displayName: "系统管理员", role: "ADMIN", description: "管理员 / Administrator" });
  await ctx.account({ username: "leader", displayName: "领导小组", role: "LEADERSHIP", description: "领导小组（只读全部）/ Leadership (reads everything)" });
  const staff: [string, string, number, string][] = [
    ["housing", "住建局工作人员", 1, "住建局（渣土）/ Housing bureau (spoil)"],
    ["enforcement", "综合执法局工作人员", 2, "综合执法局（渣土执法）/ Law enforcement (spoil)"],
    ["ecology", "生态环境局工作人员", 3, "生态环境局（危废）/ Ecology bureau (hazardous waste)"],
    ["commerce", "商务局工作人员", 5, "商务局（再生资源）/ Commerce bureau (recycling)"],
    ["coop", "供销社工作人员", 6, "供销社（再生资源）/ Supply & marketing co-op (recycling)"],
    ["office", "市无废办工作人员", 7, "市无废办（无废细胞、建设跟踪）/ Zero-waste office (cells, tracking)"],
    ["postal", "邮政管理局工作人员", 11, "邮政管理局（快递包装指标）/ Postal administration (packaging)"],
  ];
  for (const [u, name, dept, desc] of staff) await ctx.account({ username: u, displayName: name, role: "STAFF", departmentId: dept, description: `${desc}，市级 / city level` });
  await ctx.account({ username: "ecology.keqiao", displayName: "柯桥分局工作人员", role: "STAFF", departmentId: 3, districtId: 330603, description: "生态环境局柯桥分局（仅柯桥区）/ Ecology bureau, Keqiao branch (Keqiao only)" });
  await ctx.account({ username: "housing.shangyu", displayName: "上虞区住建局工作人员", role: "STAFF", departmentId: 1, districtId: 330604, description: "上虞区住建局（仅上虞区）/ Housing bureau, Shangyu (Shangyu only)" });
  await ctx.account({ username: "commerce.xinchang", displayName: "新昌县商务局工作人员", role: "STAFF", departmentId: 5, districtId: 330624, description: "新昌县商务局（仅新昌县）/ Commerce bureau, Xinchang (Xinchang only)" });
}
