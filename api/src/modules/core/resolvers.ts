import { Subscription } from "type-graphql";
import { ALERT_RAISED_TOPIC, type AlertSummary } from "./alerts.js";
import { AlertLive } from "./types.js";
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import { STREAMS, type Context, type Principal } from "../../graphql/context.js";
import { badInput, DomainError, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf, parseGlobalId, toGlobalId } from "../../graphql/ids.js";
import { byKeys, loader } from "../../graphql/loaders.js";
import { runMutation, withWriter } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireDistrictWritable, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { ALERT_TRANSITIONS, alertById, transitionAlert, type AlertRow } from "./alerts.js";
import { clearPrincipalCache, createApiKey, hashPassword, login, passwordProblem, revokeAllSessions, revokeSession, SCOPES, verifyPassword } from "./auth.js";
import { caseById, caseStatistics, openCase, transitionCase, type CaseRow } from "./cases.js";
import type { Tx } from "./db.js";
import { AdvanceCaseInput, AlertFilter, AuditFilter, CaseFilter, CreateApiKeyInput, CreateUserInput, OpenCaseInput, UpdateUserInput } from "./inputs.js";
import { orgKind, orgKinds } from "./orgs.js";
import { alerts, apiKeys, auditLog, cases, departments, districts, tombstones, users } from "./tables.js";
import { updatedSinceWhere } from "../../graphql/sync.js";
import { throttle } from "./throttle.js";
import {
  Alert,
  AlertConnection,
  AlertPayload,
  ApiKey,
  ApiKeyConnection,
  ApiKeyPayload,
  AuditEntryConnection,
  Case,
  CaseConnection,
  CasePayload,
  CaseStatistics,
  CreateApiKeyPayload,
  Department,
  District,
  LoginPayload,
  ModuleAccess,
  OkPayload,
  OrgRef,
  StreamKey,
  User,
  UserConnection,
  UserPayload,
  Viewer,
  TombstoneConnection,
} from "./types.js";

type DistrictRow = typeof districts.$inferSelect;
type DepartmentRow = typeof departments.$inferSelect;
type UserRow = typeof users.$inferSelect;

let districtCache: DistrictRow[] | undefined;
let departmentCache: DepartmentRow[] | undefined;

export async function allDistricts(tx: Tx): Promise<DistrictRow[]> {
  districtCache ??= await tx.select().from(districts).orderBy(asc(districts.sort));
  return districtCache;
}
export async function allDepartments(tx: Tx): Promise<DepartmentRow[]> {
  departmentCache ??= await tx.select().from(departments).orderBy(asc(departments.sort));
  return departmentCache;
}
export async function districtById(tx: Tx, id: number | null | undefined): Promise<DistrictRow | null> {
  if (id == null) return null;
  return (await allDistricts(tx)).find((d) => d.id === id) ?? null;
}
function districtShape(d: DistrictRow | null) {
  return d ? { ...d, adcode: String(d.id) } : null;
}

/** Decodes a District global ID and checks it exists. */
export async function districtIdOf(tx: Tx, globalId: string, field: string): Promise<number> {
  const id = idOf("District", globalId, field);
  if (!(await districtById(tx, id))) throw badInput(field, "no such district");
  return id;
}

/** Decodes an organisation's global ID (its type names the org kind). */
export function orgOf(globalId: string, field: string): { kind: string; id: number } {
  const parsed = parseGlobalId(globalId);
  const k = parsed && orgKinds().find((o) => o.typeName === parsed.type);
  if (!parsed || !k) throw badInput(field, `not an organisation ID (one of ${orgKinds().map((o) => o.typeName).join(", ")})`);
  return { kind: k.kind, id: Number(parsed.id) };
}

async function orgRef(tx: Tx, kind: string | null, id: number | null): Promise<OrgRef | null> {
  if (!kind || id == null) return null;
  const k = orgKind(kind);
  return { kind, id: toGlobalId(k?.typeName ?? "Organisation", id), name: k ? await k.nameOf(tx, id) : null };
}

const MODULE_KEYS = ["overview", ...STREAMS] as const;

export function modulesFor(p: Principal): ModuleAccess[] {
  const out: ModuleAccess[] = [];
  for (const key of MODULE_KEYS) {
    const read = can(p, `${key}:read`) || can(p, `${key}:read:op`);
    const write = key !== "overview" && (can(p, `${key}:write`) || can(p, `${key}:write:op`));
    if (read || write) out.push({ key, read, write });
  }
  if (can(p, "core:admin")) out.push({ key: "admin", read: true, write: true });
  return out;
}

/** Streams whose alerts and cases `p` may read (operators: only their org's stream). */
function readableStreams(p: Principal): string[] {
  return STREAMS.filter((s) => can(p, `${s}:read`) || can(p, `${s}:read:op`));
}

function recordScope(r: { districtId: number | null; orgKind: string | null; orgId: number | null }) {
  return { districtId: r.districtId, orgs: r.orgKind ? { [r.orgKind]: r.orgId } : undefined };
}

function requireStreamRecord(p: Principal, r: { stream: string; districtId: number | null; orgKind: string | null; orgId: number | null }, action: "read" | "write"): void {
  if (!(can(p, `${r.stream}:${action}`) || can(p, `${r.stream}:${action}:op`))) throw forbidden();
  requireInScope(p, recordScope(r));
}

function visibleAlertOrCase(p: Principal, r: { stream: string; districtId: number | null; orgKind: string | null; orgId: number | null }): boolean {
  return readableStreams(p).includes(r.stream) && inScope(p, recordScope(r));
}

registerNode("District", async (ctx, id) => districtShape(await districtById(ctx.db, id)));
registerNode("Department", async (ctx, id) => (await allDepartments(ctx.db)).find((d) => d.id === id) ?? null);
registerNode("User", async (ctx, id) => {
  if (!can(ctx.principal, "core:admin") && ctx.principal.userId !== id) return null;
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id));
  return u ?? null;
});
registerNode("ApiKey", async (ctx, id) => {
  if (!can(ctx.principal, "core:admin") && ctx.principal.apiKeyId !== id) return null;
  const [k] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return k ?? null;
});
registerNode("Alert", async (ctx, id) => {
  const a = await alertById(ctx.db, id);
  return a && visibleAlertOrCase(ctx.principal, a) ? a : null;
});
registerNode("Case", async (ctx, id) => {
  const c = await caseById(ctx.db, id);
  return c && visibleAlertOrCase(ctx.principal, c) ? c : null;
});

@Resolver()
export class CoreResolver {
  @Query(() => Viewer, { description: "当前调用者及其可用模块 / The caller and the modules it may use" })
  @Can.public()
  async me(@Ctx() ctx: Context): Promise<Viewer> {
    const p = ctx.principal;
    let user: UserRow | null = null;
    if (p.userId) [user] = await ctx.db.select().from(users).where(eq(users.id, p.userId));
    let key = null;
    if (p.apiKeyId) [key] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, p.apiKeyId));
    return {
      user: user as User | null,
      apiKey: key as ApiKey | null,
      role: (p.role ?? null) as Viewer["role"],
      department: ((await allDepartments(ctx.db)).find((d) => d.id === p.departmentId) ?? null) as Department | null,
      district: districtShape(await districtById(ctx.db, p.districtId)) as District | null,
      org: await orgRef(ctx.db, p.org?.kind ?? null, p.org?.id ?? null),
      modules: p.kind === "anonymous" ? [] : modulesFor(p),
      scopes: p.scopes,
    };
  }

  @Query(() => [District], { description: "绍兴市及六个区、县（市）/ The city and its six districts/counties" })
  @Can.public()
  async districts(@Ctx() ctx: Context): Promise<District[]> {
    return (await allDistricts(ctx.db)).map((d) => districtShape(d)!) as unknown as District[];
  }

  @Query(() => [Department], { description: "部门 / Departments" })
  @Can.authenticated()
  async departments(@Ctx() ctx: Context): Promise<Department[]> {
    return (await allDepartments(ctx.db)) as unknown as Department[];
  }

  @Query(() => [String], { description: "可授予密钥的权限范围 / Scopes an API key can be given" })
  @Can.authenticated()
  apiScopes(): string[] {
    return SCOPES;
  }

  @Query(() => UserConnection, { description: "用户列表（管理员）/ Users (administrators)", complexity: connectionComplexity })
  @Can.admin()
  async users(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("search", () => String, { nullable: true, description: "按登录名或姓名搜索 / Search login or name" }) search?: string) {
    const s = search?.trim().slice(0, 50);
    return paginate({
      db: ctx.db,
      table: users,
      id: users.id,
      ascending: true,
      where: [s ? or(ilike(users.username, `%${s}%`), ilike(users.displayName, `%${s}%`)) : undefined],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => ApiKeyConnection, { description: "API 密钥列表（管理员）/ API keys (administrators)", complexity: connectionComplexity })
  @Can.admin()
  async apiKeys(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return paginate({ db: ctx.db, table: apiKeys, id: apiKeys.id, where: [], first: page.first, after: page.after });
  }

  @Query(() => AuditEntryConnection, { description: "审计记录（管理员、领导）/ Audit records (administrators, leadership)", complexity: connectionComplexity })
  @Can.audit()
  async auditLog(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => AuditFilter, { nullable: true }) filter?: AuditFilter) {
    const f = filter ?? {};
    return paginate({
      db: ctx.db,
      table: auditLog,
      id: auditLog.id,
      where: [
        f.entity ? eq(auditLog.entity, f.entity) : undefined,
        f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
        f.actor ? eq(auditLog.actor, f.actor) : undefined,
        f.from ? gte(auditLog.at, f.from) : undefined,
        f.to ? lt(auditLog.at, f.to) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => AlertConnection, { description: "预警（按可读废物流和区县）/ Alerts of the streams and district the caller may read", complexity: connectionComplexity })
  @Can.record("read")
  async alerts(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => AlertFilter, { nullable: true }) filter?: AlertFilter) {
    const p = ctx.principal;
    const f = filter ?? {};
    const streams = readableStreams(p);
    if (streams.length === 0) throw forbidden();
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    return paginate({
      db: ctx.db,
      table: alerts,
      id: alerts.id,
      orderBy: f.updatedSince ? alerts.updatedAt : alerts.raisedAt,
      ascending: !!f.updatedSince,
      where: [
        inArray(alerts.stream, f.stream ? streams.filter((s) => s === f.stream) : streams),
        ...scopeWhere(p, { district: alerts.districtId, operator: (o) => and(eq(alerts.orgKind, o.kind), eq(alerts.orgId, o.id)) }),
        f.status?.length ? inArray(alerts.status, f.status) : undefined,
        f.severity ? eq(alerts.severity, f.severity) : undefined,
        f.rule ? eq(alerts.rule, f.rule) : undefined,
        district ? eq(alerts.districtId, district) : undefined,
        f.raisedFrom ? gte(alerts.raisedAt, f.raisedFrom) : undefined,
        f.raisedTo ? lt(alerts.raisedAt, f.raisedTo) : undefined,
        updatedSinceWhere(alerts.updatedAt, f.updatedSince),
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CaseConnection, { description: "执法案件（按可读废物流和区县）/ Cases of the streams and district the caller may read", complexity: connectionComplexity })
  @Can.record("read")
  async cases(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CaseFilter, { nullable: true }) filter?: CaseFilter) {
    const p = ctx.principal;
    const f = filter ?? {};
    const streams = readableStreams(p);
    if (streams.length === 0) throw forbidden();
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: cases,
      id: cases.id,
      orderBy: f.updatedSince ? cases.updatedAt : cases.openedAt,
      ascending: !!f.updatedSince,
      where: [
        inArray(cases.stream, f.stream ? streams.filter((x) => x === f.stream) : streams),
        ...scopeWhere(p, { district: cases.districtId, operator: (o) => and(eq(cases.orgKind, o.kind), eq(cases.orgId, o.id)) }),
        f.status?.length ? inArray(cases.status, f.status) : undefined,
        f.source ? eq(cases.source, f.source) : undefined,
        f.campaign ? eq(cases.campaign, f.campaign) : undefined,
        district ? eq(cases.districtId, district) : undefined,
        f.openedFrom ? gte(cases.openedAt, f.openedFrom) : undefined,
        f.openedTo ? lt(cases.openedAt, f.openedTo) : undefined,
        updatedSinceWhere(cases.updatedAt, f.updatedSince),
        s ? or(ilike(cases.number, `%${s}%`), ilike(cases.subjectLabel, `%${s}%`), ilike(cases.violationType, `%${s}%`)) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CaseStatistics, { description: "案件数与罚款及同比 / Cases and fines with year-over-year change" })
  @Can.record("read")
  async caseStatistics(
    @Ctx() ctx: Context,
    @Arg("from", () => GraphQLDateTime, { description: "起 / From" }) from: Date,
    @Arg("to", () => GraphQLDateTime, { description: "止（不含）/ To (exclusive)" }) to: Date,
    @Arg("stream", () => StreamKey, { nullable: true, description: "废物流 / Stream" }) stream?: StreamKey,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
  ): Promise<CaseStatistics> {
    const p = ctx.principal;
    const streams = readableStreams(p);
    if (stream ? !streams.includes(stream) : streams.length < STREAMS.length) throw forbidden();
    if (p.org) throw forbidden();
    if (!(from < to)) throw badInput("to", "must be after from");
    let district = optionalIdOf("District", districtId, "districtId") ?? null;
    if (p.districtId != null) {
      if (district != null && district !== p.districtId) throw forbidden();
      district = p.districtId;
    }
    const s = await caseStatistics(ctx.db, { stream: stream ?? null, districtId: district, from, to });
    const pct = (a: number, b: number) => (b === 0 ? null : Math.round(((a - b) / b) * 1000) / 10);
    return { ...s, countChangePct: pct(s.count, s.previousCount), fineChangePct: pct(Number(s.fineYuan), Number(s.previousFineYuan)) };
  }

  @Query(() => TombstoneConnection, {
    description: "增量同步：某类对象自某时起的删除记录（墓碑）/ Incremental sync: deletions of an entity type since a time (tombstones)",
    complexity: connectionComplexity,
  })
  @Can.record("read")
  async deletions(
    @Arg("entity", { description: "对象类型，如 TransportPermit / Entity type such as TransportPermit" }) entity: string,
    @Arg("since", () => GraphQLDateTime, { description: "自此时起 / Since" }) since: Date,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const p = ctx.principal;
    if (entity.length > 80) throw badInput("entity", "at most 80 characters");
    return paginate({
      db: ctx.db,
      table: tombstones,
      id: tombstones.id,
      orderBy: tombstones.deletedAt,
      ascending: true,
      where: [
        eq(tombstones.entity, entity),
        inArray(tombstones.stream, readableStreams(p)),
        ...scopeWhere(p, { district: tombstones.districtId, operator: (o) => and(eq(tombstones.orgKind, o.kind), eq(tombstones.orgId, o.id)) }),
        updatedSinceWhere(tombstones.deletedAt, since),
      ],
      first: page.first,
      after: page.after,
      map: (r) => ({ ...r, entityId: toGlobalId(r.entity as string, r.entityId as string) }),
    });
  }

  // ——— identity ———

  @Mutation(() => LoginPayload, { description: "用户名密码登录，返回访问令牌 / Sign in with username and password; returns a bearer token" })
  @Can.public()
  async login(
    @Arg("username", { description: "登录名 / Login name" }) username: string,
    @Arg("password", { description: "密码 / Password" }) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    if (username.length > 100 || password.length > 200) throw badInput([{ field: username.length > 100 ? "username" : "password", message: "too long" }]);
    await throttle(ctx.app, "login", ctx.ip);
    try {
      const r = await login(ctx.db, username, password, ctx.ip, ctx.app.config.sessionHours);
      const [u] = await ctx.db.select().from(users).where(eq(users.id, r.userId));
      await withWriter(ctx.app, { ...ctx.principal, userId: u!.id, label: `user:${u!.username}` }, { operation: "login", requestId: ctx.requestId, ip: ctx.ip }, (w) =>
        w.audit({ entity: "User", entityId: u!.id, action: "login" }),
      );
      return { token: r.token, expiresAt: r.expiresAt, user: u as unknown as User, userErrors: [] };
    } catch (e) {
      if (e instanceof DomainError) return { token: null, expiresAt: null, user: null, userErrors: e.errors };
      throw e;
    }
  }

  @Mutation(() => OkPayload, { description: "退出登录（吊销当前令牌）/ Sign out (revokes the current token)" })
  @Can.authenticated()
  async logout(@Ctx() ctx: Context): Promise<OkPayload> {
    const sid = ctx.principal.sessionId;
    if (!sid) return { ok: false, userErrors: [{ field: null, code: "NOT_A_SESSION", message: "API keys are revoked by an administrator, not signed out" }] };
    const r = await runMutation(ctx, "logout", null, async (w) => {
      await revokeSession(w.tx, sid);
      await w.audit({ entity: "Session", entityId: sid, action: "revoke" });
      return { ok: true };
    });
    clearPrincipalCache();
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "修改自己的密码（其他会话被吊销）/ Change your own password (other sessions are revoked)" })
  @Can.authenticated()
  async changePassword(
    @Arg("currentPassword", { description: "当前密码 / Current password" }) currentPassword: string,
    @Arg("newPassword", { description: "新密码 / New password" }) newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<OkPayload> {
    const uid = ctx.principal.userId;
    if (!uid) throw forbidden("Only users have passwords");
    const r = await runMutation(ctx, "changePassword", null, async (w) => {
      const [u] = await w.tx.select().from(users).where(eq(users.id, uid));
      if (!u || !(await verifyPassword(currentPassword, u.passwordHash))) throw new DomainError("INVALID_CREDENTIALS", "Current password is wrong", "currentPassword");
      const problem = passwordProblem(newPassword);
      if (problem) throw new DomainError("WEAK_PASSWORD", `New password ${problem}`, "newPassword");
      await w.tx.update(users).set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() }).where(eq(users.id, uid));
      await w.tx.execute(sql`update core.sessions set revoked_at = now() where user_id = ${uid} and revoked_at is null and id <> ${ctx.principal.sessionId ?? 0}`);
      await w.audit({ entity: "User", entityId: uid, action: "changePassword" });
      return { ok: true };
    });
    clearPrincipalCache();
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => UserPayload, { description: "新建用户（管理员）/ Create a user (administrators)" })
  @Can.admin()
  async createUser(@Arg("input", () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const departmentId = optionalIdOf("Department", input.departmentId, "input.departmentId") ?? null;
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    const org = input.orgId ? orgOf(input.orgId, "input.orgId") : null;
    const r = await runMutation(ctx, "createUser", input, async (w) => {
      const problem = passwordProblem(input.password);
      if (problem) throw new DomainError("WEAK_PASSWORD", `Password ${problem}`, "input.password");
      if (input.role === "STAFF" && departmentId == null) throw new DomainError("REQUIRED", "Staff need a department", "input.departmentId");
      if (input.role === "OPERATOR" && !org) throw new DomainError("REQUIRED", "Company accounts need an organisation", "input.orgId");
      if (departmentId != null && !(await allDepartments(w.tx)).some((d) => d.id === departmentId)) throw new DomainError("NOT_FOUND", "No such department", "input.departmentId");
      const [exists] = await w.tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
      if (exists) throw new DomainError("USERNAME_TAKEN", "This login name is taken", "input.username");
      if (org && orgKind(org.kind) && !(await orgKind(org.kind)!.nameOf(w.tx, org.id))) throw new DomainError("NOT_FOUND", "No such organisation", "input.orgId");
      const [u] = await w.tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          passwordHash: await hashPassword(input.password),
          role: input.role,
          departmentId: input.role === "STAFF" ? departmentId : null,
          districtId,
          orgKind: input.role === "OPERATOR" ? org!.kind : null,
          orgId: input.role === "OPERATOR" ? org!.id : null,
        })
        .returning();
      await w.audit({ entity: "User", entityId: u!.id, action: "create", changes: { ...input, password: undefined } });
      return { user: u as unknown as User };
    });
    return { user: r.user ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => UserPayload, { description: "修改用户（管理员）/ Change a user (administrators)" })
  @Can.admin()
  async updateUser(@Arg("input", () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const id = idOf("User", input.id, "input.id");
    const departmentId = input.departmentId === undefined ? undefined : (optionalIdOf("Department", input.departmentId, "input.departmentId") ?? null);
    const districtId = input.districtId === undefined ? undefined : input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    const r = await runMutation(ctx, "updateUser", input, async (w) => {
      const [u] = await w.tx.select().from(users).where(eq(users.id, id)).for("update");
      if (!u) throw new DomainError("NOT_FOUND", "No such user", "input.id");
      if (u.id === w.principal.userId && (input.active === false || (input.role && input.role !== "ADMIN"))) {
        throw new DomainError("SELF_LOCKOUT", "You cannot deactivate or demote yourself", "input.active");
      }
      const set: Partial<UserRow> = { updatedAt: new Date() };
      if (input.displayName !== undefined) set.displayName = input.displayName;
      if (input.role !== undefined) set.role = input.role;
      if (departmentId !== undefined) set.departmentId = departmentId;
      if (districtId !== undefined) set.districtId = districtId;
      if (input.active !== undefined) set.active = input.active;
      const role = set.role ?? u.role;
      if (role === "STAFF" && (set.departmentId ?? u.departmentId) == null) throw new DomainError("REQUIRED", "Staff need a department", "input.departmentId");
      if (role === "OPERATOR" && u.orgKind == null) throw new DomainError("REQUIRED", "Create company accounts with their organisation", "input.role");
      const [updated] = await w.tx.update(users).set(set).where(eq(users.id, id)).returning();
      if (input.active === false || input.role !== undefined || districtId !== undefined || departmentId !== undefined) await revokeAllSessions(w.tx, id);
      await w.audit({ entity: "User", entityId: id, action: "update", changes: input });
      return { user: updated as unknown as User };
    });
    clearPrincipalCache();
    return { user: r.user ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "重置用户密码并吊销其会话（管理员）/ Reset a user's password and revoke their sessions (administrators)" })
  @Can.admin()
  async resetUserPassword(@Arg("id", () => ID) userId: string, @Arg("newPassword", { description: "新密码 / New password" }) newPassword: string, @Ctx() ctx: Context): Promise<OkPayload> {
    const id = idOf("User", userId, "id");
    const r = await runMutation(ctx, "resetUserPassword", { id: userId }, async (w) => {
      const problem = passwordProblem(newPassword);
      if (problem) throw new DomainError("WEAK_PASSWORD", `Password ${problem}`, "newPassword");
      const [u] = await w.tx.update(users).set({ passwordHash: await hashPassword(newPassword), failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id)).returning({ id: users.id });
      if (!u) throw new DomainError("NOT_FOUND", "No such user", "id");
      await revokeAllSessions(w.tx, id);
      await w.audit({ entity: "User", entityId: id, action: "resetPassword" });
      return { ok: true };
    });
    clearPrincipalCache();
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "吊销某用户的全部会话（管理员）/ Revoke all sessions of a user (administrators)" })
  @Can.admin()
  async revokeUserSessions(@Arg("id", () => ID) userId: string, @Ctx() ctx: Context): Promise<OkPayload> {
    const id = idOf("User", userId, "id");
    const r = await runMutation(ctx, "revokeUserSessions", { id: userId }, async (w) => {
      const n = await revokeAllSessions(w.tx, id);
      await w.audit({ entity: "User", entityId: id, action: "revokeSessions", changes: { revoked: n } });
      return { ok: true };
    });
    clearPrincipalCache();
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => CreateApiKeyPayload, { description: "新建 API 密钥，secret 只返回这一次（管理员）/ Create an API key; the secret is returned this once (administrators)" })
  @Can.admin()
  async createApiKey(@Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<CreateApiKeyPayload> {
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    const org = input.orgId ? orgOf(input.orgId, "input.orgId") : null;
    const r = await runMutation(ctx, "createApiKey", input, async (w) => {
      const { key, secret } = await createApiKey(w, { ...input, districtId, org });
      return { apiKey: key as unknown as ApiKey, secret };
    });
    return { apiKey: r.apiKey ?? null, secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ApiKeyPayload, { description: "吊销 API 密钥（管理员）/ Revoke an API key (administrators)" })
  @Can.admin()
  async revokeApiKey(@Arg("id", () => ID) keyId: string, @Ctx() ctx: Context): Promise<ApiKeyPayload> {
    const id = idOf("ApiKey", keyId, "id");
    const r = await runMutation(ctx, "revokeApiKey", { id: keyId }, async (w) => {
      const [k] = await w.tx
        .update(apiKeys)
        .set({ revokedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      if (!k) throw new DomainError("NOT_FOUND", "No such active key", "id");
      await w.audit({ entity: "ApiKey", entityId: id, action: "revoke" });
      return { apiKey: k as unknown as ApiKey };
    });
    clearPrincipalCache();
    return { apiKey: r.apiKey ?? null, userErrors: r.userErrors };
  }

  // ——— alerts and cases ———

  @Mutation(() => AlertPayload, { description: "预警流转：确认、关闭（需处置结果）、重新打开 / Work an alert: acknowledge, close (with a disposition), reopen" })
  @Can.record("write")
  async transitionAlert(
    @Arg("id", () => ID, { description: "预警 / The alert" }) alertId: string,
    @Arg("action", { description: "acknowledge | close | reopen" }) action: string,
    @Ctx() ctx: Context,
    @Arg("disposition", () => String, { nullable: true, description: "处置结果 / Disposition" }) disposition?: string,
  ): Promise<AlertPayload> {
    const id = idOf("Alert", alertId, "id");
    if (!(action in ALERT_TRANSITIONS)) throw badInput("action", `must be one of ${Object.keys(ALERT_TRANSITIONS).join(", ")}`);
    if (disposition && disposition.length > 2000) throw badInput("disposition", "at most 2000 characters");
    const a = await alertById(ctx.db, id);
    if (!a) throw notFound("alert");
    requireStreamRecord(ctx.principal, a, "write");
    const r = await runMutation(ctx, "transitionAlert", { id: alertId, action, disposition }, async (w) => ({
      alert: (await transitionAlert(w, a, action as keyof typeof ALERT_TRANSITIONS, disposition)) as unknown as Alert,
    }));
    return { alert: r.alert ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CasePayload, { description: "立案（可由预警转来）/ Open a case (possibly from an alert)" })
  @Can.record("write")
  async openCase(@Arg("input", () => OpenCaseInput) input: OpenCaseInput, @Ctx() ctx: Context): Promise<CasePayload> {
    const p = ctx.principal;
    if (!can(p, `${input.stream}:write`)) throw forbidden();
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(p, districtId);
    const alertId = optionalIdOf("Alert", input.alertId, "input.alertId");
    const subject = input.subjectId ? parseGlobalId(input.subjectId) : null;
    if (input.subjectId && !subject) throw badInput("input.subjectId", "not a valid ID");
    const r = await runMutation(ctx, "openCase", input, async (w) => {
      let alert: AlertRow | undefined;
      if (alertId) {
        alert = await alertById(w.tx, alertId);
        if (!alert || alert.stream !== input.stream) throw new DomainError("NOT_FOUND", "No such alert in this stream", "input.alertId");
        if (alert.caseId) throw new DomainError("ALREADY_A_CASE", "This alert already became a case", "input.alertId");
      }
      const org = alert?.orgKind ? { kind: alert.orgKind, id: alert.orgId! } : null;
      const c = await openCase(w, {
        stream: input.stream,
        source: input.source,
        campaign: input.campaign ?? null,
        subjectType: input.subjectType,
        subjectId: subject ? Number(subject.id) : (alert?.subjectId ?? null),
        subjectLabel: input.subjectLabel,
        districtId,
        org,
        violationType: input.violationType,
        description: input.description,
        fineYuan: input.fineYuan,
        alertId: alertId ?? null,
      });
      return { case: c as unknown as Case };
    });
    return { case: r.case ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CasePayload, { description: "案件流转：调查、决定（罚款）、结案 / Move a case: investigate, decide (fine), close" })
  @Can.record("write")
  async advanceCase(@Arg("input", () => AdvanceCaseInput) input: AdvanceCaseInput, @Ctx() ctx: Context): Promise<CasePayload> {
    const id = idOf("Case", input.id, "input.id");
    const c = await caseById(ctx.db, id);
    if (!c) throw notFound("case");
    requireStreamRecord(ctx.principal, c, "write");
    if (ctx.principal.org) throw forbidden();
    const r = await runMutation(ctx, "advanceCase", input, async (w) => ({
      case: (await transitionCase(w, c, input.action, { fineYuan: input.fineYuan ?? null, description: input.description ?? null })) as unknown as Case,
    }));
    return { case: r.case ?? null, userErrors: r.userErrors };
  }
}

@Resolver(() => User)
export class UserFieldResolver {
  @FieldResolver(() => Department, { nullable: true, description: "部门 / Department" })
  async department(@Root() u: UserRow, @Ctx() ctx: Context) {
    return (await allDepartments(ctx.db)).find((d) => d.id === u.departmentId) ?? null;
  }
  @FieldResolver(() => District, { nullable: true, description: "区县；为空表示市级 / District; empty means city level" })
  async district(@Root() u: UserRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, u.districtId));
  }
  @FieldResolver(() => OrgRef, { nullable: true, description: "所属单位 / Organisation" })
  async org(@Root() u: UserRow, @Ctx() ctx: Context) {
    return orgRef(ctx.db, u.orgKind, u.orgId);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyFieldResolver {
  @FieldResolver(() => District, { nullable: true, description: "限定区县 / District restriction" })
  async district(@Root() k: { districtId: number | null }, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, k.districtId));
  }
  @FieldResolver(() => OrgRef, { nullable: true, description: "代表的单位 / Organisation" })
  async org(@Root() k: { orgKind: string | null; orgId: number | null }, @Ctx() ctx: Context) {
    return orgRef(ctx.db, k.orgKind, k.orgId);
  }
}

@Resolver(() => Alert)
export class AlertFieldResolver {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  async district(@Root() a: AlertRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, a.districtId));
  }
  @FieldResolver(() => Case, { nullable: true, description: "转成的案件 / The case it became" })
  async case(@Root() a: AlertRow, @Ctx() ctx: Context) {
    if (!a.caseId) return null;
    return loader<number, CaseRow>(ctx, "core.caseById", async (ids) => byKeys(ids, await ctx.db.select().from(cases).where(inArray(cases.id, [...ids])), (c) => c.id)).load(a.caseId);
  }
}

@Resolver(() => Case)
export class CaseFieldResolver {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() c: CaseRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, c.districtId));
  }
  @FieldResolver(() => Alert, { nullable: true, description: "来源预警 / The alert it came from" })
  async alert(@Root() c: CaseRow, @Ctx() ctx: Context) {
    if (!c.alertId) return null;
    return loader<number, AlertRow>(ctx, "core.alertById", async (ids) => byKeys(ids, await ctx.db.select().from(alerts).where(inArray(alerts.id, [...ids])), (a) => a.id)).load(c.alertId);
  }
}

export { desc, type SQL };

// ——— live alerts ———

@Resolver()
export class AlertSubscriptionResolver {
  @Subscription(() => AlertLive, {
    topics: ALERT_RAISED_TOPIC,
    description: "新预警实时推送（按可读废物流和区县过滤）/ New alerts as they are raised, filtered to the streams and district the caller may read",
    filter: ({ payload, context }: { payload: AlertSummary; context: Context }) =>
      visibleAlertOrCase(context.principal, { stream: payload.stream, districtId: payload.districtId, orgKind: payload.orgKind, orgId: payload.orgId }),
  })
  @Can.record("read")
  alertRaised(@Root() payload: AlertSummary): AlertLive {
    return { ...payload, id: toGlobalId("Alert", payload.id), raisedAt: new Date(payload.raisedAt) } as unknown as AlertLive;
  }
}

export const coreResolvers = [CoreResolver, UserFieldResolver, ApiKeyFieldResolver, AlertFieldResolver, CaseFieldResolver, AlertSubscriptionResolver] as const;
