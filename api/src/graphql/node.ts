/**
 * Global object identification: every entity type implements `Node`; its `id` is a global opaque ID
 * (base64 of "Type:id") and `node(id:)` fetches any entity the caller may see.
 */
import { Arg, Ctx, Field, FieldResolver, ID, Info, InterfaceType, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { Can } from "./auth.js";
import type { Context } from "./context.js";
import { parseGlobalId, toGlobalId } from "./ids.js";

@InterfaceType({
  description: "有全局 ID 的对象 / An object with a global ID",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "全局唯一 ID / Global opaque ID" })
  id: string;
}

/**
 * Loads one entity by its numeric id for `node(id:)`, applying the caller's access rule and scope.
 * Returns null when absent or not visible.
 */
export type NodeLoader = (ctx: Context, id: number) => Promise<object | null | undefined>;
const loaders = new Map<string, { load: NodeLoader; bigint: boolean }>();
const INT4_MAX = 2_147_483_647;

/** `bigint`: the type's ids may exceed the 32-bit integer range. */
export function registerNode(typeName: string, load: NodeLoader, opts: { bigint?: boolean } = {}): void {
  loaders.set(typeName, { load, bigint: !!opts.bigint });
}
export function registeredNodeTypes(): string[] {
  return [...loaders.keys()];
}

@Resolver(() => Node)
export class NodeResolver {
  /** Rows carry numeric ids; GraphQL shows global ids of the concrete type. */
  @FieldResolver(() => ID)
  id(@Root() root: { id: number | string }, @Info() info: GraphQLResolveInfo): string {
    if (typeof root.id === "string" && parseGlobalId(root.id)) return root.id;
    return toGlobalId(info.parentType.name, root.id);
  }

  @Query(() => Node, { nullable: true, description: "按全局 ID 取任一对象（按权限）/ Fetch any object by its global ID (subject to access)" })
  @Can.authenticated()
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    const entry = loaders.get(parsed.type);
    const n = Number(parsed.id);
    if (!entry || !Number.isSafeInteger(n) || (!entry.bigint && n > INT4_MAX)) return null;
    const obj = await entry.load(ctx, n);
    return obj ? Object.assign(obj, { __typename: parsed.type }) : null;
  }
}
