/**
 * Identity: password hashing (scrypt, memory-hard), sessions (bearer tokens, revocable),
 * API keys (secret shown once, stored hashed), and turning a request's credentials into a Principal.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { ANONYMOUS, STREAMS, type Principal, type Stream } from "../../graphql/context.js";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import type { Db, Tx } from "./db.js";
import { apiKeys, departments, sessions, users } from "./tables.js";

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, N, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), Number(N), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/** Password policy: at least 10 characters with letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return "must be at least 10 characters";
  if (password.length > 200) return "must be at most 200 characters";
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "must contain letters and digits";
  return null;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;
/** A fixed hash to compare against when the user does not exist, so timing does not reveal it. */
let dummyHash: string | undefined;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  userId: number;
}

/**
 * Checks a password and opens a session. Repeated failures lock the account for a while.
 * Errors do not say whether the user exists.
 */
export async function login(db: Db, username: string, password: string, ip: string, sessionHours: number): Promise<LoginResult> {
  const [u] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.trim().toLowerCase()));
  if (!u) {
    dummyHash ??= await hashPassword("dummy-password-0");
    await verifyPassword(password, dummyHash);
    throw new DomainError("INVALID_CREDENTIALS", "用户名或密码错误 / Wrong username or password");
  }
  if (u.lockedUntil && u.lockedUntil > new Date()) {
    throw new DomainError("ACCOUNT_LOCKED", `账户已临时锁定，请 ${LOCKOUT_MINUTES} 分钟后再试 / Account locked after repeated failures; try again later`);
  }
  const ok = await verifyPassword(password, u.passwordHash);
  if (!ok || !u.active) {
    const failed = u.failedLogins + 1;
    await db
      .update(users)
      .set({ failedLogins: failed >= LOCKOUT_AFTER ? 0 : failed, lockedUntil: failed >= LOCKOUT_AFTER ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : u.lockedUntil })
      .where(eq(users.id, u.id));
    throw new DomainError("INVALID_CREDENTIALS", "用户名或密码错误 / Wrong username or password");
  }
  const token = `zws_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({ userId: u.id, tokenHash: sha256(token), expiresAt, ip });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, u.id));
  });
  return { token, expiresAt, userId: u.id };
}

export async function revokeSession(tx: Tx, sessionId: number): Promise<void> {
  await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeAllSessions(tx: Tx, userId: number): Promise<number> {
  const r = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return r.length;
}

export const SCOPE_ACTIONS = ["read", "write", "ingest"] as const;
export const SCOPES: string[] = [...STREAMS.flatMap((s) => SCOPE_ACTIONS.map((a) => `${s}:${a}`)), "overview:read"];

export interface NewApiKey {
  name: string;
  scopes: string[];
  districtId?: number | null;
  org?: { kind: string; id: number } | null;
  rateLimitBurst?: number;
  rateLimitPerSecond?: number;
}

/** Creates an API key; returns the row and the secret, which is never shown again. */
export async function createApiKey(w: Writer, input: NewApiKey): Promise<{ key: typeof apiKeys.$inferSelect; secret: string }> {
  const bad = input.scopes.filter((s) => !SCOPES.includes(s));
  if (bad.length) throw new DomainError("INVALID_SCOPE", `Unknown scopes: ${bad.join(", ")}`, "input.scopes");
  if (input.scopes.length === 0) throw new DomainError("INVALID_SCOPE", "At least one scope is required", "input.scopes");
  const prefix = `zwk_${randomBytes(6).toString("hex")}`;
  const secretPart = randomBytes(24).toString("base64url");
  const secret = `${prefix}.${secretPart}`;
  const [key] = await w.tx
    .insert(apiKeys)
    .values({
      name: input.name,
      prefix,
      secretHash: sha256(secretPart),
      scopes: [...new Set(input.scopes)].sort(),
      districtId: input.districtId ?? null,
      orgKind: input.org?.kind ?? null,
      orgId: input.org?.id ?? null,
      rateLimitBurst: input.rateLimitBurst ?? 20000,
      rateLimitPerSecond: input.rateLimitPerSecond ?? 200,
      createdBy: w.principal.userId ?? null,
    })
    .returning();
  await w.audit({ entity: "ApiKey", entityId: key!.id, action: "create", changes: { name: input.name, scopes: key!.scopes, districtId: key!.districtId, org: input.org ?? null } });
  return { key: key!, secret };
}

/** Cache of principals by credential, a few seconds, so hot paths (ingestion) skip lookups. */
const cache = new Map<string, { p: Principal; until: number; expiresAt?: number }>();
const CACHE_MS = 2000;
export function clearPrincipalCache(): void {
  cache.clear();
}

let deptStreams: Map<number, Stream[]> | undefined;
async function streamsOfDepartment(db: Db, id: number | null): Promise<Stream[]> {
  if (id == null) return [];
  if (!deptStreams) {
    const rows = await db.select({ id: departments.id, streams: departments.streams }).from(departments);
    deptStreams = new Map(rows.map((r) => [r.id, r.streams.filter((s): s is Stream => (STREAMS as readonly string[]).includes(s))]));
  }
  return deptStreams.get(id) ?? [];
}

/**
 * Resolves credentials to a Principal: `Authorization: Bearer zws_…` (session) or
 * `Authorization: ApiKey zwk_….secret` / `X-Api-Key: zwk_….secret` (API key).
 * Returns null when credentials are present but invalid (→ UNAUTHENTICATED).
 */
export async function principalFrom(db: Db, authorization: string | undefined, apiKeyHeader: string | undefined): Promise<Principal | null> {
  let kind: "session" | "key" | null = null;
  let cred = "";
  if (apiKeyHeader) {
    kind = "key";
    cred = apiKeyHeader.trim();
  } else if (authorization) {
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (!value) return null;
    if (/^bearer$/i.test(scheme!)) kind = value.startsWith("zwk_") ? "key" : "session";
    else if (/^apikey$/i.test(scheme!)) kind = "key";
    else return null;
    cred = value;
  }
  if (!kind) return ANONYMOUS;
  if (cred.length > 300) return null;
  const cached = cache.get(cred);
  const now = Date.now();
  if (cached && cached.until > now && (!cached.expiresAt || cached.expiresAt > now)) return cached.p;
  const p = kind === "session" ? await sessionPrincipal(db, cred) : await keyPrincipal(db, cred);
  if (p) cache.set(cred, { p: p.principal, until: now + CACHE_MS, expiresAt: p.expiresAt });
  if (cache.size > 10000) cache.clear();
  return p?.principal ?? null;
}

async function sessionPrincipal(db: Db, token: string): Promise<{ principal: Principal; expiresAt: number } | null> {
  const [r] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
  if (!r || !r.u.active) return null;
  if (!r.s.lastUsedAt || Date.now() - r.s.lastUsedAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.id, r.s.id));
  }
  const u = r.u;
  return {
    expiresAt: r.s.expiresAt.getTime(),
    principal: {
      kind: "user",
      userId: u.id,
      sessionId: r.s.id,
      role: u.role,
      label: `user:${u.username}`,
      departmentId: u.departmentId,
      districtId: u.districtId,
      org: u.role === "OPERATOR" && u.orgKind && u.orgId != null ? { kind: u.orgKind, id: u.orgId } : undefined,
      streams: u.role === "STAFF" ? await streamsOfDepartment(db, u.departmentId) : [],
      scopes: [],
    },
  };
}

async function keyPrincipal(db: Db, cred: string): Promise<{ principal: Principal; expiresAt?: number } | null> {
  const dot = cred.indexOf(".");
  if (dot < 0) return null;
  const prefix = cred.slice(0, dot);
  const secretPart = cred.slice(dot + 1);
  const [k] = await db.select().from(apiKeys).where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)));
  if (!k) return null;
  const a = Buffer.from(sha256(secretPart));
  const b = Buffer.from(k.secretHash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (!k.lastUsedAt || Date.now() - k.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, k.id));
  }
  return {
    principal: {
      kind: "apiKey",
      apiKeyId: k.id,
      label: `key:${k.prefix}`,
      districtId: k.districtId,
      org: k.orgKind && k.orgId != null ? { kind: k.orgKind, id: k.orgId } : undefined,
      streams: [],
      scopes: k.scopes,
      rateLimit: { burst: k.rateLimitBurst, perSecond: k.rateLimitPerSecond },
    },
  };
}

/** A principal for internal jobs (schedulers, seeders): city-wide, labelled for the audit log. */
export function systemPrincipal(label = "system"): Principal {
  return { kind: "user", role: "ADMIN", label: `system:${label}`, districtId: null, streams: [...STREAMS], scopes: [] };
}
