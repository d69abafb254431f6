/**
 * The schema reference model (接口参考): every type, field, argument and enum value of the running
 * schema (the one emitted to api/schema.graphql), grouped by module, with each root field's access rule
 * (`extensions.access`, see graphql/auth.ts) and a search index.
 *
 * Root fields belong to the module whose resolver class declares them (type-graphql's metadata);
 * a type belongs to the one module whose root fields reach it, or to "common" when several do.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";
import { getMetadataStorage } from "type-graphql";

export type RootKind = "query" | "mutation" | "subscription";

export interface ModuleInfo {
  name: string;
  titleZh: string;
  titleEn: string;
}

export const COMMON = "common";

/** Titles of the modules (and of the group of types shared by several). */
export const MODULE_TITLES: Record<string, { zh: string; en: string }> = {
  core: { zh: "平台核心：区县、部门、用户、密钥、审计、预警、案件、轨迹、导出、事件推送", en: "Platform core: districts, departments, users, keys, audit, alerts, cases, tracking, exports, webhooks" },
  construction: { zh: "工程渣土（建筑垃圾）", en: "Construction waste: spoil and mud" },
  hazardous: { zh: "危险废物与工业固废", en: "Hazardous and industrial solid waste" },
  recycling: { zh: "再生资源回收", en: "Recycling" },
  cells: { zh: "无废细胞与建设跟踪", en: "Zero-waste cells and programme tracking" },
  overview: { zh: "领导总览", en: "Leadership overview" },
  [COMMON]: { zh: "通用类型（多个模块共用）", en: "Common types (used by several modules)" },
};

export interface RootFieldRef {
  kind: RootKind;
  module: string;
  field: GraphQLField<unknown, unknown>;
}

export interface ReferenceModel {
  schema: GraphQLSchema;
  modules: ModuleInfo[];
  roots: RootFieldRef[];
  /** Named type → module name (or COMMON). */
  typeModule: Map<string, string>;
  /** Types per module, sorted by name. */
  typesOf: Map<string, GraphQLNamedType[]>;
}

const BUILTIN_SCALARS = new Set(["String", "Int", "Float", "Boolean", "ID"]);

/** Descriptions are written "中文 / English": split into the two languages. */
export function splitDescription(d: string | null | undefined): { zh: string; en: string } {
  if (!d) return { zh: "", en: "" };
  // The first "/" followed by a space and a non-Chinese character ("中文 / English", "（注）/ English");
  // a slash inside the Chinese part ("待发/重试中") has no space after it.
  const m = /\s*\/\s+(?=[^\s\u3400-\u9fff])/.exec(d);
  if (!m) return /[\u3400-\u9fff]/.test(d) ? { zh: d.trim(), en: "" } : { zh: "", en: d.trim() };
  return { zh: d.slice(0, m.index).trim(), en: d.slice(m.index + m[0].length).trim() };
}

/** Which module declares each root field (by the resolver class that holds it). */
function rootModules(moduleList: readonly { name: string; resolvers: readonly unknown[] }[]): Map<string, string> {
  const classModule = new Map<unknown, string>();
  for (const m of moduleList) for (const r of m.resolvers) classModule.set(r, m.name);
  const out = new Map<string, string>();
  const md = getMetadataStorage();
  const add = (kind: RootKind, list: { schemaName: string; target: unknown }[]) => {
    for (const r of list) {
      // Inherited resolver classes: walk the prototype chain to a registered class.
      let t: unknown = r.target;
      let mod: string | undefined;
      while (t && !mod) {
        mod = classModule.get(t);
        t = Object.getPrototypeOf(t);
      }
      if (mod) out.set(`${kind}:${r.schemaName}`, mod);
    }
  };
  add("query", md.queries);
  add("mutation", md.mutations);
  add("subscription", md.subscriptions);
  return out;
}

function referencedTypes(t: GraphQLNamedType): GraphQLNamedType[] {
  const out: GraphQLNamedType[] = [];
  if (isObjectType(t) || isInterfaceType(t)) {
    for (const f of Object.values(t.getFields())) {
      out.push(getNamedType(f.type));
      for (const a of f.args) out.push(getNamedType(a.type));
    }
    for (const i of t.getInterfaces()) out.push(i);
  } else if (isInputObjectType(t)) {
    for (const f of Object.values(t.getFields())) out.push(getNamedType(f.type));
  } else if (isUnionType(t)) {
    out.push(...t.getTypes());
  }
  return out;
}

export function buildReference(schema: GraphQLSchema, moduleList: readonly { name: string; resolvers: readonly unknown[] }[]): ReferenceModel {
  const owners = rootModules(moduleList);
  const roots: RootFieldRef[] = [];
  const kinds: [RootKind, ReturnType<GraphQLSchema["getQueryType"]>][] = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ];
  for (const [kind, type] of kinds) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) roots.push({ kind, module: owners.get(`${kind}:${field.name}`) ?? "core", field });
  }

  // Which modules' root fields reach each type.
  const reachedBy = new Map<string, Set<string>>();
  const rootTypeNames = new Set(kinds.map(([, t]) => t?.name).filter(Boolean) as string[]);
  for (const m of new Set(roots.map((r) => r.module))) {
    const seen = new Set<string>();
    const queue: GraphQLNamedType[] = [];
    for (const r of roots.filter((x) => x.module === m)) {
      queue.push(getNamedType(r.field.type));
      for (const a of r.field.args) queue.push(getNamedType(a.type));
    }
    while (queue.length) {
      const t = queue.shift()!;
      if (seen.has(t.name) || rootTypeNames.has(t.name)) continue;
      seen.add(t.name);
      queue.push(...referencedTypes(t));
    }
    for (const n of seen) {
      if (!reachedBy.has(n)) reachedBy.set(n, new Set());
      reachedBy.get(n)!.add(m);
    }
  }

  const typeModule = new Map<string, string>();
  const typesOf = new Map<string, GraphQLNamedType[]>();
  for (const t of Object.values(schema.getTypeMap())) {
    if (t.name.startsWith("__") || rootTypeNames.has(t.name)) continue;
    const by = reachedBy.get(t.name);
    const mod = BUILTIN_SCALARS.has(t.name) || !by || by.size !== 1 ? COMMON : [...by][0]!;
    typeModule.set(t.name, mod);
    if (!typesOf.has(mod)) typesOf.set(mod, []);
    typesOf.get(mod)!.push(t);
  }
  for (const list of typesOf.values()) list.sort((a, b) => a.name.localeCompare(b.name));

  const order = [...moduleList.map((m) => m.name), COMMON];
  const present = new Set([...roots.map((r) => r.module), ...typesOf.keys()]);
  const modules = order
    .filter((n) => present.has(n))
    .map((name) => ({ name, titleZh: MODULE_TITLES[name]?.zh ?? name, titleEn: MODULE_TITLES[name]?.en ?? name }));
  return { schema, modules, roots, typeModule, typesOf };
}

/** What an access rule means, in both languages (rule grammar: graphql/auth.ts). */
export function describeAccess(rule: string): { zh: string; en: string } {
  if (rule === "public") return { zh: "公开，无需登录", en: "Public, no sign-in" };
  if (rule === "authenticated") return { zh: "任何已登录用户或 API 密钥", en: "Any signed-in user or API key" };
  if (rule === "core:admin") return { zh: "仅管理员", en: "Administrators only" };
  if (rule === "audit:read") return { zh: "管理员与领导", en: "Administrators and leadership" };
  const [area, action, flag] = rule.split(":");
  if (area === "record") return { zh: `依记录所属废物流而定（需在某一流上有 ${action} 权限）`, en: `Depends on the record's stream (needs ${action} on some stream)` };
  const op = flag === "op" ? { zh: "；企业账号与单位绑定密钥只能访问本单位记录", en: "; operators and organisation-bound keys: their own records only" } : { zh: "", en: "" };
  const what =
    action === "read"
      ? { zh: `需要 ${area}:read（或 ${area}:write）范围，或相应部门人员`, en: `Needs the ${area}:read (or ${area}:write) scope, or staff of that stream` }
      : action === "write"
        ? { zh: `需要 ${area}:write 范围，或相应部门人员`, en: `Needs the ${area}:write scope, or staff of that stream` }
        : { zh: `需要 ${area}:${action} 范围`, en: `Needs the ${area}:${action} scope` };
  return { zh: what.zh + op.zh, en: what.en + op.en };
}

export function accessOf(field: { extensions?: Record<string, unknown> | null }): string | null {
  const a = field.extensions?.access;
  return typeof a === "string" ? a : null;
}

export type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField;
export type { GraphQLArgument };

export function typeKind(t: GraphQLNamedType): { key: string; zh: string; en: string } {
  if (isObjectType(t)) return { key: "object", zh: "对象", en: "Object" };
  if (isInterfaceType(t)) return { key: "interface", zh: "接口", en: "Interface" };
  if (isInputObjectType(t)) return { key: "input", zh: "输入", en: "Input" };
  if (isEnumType(t)) return { key: "enum", zh: "枚举", en: "Enum" };
  if (isUnionType(t)) return { key: "union", zh: "联合", en: "Union" };
  if (isScalarType(t)) return { key: "scalar", zh: "标量", en: "Scalar" };
  return { key: "type", zh: "类型", en: "Type" };
}

/**
 * A runnable starting point for a root field: required arguments as variables, and a selection of
 * its leaf fields (connections: edges.node leaves and pageInfo), two levels deep at most.
 */
export function sampleOperation(kind: RootKind, field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const vars = required.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = required.map((a) => `${a.name}: $${a.name}`).join(", ");
  const sel = selection(field.type, 0);
  const name = field.name.charAt(0).toUpperCase() + field.name.slice(1);
  return `${kind} ${name}${vars ? `(${vars})` : ""} {\n  ${field.name}${args ? `(${args})` : ""}${sel ? ` ${sel}` : ""}\n}\n`;
}

function selection(type: GraphQLType, depth: number, indent = "  "): string {
  const t = getNamedType(type);
  if (!isObjectType(t) && !isInterfaceType(t)) return "";
  const fields = Object.values(t.getFields());
  const pad = indent + "  ";
  const lines: string[] = [];
  const edges = fields.find((f) => f.name === "edges");
  if (edges && fields.some((f) => f.name === "pageInfo")) {
    const node = getNamedType(edges.type);
    const nodeField = isObjectType(node) ? node.getFields().node : undefined;
    lines.push(`edges { node ${nodeField ? selection(nodeField.type, depth + 1, pad + "  ") || "{ __typename }" : "{ __typename }"} }`);
    lines.push("pageInfo { hasNextPage endCursor }");
  } else {
    for (const f of fields) {
      const leaf = getNamedType(f.type);
      const needsArgs = f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      if (needsArgs) continue;
      if (isScalarType(leaf) || isEnumType(leaf)) lines.push(f.name);
      else if (depth < 1 && !isListType(f.type) && !(isNonNullType(f.type) && isListType(f.type.ofType))) {
        const inner = selection(f.type, depth + 1, pad);
        if (inner) lines.push(`${f.name} ${inner}`);
      }
    }
  }
  if (!lines.length) return "{ __typename }";
  return `{\n${lines.map((l) => pad + l).join("\n")}\n${indent}}`;
}
