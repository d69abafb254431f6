/**
 * Query limits, checked after parsing and before execution:
 * - depth: nesting of selection sets (fragments followed);
 * - cost: graphql-query-complexity with per-field estimates (connections cost by `first`);
 * The calculated cost is reported in `extensions.cost` of every response.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import type { Context } from "./context.js";

export function queryDepth(doc: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) max = Math.max(max, s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1);
      else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(s.selectionSet, seen));
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const name = s.name.value;
        if (seen.has(name)) continue;
        const f = fragments.get(name);
        if (f) max = Math.max(max, depthOf(f.selectionSet, new Set([...seen, name])));
      }
    }
    return max;
  };
  let depth = 0;
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    depth = Math.max(depth, depthOf(d.selectionSet, new Set()));
  }
  return depth;
}

export interface LimitsOptions {
  maxDepth: number;
  maxCost: number;
  /** Called with the cost before execution; may throw (rate limits). */
  onCost?: (ctx: Context, cost: number) => Promise<void> | void;
}

export function limitsPlugin(opts: LimitsOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const depth = queryDepth(document, request.operationName);
          if (depth > opts.maxDepth) {
            throw new GraphQLError(`Query depth ${depth} exceeds the limit of ${opts.maxDepth}`, {
              extensions: { code: "QUERY_TOO_DEEP", depth, maxDepth: opts.maxDepth, http: { status: 400 } },
            });
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (e) {
            throw new GraphQLError(`Cannot calculate query cost: ${(e as Error).message}`, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
          }
          contextValue.cost = cost;
          if (cost > opts.maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${opts.maxCost}`, {
              extensions: { code: "QUERY_TOO_COMPLEX", cost, maxCost: opts.maxCost, http: { status: 400 } },
            });
          }
          await opts.onCost?.(contextValue, cost);
        },
        async willSendResponse({ response, contextValue }) {
          const rate = contextValue.rate;
          if (rate) {
            response.http.headers.set("x-ratelimit-limit", String(rate.limit));
            response.http.headers.set("x-ratelimit-remaining", String(rate.remaining));
            if (rate.retryAfter) response.http.headers.set("retry-after", String(rate.retryAfter));
          }
          if (response.body.kind === "single") {
            const r = response.body.singleResult;
            r.extensions = {
              ...(r.extensions ?? {}),
              cost: { requested: contextValue.cost ?? 0, limit: opts.maxCost },
              ...(rate ? { rateLimit: rate } : {}),
            };
          }
        },
      };
    },
  };
}
