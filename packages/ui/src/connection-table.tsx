import type { TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { Button, Flex, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useRef, useState, type Key } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState } from "./states.js";

/** A Relay connection as the API returns it. */
export interface Connection<N> {
  edges: readonly { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface PageVariables {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionTableProps<TData, TVars extends PageVariables, N> {
  query: TypedDocumentNode<TData, TVars>;
  /** Variables other than first/after (filters). A change starts again at the first page. */
  variables?: Omit<TVars, "first" | "after">;
  /** Picks the connection out of the query's data. */
  select: (data: TData) => Connection<N> | null | undefined;
  columns: ColumnsType<N>;
  pageSize?: number;
  /** "pages": previous/next by cursor; "loadMore": append the next page. */
  mode?: "pages" | "loadMore";
  rowKey?: keyof N & string;
  onRowClick?: (node: N) => void;
  testId?: string;
  /** Skip the query (e.g. until a required filter is chosen). */
  skip?: boolean;
  /** Change it to refetch the current page (live updates). */
  refreshToken?: number | string;
}

/**
 * A table over a Relay connection with server-side cursor paging (`first`/`after`, `totalCount`,
 * `pageInfo.hasNextPage/endCursor`). Keyset paging goes forward; "previous" returns to the cursor
 * the earlier page started at.
 */
export function ConnectionTable<TData, TVars extends PageVariables, N extends object>({
  query,
  variables,
  select,
  columns,
  pageSize = 20,
  mode = "pages",
  rowKey = "id" as keyof N & string,
  onRowClick,
  testId = "zw-connection-table",
  skip,
  refreshToken,
}: ConnectionTableProps<TData, TVars, N>) {
  const { t } = useTranslation("ui");
  const varsKey = JSON.stringify(variables ?? {});
  const [starts, setStarts] = useState<(string | null)[]>([null]);
  const page = starts.length - 1;
  useEffect(() => setStarts([null]), [varsKey]);

  const vars = useMemo(() => ({ ...(variables ?? {}), first: pageSize, after: mode === "pages" ? starts[page] : null }) as unknown as TVars, [varsKey, pageSize, starts, page, mode]);
  const q = useQuery(query as TypedDocumentNode<TData, TVars>, { variables: vars, skip, notifyOnNetworkStatusChange: true } as never) as unknown as {
    data: TData | undefined;
    loading: boolean;
    error: unknown;
    refetch: () => Promise<unknown>;
    fetchMore: (o: { variables: Partial<TVars>; updateQuery: (prev: TData, o: { fetchMoreResult: TData }) => TData }) => Promise<unknown>;
  };
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!skip) void q.refetch().catch(() => {});
  }, [refreshToken]);
  const conn = q.data ? select(q.data) : null;
  const rows = conn?.edges.map((e) => e.node) ?? [];

  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;

  const loadMore = () =>
    conn?.pageInfo.endCursor &&
    q.fetchMore({
      variables: { after: conn.pageInfo.endCursor } as Partial<TVars>,
      updateQuery: (prev, { fetchMoreResult }) => mergeConnections(prev, fetchMoreResult, select),
    });

  return (
    <div data-testid={testId}>
      <Table<N>
        size="middle"
        rowKey={(r) => String((r as Record<string, unknown>)[rowKey] as Key)}
        columns={columns}
        dataSource={rows}
        loading={q.loading}
        pagination={false}
        locale={{ emptyText: q.loading ? " " : <EmptyState /> }}
        onRow={onRowClick ? (r) => ({ onClick: () => onRowClick(r), style: { cursor: "pointer" } }) : undefined}
        scroll={{ x: "max-content" }}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }} wrap gap={8}>
        <Typography.Text type="secondary" data-testid="zw-total">
          {conn ? t("table.total", { count: conn.totalCount }) : ""}
          {mode === "pages" && conn ? ` · ${t("table.page", { page: page + 1 })}` : ""}
        </Typography.Text>
        {mode === "pages" ? (
          <Flex gap={8}>
            <Button disabled={page === 0 || q.loading} onClick={() => setStarts((s) => s.slice(0, -1))} data-testid="zw-prev">
              {t("table.previous")}
            </Button>
            <Button
              disabled={!conn?.pageInfo.hasNextPage || q.loading}
              onClick={() => conn?.pageInfo.endCursor && setStarts((s) => [...s, conn.pageInfo.endCursor])}
              data-testid="zw-next"
            >
              {t("table.next")}
            </Button>
          </Flex>
        ) : conn?.pageInfo.hasNextPage ? (
          <Button onClick={() => void loadMore()} loading={q.loading} data-testid="zw-load-more">
            {t("table.loadMore")}
          </Button>
        ) : null}
      </Flex>
    </div>
  );
}

/** Appends the edges of `next` to `prev` at the connection `select` points to. */
export function mergeConnections<TData, N>(prev: TData, next: TData, select: (d: TData) => Connection<N> | null | undefined): TData {
  const a = select(prev);
  const b = select(next);
  if (!a || !b) return next;
  const merged: Connection<N> = { ...b, edges: [...a.edges, ...b.edges] };
  return replaceObject(next, b, merged) as TData;
}

function replaceObject(root: unknown, target: unknown, replacement: unknown): unknown {
  if (root === target) return replacement;
  if (!root || typeof root !== "object") return root;
  if (Array.isArray(root)) return root.map((x) => replaceObject(x, target, replacement));
  return Object.fromEntries(Object.entries(root).map(([k, v]) => [k, replaceObject(v, target, replacement)]));
}
