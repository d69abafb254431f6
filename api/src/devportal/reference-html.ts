/** Renders the schema reference: an index, one page per module, and the search index. */
import {
  getNamedType,
  isEnumType,
  isScalarType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLType,
} from "graphql";
import { BASE, bi, esc } from "./layout.js";
import { accessOf, describeAccess, sampleOperation, splitDescription, typeKind, type ReferenceModel, type RootFieldRef, type RootKind } from "./reference.js";

export interface SearchEntry {
  /** kind: type, field, arg, value, query, mutation, subscription, guide */
  k: string;
  /** name, e.g. "Alert.status" */
  n: string;
  zh: string;
  en: string;
  /** URL */
  u: string;
}

const ROOT_TITLES: Record<RootKind, { zh: string; en: string; anchor: string }> = {
  query: { zh: "查询", en: "Queries", anchor: "q" },
  mutation: { zh: "变更", en: "Mutations", anchor: "m" },
  subscription: { zh: "订阅", en: "Subscriptions", anchor: "s" },
};

export function moduleUrl(m: string): string {
  return `${BASE}/reference/${m}`;
}
export function typeUrl(model: ReferenceModel, name: string): string {
  return `${moduleUrl(model.typeModule.get(name) ?? "common")}#t-${name}`;
}
export function rootUrl(r: RootFieldRef): string {
  return `${moduleUrl(r.module)}#${ROOT_TITLES[r.kind].anchor}-${r.field.name}`;
}

function typeRef(model: ReferenceModel, t: GraphQLType): string {
  if (isNonNullType(t)) return `${typeRef(model, t.ofType)}!`;
  if (isListType(t)) return `[${typeRef(model, t.ofType)}]`;
  const n = (t as GraphQLNamedType).name;
  return `<a class="tref" href="${esc(typeUrl(model, n))}">${esc(n)}</a>`;
}

function desc(d: string | null | undefined): string {
  const { zh, en } = splitDescription(d);
  if (!zh && !en) return `<span class="missing">${bi("（无说明）", "(no description)")}</span>`;
  return bi(zh, en);
}

/** An argument without its own description shows its input type's (e.g. `filter: AlertFilter`). */
function argDesc(a: GraphQLArgument): string {
  if (a.description) return desc(a.description);
  const t = getNamedType(a.type);
  return t.description && !isScalarType(t) ? `<span class="inherited">${desc(t.description)}</span>` : desc(a.description);
}

function deprecated(reason: string | null | undefined): string {
  if (reason === undefined || reason === null) return "";
  return ` <span class="badge dep" title="${esc(reason)}">${bi("已弃用", "deprecated")}</span> <span class="depwhy">${esc(reason)}</span>`;
}

function defaultValue(a: GraphQLArgument | GraphQLInputField): string {
  if (a.defaultValue === undefined) return "";
  return ` = <code>${esc(JSON.stringify(a.defaultValue))}</code>`;
}

function argsTable(model: ReferenceModel, args: readonly GraphQLArgument[]): string {
  if (!args.length) return "";
  return `<table class="args"><thead><tr><th>${bi("参数", "Argument")}</th><th>${bi("类型", "Type")}</th><th>${bi("说明", "Description")}</th></tr></thead><tbody>${args
    .map((a) => `<tr><td><code>${esc(a.name)}</code></td><td><code>${typeRef(model, a.type)}</code>${defaultValue(a)}</td><td>${argDesc(a)}${deprecated(a.deprecationReason)}</td></tr>`)
    .join("")}</tbody></table>`;
}

function accessBadge(rule: string | null): string {
  if (!rule) return "";
  const d = describeAccess(rule);
  return `<span class="badge access" title="${esc(d.zh)} / ${esc(d.en)}"><code>${esc(rule)}</code></span> <span class="access-text">${bi(d.zh, d.en)}</span>`;
}

function rootField(model: ReferenceModel, r: RootFieldRef): string {
  const f = r.field;
  const anchor = `${ROOT_TITLES[r.kind].anchor}-${f.name}`;
  const tryHref = `${BASE}/explorer/?query=${encodeURIComponent(sampleOperation(r.kind, f))}`;
  return `<section class="root" id="${esc(anchor)}">
<h4><a class="self" href="#${esc(anchor)}">${esc(f.name)}</a>${f.args.length ? "(…)" : ""}: <code>${typeRef(model, f.type)}</code>${deprecated(f.deprecationReason)}</h4>
<p>${desc(f.description)}</p>
<p class="meta">${bi("权限", "Access")}: ${accessBadge(accessOf(f)) || `<span class="missing">${bi("未声明", "not declared")}</span>`} · <a class="try" href="${esc(tryHref)}">${bi("在调试台中试用", "Try it in the explorer")}</a></p>
${argsTable(model, f.args)}
</section>`;
}

function fieldsTable(model: ReferenceModel, t: GraphQLNamedType): string {
  if (isObjectType(t) || isInterfaceType(t)) {
    const fields = Object.values(t.getFields()) as GraphQLField<unknown, unknown>[];
    return `<table class="fields"><thead><tr><th>${bi("字段", "Field")}</th><th>${bi("类型", "Type")}</th><th>${bi("说明", "Description")}</th></tr></thead><tbody>${fields
      .map((f) => {
        const rule = accessOf(f);
        const args = f.args.length ? `<div class="fargs">${f.args.map((a) => `<div><code>${esc(a.name)}: ${typeRef(model, a.type)}</code>${defaultValue(a)} — ${argDesc(a)}</div>`).join("")}</div>` : "";
        return `<tr id="f-${esc(t.name)}-${esc(f.name)}"><td><code>${esc(f.name)}</code></td><td><code>${typeRef(model, f.type)}</code></td><td>${desc(f.description)}${deprecated(f.deprecationReason)}${rule ? ` <span class="meta">${accessBadge(rule)}</span>` : ""}${args}</td></tr>`;
      })
      .join("")}</tbody></table>`;
  }
  if (isInputObjectType(t)) {
    const fields = Object.values(t.getFields());
    return `<table class="fields"><thead><tr><th>${bi("字段", "Field")}</th><th>${bi("类型", "Type")}</th><th>${bi("说明", "Description")}</th></tr></thead><tbody>${fields
      .map((f) => `<tr id="f-${esc(t.name)}-${esc(f.name)}"><td><code>${esc(f.name)}</code></td><td><code>${typeRef(model, f.type)}</code>${defaultValue(f)}</td><td>${desc(f.description)}${deprecated(f.deprecationReason)}</td></tr>`)
      .join("")}</tbody></table>`;
  }
  if (isEnumType(t)) {
    return `<table class="fields"><thead><tr><th>${bi("取值", "Value")}</th><th>${bi("说明", "Description")}</th></tr></thead><tbody>${t
      .getValues()
      .map((v) => `<tr id="f-${esc(t.name)}-${esc(v.name)}"><td><code>${esc(v.name)}</code></td><td>${desc(v.description)}${deprecated(v.deprecationReason)}</td></tr>`)
      .join("")}</tbody></table>`;
  }
  if (isUnionType(t)) return `<p>${bi("可能的类型", "Possible types")}: ${t.getTypes().map((x) => `<code>${typeRef(model, x)}</code>`).join(" | ")}</p>`;
  return "";
}

function typeSection(model: ReferenceModel, t: GraphQLNamedType): string {
  const k = typeKind(t);
  const impl = isObjectType(t) && t.getInterfaces().length ? ` ${bi("实现", "implements")} ${t.getInterfaces().map((i) => `<code>${typeRef(model, i)}</code>`).join(", ")}` : "";
  const possible = isInterfaceType(t) ? model.schema.getPossibleTypes(t) : [];
  const impls = possible.length ? `<p class="meta">${bi("实现此接口的类型", "Implemented by")}: ${possible.map((p) => `<code>${typeRef(model, p)}</code>`).join(" ")}</p>` : "";
  return `<section class="type" id="t-${esc(t.name)}">
<h3><span class="badge kind kind-${k.key}">${bi(k.zh, k.en)}</span> <a class="self" href="#t-${esc(t.name)}">${esc(t.name)}</a>${impl}</h3>
<p>${desc(t.description)}</p>
${impls}
${fieldsTable(model, t)}
</section>`;
}

export function renderModulePage(model: ReferenceModel, module: string): string | null {
  const info = model.modules.find((m) => m.name === module);
  if (!info) return null;
  const roots = model.roots.filter((r) => r.module === module);
  const types = model.typesOf.get(module) ?? [];
  const parts: string[] = [`<h1>${bi(info.titleZh, info.titleEn)}</h1>`];
  parts.push(`<p class="lead">${bi(`模块 ${module}：${roots.length} 个入口字段，${types.length} 个类型。`, `Module ${module}: ${roots.length} root fields, ${types.length} types.`)}</p>`);
  const toc: string[] = [];
  for (const kind of ["query", "mutation", "subscription"] as RootKind[]) {
    const list = roots.filter((r) => r.kind === kind).sort((a, b) => a.field.name.localeCompare(b.field.name));
    if (!list.length) continue;
    toc.push(`<a href="#${kind}">${bi(ROOT_TITLES[kind].zh, ROOT_TITLES[kind].en)} (${list.length})</a>`);
    parts.push(`<h2 id="${kind}">${bi(ROOT_TITLES[kind].zh, ROOT_TITLES[kind].en)}</h2>`);
    parts.push(list.map((r) => rootField(model, r)).join("\n"));
  }
  if (types.length) {
    toc.push(`<a href="#types">${bi("类型", "Types")} (${types.length})</a>`);
    parts.push(`<h2 id="types">${bi("类型", "Types")}</h2>`);
    parts.push(`<p class="typeindex">${types.map((t) => `<a href="#t-${esc(t.name)}">${esc(t.name)}</a>`).join(" ")}</p>`);
    parts.push(types.map((t) => typeSection(model, t)).join("\n"));
  }
  parts.splice(2, 0, `<nav class="toc">${toc.join(" · ")}</nav>`);
  return parts.join("\n");
}

export function renderReferenceIndex(model: ReferenceModel): string {
  const rows = model.modules
    .map((m) => {
      const roots = model.roots.filter((r) => r.module === m.name);
      const count = (k: RootKind) => roots.filter((r) => r.kind === k).length;
      return `<tr><td><a href="${esc(moduleUrl(m.name))}"><code>${esc(m.name)}</code></a></td><td>${bi(m.titleZh, m.titleEn)}</td><td>${count("query")}</td><td>${count("mutation")}</td><td>${count("subscription")}</td><td>${model.typesOf.get(m.name)?.length ?? 0}</td></tr>`;
    })
    .join("");
  const all = [...model.typeModule.keys()].sort((a, b) => a.localeCompare(b));
  return `<h1>${bi("接口参考", "API reference")}</h1>
<p class="lead">${bi(
    "一个 GraphQL 接口 POST /graphql 覆盖全部废物流。以下按模块列出每个查询、变更、订阅及其权限规则，以及每个类型、字段、参数和枚举值的中英文说明。用页首的搜索框查找。",
    "One GraphQL endpoint, POST /graphql, covers every waste stream. Below, by module: each query, mutation and subscription with its access rule, and every type, field, argument and enum value with its Chinese and English description. Use the search box at the top.",
  )}</p>
<p>${bi("下载 SDL：", "Download the SDL: ")}<a href="${BASE}/schema.graphql">schema.graphql</a> · ${bi("在浏览器中调试：", "Try it in the browser: ")}<a href="${BASE}/explorer/">${bi("调试台", "explorer")}</a></p>
<table class="modules"><thead><tr><th>${bi("模块", "Module")}</th><th>${bi("内容", "Contents")}</th><th>${bi("查询", "Queries")}</th><th>${bi("变更", "Mutations")}</th><th>${bi("订阅", "Subscriptions")}</th><th>${bi("类型", "Types")}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${bi("全部类型（A–Z）", "All types (A–Z)")}</h2>
<p class="typeindex">${all.map((n) => `<a href="${esc(typeUrl(model, n))}">${esc(n)}</a>`).join(" ")}</p>`;
}

export function searchIndex(model: ReferenceModel): SearchEntry[] {
  const out: SearchEntry[] = [];
  const push = (k: string, n: string, d: string | null | undefined, u: string) => {
    const { zh, en } = splitDescription(d);
    out.push({ k, n, zh, en, u });
  };
  for (const r of model.roots) {
    push(r.kind, r.field.name, r.field.description, rootUrl(r));
    for (const a of r.field.args) push("arg", `${r.field.name}(${a.name})`, a.description, rootUrl(r));
  }
  for (const [name, mod] of model.typeModule) {
    const t = model.schema.getType(name)!;
    const u = `${moduleUrl(mod)}#t-${name}`;
    push("type", name, t.description, u);
    if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        push("field", `${name}.${f.name}`, f.description, `${moduleUrl(mod)}#f-${name}-${f.name}`);
        for (const a of "args" in f ? f.args : []) push("arg", `${name}.${f.name}(${a.name})`, a.description, `${moduleUrl(mod)}#f-${name}-${f.name}`);
      }
    } else if (isEnumType(t)) {
      for (const v of t.getValues()) push("value", `${name}.${v.name}`, v.description, `${moduleUrl(mod)}#f-${name}-${v.name}`);
    }
  }
  return out;
}

/** Every field, argument and enum value whose deprecation is announced (for the deprecation guide). */
export function deprecations(model: ReferenceModel): { name: string; reason: string; url: string }[] {
  const out: { name: string; reason: string; url: string }[] = [];
  for (const r of model.roots) {
    if (r.field.deprecationReason) out.push({ name: `${r.kind === "query" ? "Query" : r.kind === "mutation" ? "Mutation" : "Subscription"}.${r.field.name}`, reason: r.field.deprecationReason, url: rootUrl(r) });
    for (const a of r.field.args) if (a.deprecationReason) out.push({ name: `${r.field.name}(${a.name})`, reason: a.deprecationReason, url: rootUrl(r) });
  }
  for (const [name, mod] of model.typeModule) {
    const t = model.schema.getType(name)!;
    const fields = isObjectType(t) || isInterfaceType(t) || isInputObjectType(t) ? Object.values(t.getFields()) : [];
    for (const f of fields) if (f.deprecationReason) out.push({ name: `${name}.${f.name}`, reason: f.deprecationReason, url: `${moduleUrl(mod)}#f-${name}-${f.name}` });
    if (isEnumType(t)) for (const v of t.getValues()) if (v.deprecationReason) out.push({ name: `${name}.${v.name}`, reason: v.deprecationReason, url: `${moduleUrl(mod)}#f-${name}-${v.name}` });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

