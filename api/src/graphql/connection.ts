/**
 * Relay cursor connections. Lists page forward with `first`/`after` over a keyset
 * (sort column, id), so a page costs the same on page 1 and page 10,000.
 */
import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { GraphQLError } from "graphql";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { Max, Min } from "class-validator";
import type { Tx } from "../modules/core/db.js";

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

@ObjectType({ description: "分页信息 / Paging information of a connection" })
export class PageInfo {
  @Field({ description: "是否还有下一页 / Whether more items follow" })
  hasNextPage: boolean;
  @Field({ description: "是否有上一页（仅向前翻页时恒为 false）/ Whether items precede (always false when paging forward)" })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "本页第一个游标 / Cursor of the first edge" })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: "本页最后一个游标，传给 after 取下一页 / Cursor of the last edge; pass it as `after` for the next page" })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数，1–${MAX_PAGE}，默认 ${DEFAULT_PAGE} / Page size, 1–${MAX_PAGE}, default ${DEFAULT_PAGE}` })
  @Min(1)
  @Max(MAX_PAGE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: "从此游标之后开始 / Start after this cursor" })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Resolved lazily: only counted when the client asks for it. */
  totalCount: number | Promise<number>;
}

/** Cost of a connection field: the page size times what each node costs. */
export function connectionComplexity({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number {
  const first = typeof args.first === "number" && args.first > 0 ? Math.min(args.first, MAX_PAGE) : DEFAULT_PAGE;
  return 2 + first * Math.max(1, childComplexity);
}

/**
 * A connection type for `itemType`: `@ObjectType() class SiteConnection extends Connection(Site) {}`.
 */
export function Connection<T extends object>(itemType: ClassType<T>, name = itemType.name) {
  @ObjectType(`${name}Edge`, { description: `${name} 列表的一条 / An edge of a ${name} list` })
  class EdgeType {
    @Field({ description: "此条的游标 / Cursor of this edge" })
    cursor: string;
    @Field(() => itemType, { description: "此条的对象 / The item" })
    node: T;
  }
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: "本页各条 / Edges of this page" })
    edges: EdgeType[];
    @Field(() => PageInfo, { description: "分页信息 / Paging information" })
    pageInfo: PageInfo;
    @Field(() => Int, { description: "符合条件的总数 / Total number of matching items", complexity: 5 })
    totalCount: number;
  }
  return ConnectionType;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2) return v;
  } catch {
    /* fall through */
  }
  throw new GraphQLError("after: not a valid cursor", { extensions: { code: "BAD_USER_INPUT", fields: [{ field: "after", message: "not a valid cursor" }] } });
}

export interface PageQuery<Row> {
  db: Tx;
  table: PgTable;
  /** Conditions (ANDed); undefined entries are ignored. */
  where: (SQL | undefined)[];
  /** Sort column (ties broken by `id`); descending by default. */
  orderBy?: PgColumn;
  /** Key of the sort column in the returned row (for the cursor). */
  orderKey?: string;
  ascending?: boolean;
  id: PgColumn;
  first?: number | null;
  after?: string | null;
  /** Optional projection; default: all columns of `table`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  select?: Record<string, any>;
  map?: (row: Row) => unknown;
}

/** Runs a keyset-paged query and shapes it as a connection. */
export async function paginate<Row extends Record<string, unknown>>(q: PageQuery<Row>): Promise<ConnectionResult<Row>> {
  const first = Math.min(Math.max(q.first ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const orderCol = q.orderBy ?? q.id;
  const orderKey = q.orderKey ?? (q.orderBy ? undefined : "id");
  const dir = q.ascending ? asc : desc;
  const conds = q.where.filter((c): c is SQL => !!c);
  const base = and(...conds);
  let pageCond: SQL | undefined;
  if (q.after) {
    const [v, id] = decodeCursor(q.after);
    const cmp = q.ascending ? sql`>` : sql`<`;
    if (orderCol === q.id) pageCond = sql`${q.id} ${cmp} ${Number(id)}`;
    else {
      const val = orderCol.columnType === "PgTimestamp" && typeof v === "string" ? new Date(v) : v;
      pageCond = sql`(${orderCol}, ${q.id}) ${cmp} (${sql.param(val, orderCol)}, ${Number(id)})`;
    }
  }
  const where = and(...conds, pageCond);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sel = (q.select ? q.db.select(q.select) : q.db.select()).from(q.table as any);
  const fetched = (await sel
    .where(where)
    .orderBy(dir(orderCol), dir(q.id))
    .limit(first + 1)) as unknown as Row[];
  const more = fetched.length > first;
  const page = more ? fetched.slice(0, first) : fetched;
  const key = orderKey ?? findKey(q.select, orderCol, q.table);
  const edges = page.map((r) => {
    const sortVal = r[key];
    const cursor = encodeCursor([sortVal instanceof Date ? sortVal.toISOString() : sortVal, r.id]);
    return { cursor, node: (q.map ? q.map(r) : r) as Row };
  });
  const result = {
    edges,
    pageInfo: {
      hasNextPage: more,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  } as ConnectionResult<Row>;
  // Counted only when the client selects totalCount (a getter that GraphQL resolves as a promise).
  let counted: Promise<number> | undefined;
  Object.defineProperty(result, "totalCount", {
    enumerable: true,
    get: () =>
      (counted ??= (async () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const r = await q.db.select({ n: sql<number>`count(*)::int` }).from(q.table as any).where(base);
        return r[0]?.n ?? 0;
      })()),
  });
  return result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function findKey(select: Record<string, any> | undefined, col: PgColumn, table: PgTable): string {
  const cols = select ?? (table as unknown as Record<string, unknown>);
  for (const [k, v] of Object.entries(cols)) if (v === col) return k;
  throw new Error(`paginate: sort column ${col.name} is not in the selection`);
}

/** A connection from an in-memory list (small reference lists). */
export function connectionOf<T>(items: T[]): ConnectionResult<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor([i, i]), node }));
  return {
    edges,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: items.length,
  };
}
