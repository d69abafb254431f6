/**
 * Error conventions.
 * - Invalid input: GraphQL error BAD_USER_INPUT with `extensions.fields: [{ field, message }]`.
 * - Business-rule violations: `userErrors { field message code }` in the mutation payload
 *   (services throw DomainError; runMutation turns it into userErrors and rolls back).
 * - UNAUTHENTICATED / FORBIDDEN from the access rules.
 * - Anything unexpected: INTERNAL_SERVER_ERROR with a generic message; details only in the log.
 */
import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "业务规则错误 / A business-rule error in a mutation's result" })
export class UserError {
  @Field(() => String, { nullable: true, description: "出错的输入字段（路径，如 input.plate）/ The input field at fault (a path such as input.plate)" })
  field: string | null;
  @Field({ description: "说明 / What is wrong" })
  message: string;
  @Field({ description: "机器可读代码，如 PERMIT_VEHICLE_BUSY / Machine-readable code such as PERMIT_VEHICLE_BUSY" })
  code: string;
}

/** A business rule said no. Thrown by services; becomes userErrors. */
export class DomainError extends Error {
  readonly errors: UserError[];
  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = "DomainError";
    this.errors = [{ code, message, field }];
  }
  static many(errors: UserError[]): DomainError {
    const e = new DomainError(errors[0]?.code ?? "INVALID", errors[0]?.message ?? "Invalid");
    (e as { errors: UserError[] }).errors = errors;
    return e;
  }
}

/** Invalid input, as a GraphQL error naming each bad field. */
export function badInput(fields: { field: string; message: string }[] | string, message?: string): GraphQLError {
  const list = typeof fields === "string" ? [{ field: fields, message: message ?? "invalid" }] : fields;
  return new GraphQLError(list.map((f) => `${f.field}: ${f.message}`).join("; "), {
    extensions: { code: "BAD_USER_INPUT", fields: list },
  });
}

export function notFound(what = "record"): GraphQLError {
  return new GraphQLError(`No such ${what}`, { extensions: { code: "NOT_FOUND" } });
}

const PASSTHROUGH = new Set([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "QUERY_TOO_COMPLEX",
  "QUERY_TOO_DEEP",
  "RATE_LIMITED",
  "CONFLICT",
  "SERVICE_UNAVAILABLE",
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const m of Object.values(e.constraints ?? {})) out.push({ field: path, message: m });
    if (e.children?.length) out.push(...flattenValidation(e.children, path));
  }
  return out;
}

export function isPgError(e: unknown): e is { code: string; message: string; constraint_name?: string; constraint?: string } {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string" && /^[0-9A-Z]{5}$/.test((e as { code: string }).code);
}

/** The PostgreSQL error code of `e` or of an error it wraps (drizzle wraps driver errors in `cause`). */
export function pgCodeOf(e: unknown): string | null {
  let x: unknown = e;
  for (let i = 0; i < 5 && x; i++) {
    if (isPgError(x)) return x.code;
    x = (x as { cause?: unknown }).cause ?? (x as { originalError?: unknown }).originalError;
  }
  return null;
}

/** Driver-level codes of a lost or refused connection (postgres-js, Node). */
const CONNECTION_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

/**
 * True when `e` means the database is unreachable (server down or restarting, connection lost):
 * PostgreSQL classes 08 (connection exception) and 57P01–57P03 (shutdown, cannot connect now), or a
 * driver/socket error code. The client should retry; nothing was committed by the failed statement.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  let x: unknown = e;
  for (let i = 0; i < 5 && x; i++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code))) return true;
    x = (x as { cause?: unknown }).cause ?? (x as { originalError?: unknown }).originalError;
  }
  return false;
}

/** Apollo formatError: shapes every error and hides internals outside development. */
export function formatError(dev: boolean, log: (e: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    const validationErrors = formatted.extensions?.validationErrors as ValidationErrorLike[] | undefined;
    if (Array.isArray(validationErrors)) {
      // type-graphql's ArgumentValidationError: name each bad field.
      const fields = flattenValidation(validationErrors);
      return {
        message: fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join("; ") : "Argument validation error",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", fields },
      };
    }
    const code = (formatted.extensions?.code as string | undefined) ?? "INTERNAL_SERVER_ERROR";
    if (PASSTHROUGH.has(code)) {
      const ext = { ...formatted.extensions };
      delete ext.stacktrace;
      delete ext.exception;
      // graphql-js coercion errors ("Variable $x got invalid value …") are input errors.
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: ext };
    }
    if (isDatabaseUnavailable(original)) {
      // server.ts turns a response carrying this code into HTTP 503 with Retry-After.
      return { message: "Database unavailable, retry shortly / 数据库暂不可用，请稍后重试", locations: formatted.locations, path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
    }
    // PostgreSQL class 22 (data exception: a NUL character, a value out of range, an impossible date …)
    // comes from a value the client sent that no validator caught: an input error, not a server error.
    if (pgCodeOf(original)?.startsWith("22")) {
      const field = formatted.path?.length ? String(formatted.path[formatted.path.length - 1]) : null;
      return {
        message: "A value in this request cannot be stored or compared (for example a NUL character or a number out of range) / 请求中的某个值无法处理（例如含 NUL 字符或数值超出范围）",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", fields: field ? [{ field, message: "a value is not acceptable (NUL character or out of range)" }] : [] },
      };
    }
    log(original);
    return {
      message: dev ? formatted.message : "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: dev ? { code: "INTERNAL_SERVER_ERROR", stack: String((original as Error)?.stack ?? "").split("\n").slice(0, 8) } : { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
