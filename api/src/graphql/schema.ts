import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, getMetadataStorage, type NonEmptyArray } from "type-graphql";
import { modules } from "../modules/index.js";
import { authChecker } from "./auth.js";
import { NodeResolver } from "./node.js";
import { validateArgument } from "./validation.js";
import type { PubSub } from "type-graphql";

const nullPubSub: PubSub = {
  publish() {},
  subscribe() {
    return (async function* () {})();
  },
};

/**
 * Plain data fields (no @Authorized roles, no middleware, the schema name the property's name) resolve
 * with graphql-js's default resolver instead of type-graphql's wrapper, which builds a resolver-data
 * object and runs the (empty) middleware chain for every field of every row: on a 100-row page that is
 * thousands of calls and allocations per request. Field resolvers (@FieldResolver) are not affected.
 */
function resolvePlainFieldsDirectly(): void {
  for (const f of getMetadataStorage().fields) {
    if (f.simple === undefined && !f.roles?.length && !f.middlewares?.length && f.name === f.schemaName) f.simple = true;
  }
}

/** Builds the one schema from every module's resolvers. */
export async function buildAppSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  resolvePlainFieldsDirectly();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const resolvers = [NodeResolver, ...modules.flatMap((m) => m.resolvers)] as unknown as NonEmptyArray<Function>;
  const schema = await buildSchema({
    resolvers,
    authChecker,
    validateFn: validateArgument,
    pubSub: pubSub ?? nullPubSub,
  });
  const q = schema.getQueryType();
  const m = schema.getMutationType();
  const s = schema.getSubscriptionType();
  if (q) q.description = "查询入口：各模块的列表、详情、统计 / Queries: lists, records and statistics of every module";
  if (m) m.description = "变更入口：每个变更都校验权限并写审计记录 / Mutations: each checks access on the server and writes an audit record";
  if (s) s.description = "订阅（graphql-ws，同一路径 /graphql）/ Subscriptions over graphql-ws at /graphql";
  return schema;
}
