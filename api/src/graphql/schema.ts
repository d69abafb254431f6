import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
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

/** Builds the one schema from every module's resolvers. */
export async function buildAppSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const resolvers = [NodeResolver, ...modules.flatMap((m) => m.resolvers)] as unknown as NonEmptyArray<Function>;
  return buildSchema({
    resolvers,
    authChecker,
    validateFn: validateArgument,
    pubSub: pubSub ?? nullPubSub,
  });
}
