/**
 * A schema-driven fuzzer: operations generated from the running schema's root fields, with arguments
 * built from their types and filled with hostile values (huge and empty strings, control characters,
 * mixed scripts, SQL and HTML injection strings, negative, huge and non-finite numbers, impossible
 * dates, malformed global IDs), plus structural attacks (deep nesting, thousands of aliases, batches,
 * malformed JSON and variables). Deterministic for a seed, so a failure can be replayed.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n\r",
  "a",
  "x".repeat(300),
  "长".repeat(5000),
  "y".repeat(200_000),
  "\u0000",
  "abc\u0000def",
  "\u0001\u0002\u0007\b\u001b[31mred\u001b[0m",
  "\u202eevil\u202c \u200b\u200d\ufeff",
  "\ud800",
  "\udfff lone",
  "绍兴Шаоσ😀𝕏ﷺ\u0301\u0301\u0301",
  "😀".repeat(2000),
  "' OR '1'='1",
  "'; drop table core.users; --",
  "1; select pg_sleep(30); --",
  "\\'; select version(); --",
  "$$; select 1; $$",
  "%' and 1=0 union select password_hash from core.users --",
  "<script>alert(document.cookie)</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg/onload=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "${jndi:ldap://127.0.0.1/a}",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "=cmd|' /C calc'!A0",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "-0.000000000000000000001",
  "9".repeat(400),
  "12.345.678",
  "2026-02-30",
  "2026-13-45T25:61:61Z",
  "0000-00-00",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "浙D12345",
  "330602",
  "ZY2026-000001",
];

/** Hostile but plausible: passes length and format checks, so it reaches the services and the database. */
export const PLAUSIBLE_STRINGS: readonly string[] = [
  "测试<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "O'Brien'; drop table core.users; --",
  "' OR 1=1 --",
  "Robert\"); select pg_sleep(5); --",
  "绍兴市越城区解放北路1号",
  "浙D12345",
  "浙DA0001",
  "913306027654321XYZ",
  "13800000000",
  "Zerowaste2026!",
  "正常的说明文字 / a normal note",
  "a\u0007b",
  "𝕏😀 emoji 名称",
  "%s%s%s%n",
  "1.5",
  "0",
  "-3",
  "100000000000",
  "1e3",
  "0.001",
  "2026-06-01",
  "2026-06-01T08:00:00+08:00",
  "HW08",
  "900-249-08",
  "https://127.0.0.1/hook",
  "http://[::1]:1/x",
  "paper_cardboard",
  "construction:write",
  "330602",
];

const HOSTILE_INTS: readonly unknown[] = [0, -1, 1, 2, 7, 100, 101, 1000, -2147483648, 2147483647, 99999999];
const INVALID_INTS: readonly unknown[] = [2147483648, 1e100, -1e100, 1.5, "1", "NaN", true, [], {}];
const HOSTILE_FLOATS: readonly unknown[] = [0, -0, -1, 0.1, 1e308, -1e308, 5e-324, 123456789012345.67, 1e15];
const HOSTILE_DATES: readonly unknown[] = ["1970-01-01T00:00:00.000Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-02-29T00:00:00Z", "2026-13-45T00:00:00Z", "", "now", "2026-06-01", 1e15, -1, "275760-09-13T00:00:00.000Z"];
const HOSTILE_DAYS: readonly unknown[] = ["2026-01-01", "1900-01-01", "9999-12-31", "2026-02-30", "20260101", "", "2026-1-1"];

/** The types a global ID may name (object types implementing Node). */
function nodeTypeNames(schema: GraphQLSchema): string[] {
  const node = schema.getType("Node");
  if (!node || !isInterfaceType(node)) return ["User"];
  return schema.getPossibleTypes(node).map((t) => t.name);
}

export class OperationGenerator {
  private readonly nodeTypes: string[];
  /** Global IDs of records that exist, by type (harvested from responses with `learn`). */
  readonly pool = new Map<string, string[]>();
  constructor(
    readonly schema: GraphQLSchema,
    readonly rng: Rng,
  ) {
    this.nodeTypes = nodeTypeNames(schema);
  }

  /** Remembers every global ID in a response, so later operations can name real records. */
  learn(text: string): void {
    for (const m of text.matchAll(/"id":"([A-Za-z0-9_-]{4,80})"/g)) {
      const decoded = Buffer.from(m[1]!, "base64url").toString("utf8");
      const t = /^([A-Z][A-Za-z]+):\d+$/.exec(decoded)?.[1];
      if (!t) continue;
      const list = this.pool.get(t) ?? [];
      if (!list.includes(m[1]!) && list.length < 200) list.push(m[1]!);
      this.pool.set(t, list);
    }
  }

  /** A real ID, preferably of the type the argument's name suggests ("vehicleId" → a Vehicle). */
  realId(name?: string): string | undefined {
    if (!this.pool.size) return undefined;
    const stem = (name ?? "").replace(/Ids?$/, "").toLowerCase();
    const types = [...this.pool.keys()];
    const match = stem && stem !== "" ? types.filter((t) => t.toLowerCase().endsWith(stem) || stem.endsWith(t.toLowerCase())) : [];
    const t = match.length && this.rng.chance(0.8) ? this.rng.pick(match) : this.rng.pick(types);
    return this.rng.pick(this.pool.get(t)!);
  }

  hostileId(name?: string): unknown {
    const r = this.rng;
    if (r.chance(0.55)) {
      const real = this.realId(name);
      if (real) return real;
    }
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    switch (r.int(8)) {
      case 0:
        return b64(`${r.pick(this.nodeTypes)}:${r.pick([0, -1, 1_000_000 + r.int(1000), "99999999999999999999", "1e3", "abc", "1 or 1=1", ""])}`);
      case 1:
        return b64(`${r.pick(this.nodeTypes)}:${1_000_000 + r.int(1_000_000)}`);
      case 2:
        return r.pick(HOSTILE_STRINGS);
      case 3:
        return b64(`NoSuchType:1`);
      case 4:
        return b64(r.pick(HOSTILE_STRINGS).slice(0, 500));
      case 5:
        return "====";
      case 6:
        return b64(`${r.pick(this.nodeTypes)}:${r.pick(["1.5", "-0", "0x10", " 7", "7 "])}`);
      default:
        return `${b64("User:")}${"A".repeat(r.int(50))}`;
    }
  }

  hostileJson(depth = 0): unknown {
    const r = this.rng;
    switch (r.int(6)) {
      case 0: {
        let v: unknown = { leaf: r.pick(HOSTILE_STRINGS) };
        for (let i = 0; i < 200; i++) v = { n: v };
        return v;
      }
      case 1:
        return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } };
      case 2:
        return Array.from({ length: 2000 }, (_, i) => i);
      case 3:
        return depth < 2 ? { a: this.hostileJson(depth + 1), b: r.pick(HOSTILE_STRINGS) } : {};
      case 4:
        return {};
      default:
        return { type: "Point", coordinates: [r.pick(HOSTILE_FLOATS), r.pick(HOSTILE_FLOATS)] };
    }
  }

  /** A value for `type`: mostly well-typed but hostile, sometimes ill-typed. */
  value(type: GraphQLInputType, depth = 0, name?: string): unknown {
    const r = this.rng;
    if (isNonNullType(type)) {
      if (r.chance(0.02)) return null;
      return this.value(type.ofType, depth, name);
    }
    if (r.chance(0.05)) return null;
    if (isListType(type)) {
      if (r.chance(0.05)) return this.value(type.ofType, depth, name); // a bare item where a list belongs
      const n = r.pick([0, 1, 1, 1, 2, 3, depth < 2 ? 300 : 2]);
      return Array.from({ length: n }, () => this.value(type.ofType, depth + 1, name));
    }
    if (isEnumType(type)) {
      if (r.chance(0.08)) return r.pick(["DROP", "", "select", "__typename", 1]);
      return r.pick(type.getValues()).name;
    }
    if (isInputObjectType(type)) {
      if (r.chance(0.03)) return r.pick(HOSTILE_STRINGS);
      const out: Record<string, unknown> = {};
      if (depth > 5) return out;
      for (const f of Object.values(type.getFields())) {
        const required = isNonNullType(f.type);
        if (required ? !r.chance(0.02) : r.chance(0.4)) out[f.name] = this.value(f.type, depth + 1, f.name);
      }
      if (r.chance(0.03)) out[r.pick(["__proto__", "unknownField", "constructor"])] = r.pick(HOSTILE_STRINGS);
      return out;
    }
    if (isScalarType(type)) {
      const invalid = r.chance(0.05);
      switch (type.name) {
        case "Int":
          return invalid ? r.pick(INVALID_INTS) : r.pick(HOSTILE_INTS);
        case "Float":
          return invalid ? r.pick(["1e999", "x", true]) : r.pick(HOSTILE_FLOATS);
        case "Boolean":
          return invalid ? r.pick(["true", 1, null]) : r.chance(0.5);
        case "ID":
          return this.hostileId(name);
        case "DateTime":
          return r.pick(HOSTILE_DATES);
        case "Date":
        case "LocalDate":
          return r.pick(HOSTILE_DAYS);
        case "JSON":
        case "JSONObject":
          return this.hostileJson();
        default:
          if (invalid) return r.pick(HOSTILE_INTS);
          return r.chance(0.55) ? r.pick(PLAUSIBLE_STRINGS) : r.pick(HOSTILE_STRINGS);
      }
    }
    return null;
  }

  /** A selection set over `type`: some leaf fields, a few nested objects, userErrors always. */
  selection(type: GraphQLOutputType, depth = 0): string {
    const named = getNamedType(type) as GraphQLNamedType;
    if (isLeafType(named)) return "";
    if (isUnionType(named)) return " { __typename }";
    if (!isObjectType(named) && !isInterfaceType(named)) return " { __typename }";
    const fields = Object.values(named.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const parts = new Set<string>(["__typename"]);
    for (let i = 0; i < 4 && leaves.length; i++) parts.add(this.rng.pick(leaves).name);
    const ue = named.getFields().userErrors;
    if (ue) parts.add("userErrors { field message code }");
    if (depth < 2) {
      for (let i = 0; i < 2 && objects.length; i++) {
        const f = this.rng.pick(objects);
        if (f.name === "userErrors") continue;
        parts.add(`${f.name}${this.selection(f.type, depth + 1)}`);
      }
    }
    return ` { ${[...parts].join(" ")} }`;
  }

  /** One operation for a root field: required arguments plus a random subset of the optional ones. */
  operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown>; values: unknown[] } {
    const args = field.args.filter((a) => isNonNullType(a.type) || this.rng.chance(0.5));
    const variables: Record<string, unknown> = {};
    for (const a of args) variables[a.name] = this.value(a.type, 0, a.name);
    const decl = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
    const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const query = `${kind} Fuzz${decl ? `(${decl})` : ""} { ${field.name}${call ? `(${call})` : ""}${this.selection(field.type)} }`;
    return { query, variables, values: Object.values(variables) };
  }
}

/** Raw HTTP bodies and queries that attack the transport and the parser rather than a field. */
export function structuralAttacks(rng: Rng): { name: string; body: string; contentType?: string; method?: "GET" | "POST"; url?: string }[] {
  const deep = (n: number) => `{ ${"me { user { ".repeat(n)} id ${"} } ".repeat(n)} }`;
  const nestedList = (n: number) => "{ districts { code } }" + " ".repeat(n);
  return [
    { name: "deep nesting 200", body: JSON.stringify({ query: deep(200) }) },
    { name: "deep nesting 3000 (parser recursion)", body: JSON.stringify({ query: `{ ${"a { ".repeat(3000)}b${" }".repeat(3000)} }` }) },
    { name: "5000 aliases", body: JSON.stringify({ query: `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(" ")} }` }) },
    { name: "3000 aliases of a list", body: JSON.stringify({ query: `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: districts { code }`).join(" ")} }` }) },
    { name: "500 fragments spread", body: JSON.stringify({ query: `{ ...F0 } ${Array.from({ length: 500 }, (_, i) => `fragment F${i} on Query { districts { code } ${i < 499 ? `...F${i + 1}` : ""} }`).join(" ")}` }) },
    { name: "fragment cycle", body: JSON.stringify({ query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }` }) },
    { name: "batch of 2", body: JSON.stringify([{ query: "{ districts { code } }" }, { query: "{ districts { code } }" }]) },
    { name: "batch of 1000", body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: "mutation { login(username: \"admin\", password: \"x\") { token } }" }))) },
    { name: "malformed JSON", body: `{"query": "{ districts { code } }", ` },
    { name: "NaN in JSON", body: `{"query": "query($x: Int) { districts { code } }", "variables": {"x": NaN}}` },
    { name: "variables not an object", body: JSON.stringify({ query: "{ districts { code } }", variables: "[1,2" }) },
    { name: "variables an array", body: JSON.stringify({ query: "{ districts { code } }", variables: [1, 2, 3] }) },
    { name: "query not a string", body: JSON.stringify({ query: { a: 1 } }) },
    { name: "query null", body: JSON.stringify({ query: null }) },
    { name: "empty body", body: "" },
    { name: "empty object", body: "{}" },
    { name: "operationName missing among several", body: JSON.stringify({ query: "query A { districts { code } } query B { districts { code } }" }) },
    { name: "unknown operationName", body: JSON.stringify({ query: "query A { districts { code } }", operationName: "Z" }) },
    { name: "mutation over GET", method: "GET", url: `/graphql?query=${encodeURIComponent("mutation { logout { ok } }")}`, body: "" },
    { name: "text/plain body", body: JSON.stringify({ query: "{ districts { code } }" }), contentType: "text/plain" },
    { name: "form body", body: "query=%7B%20districts%20%7B%20code%20%7D%20%7D", contentType: "application/x-www-form-urlencoded" },
    { name: "JSON with BOM", body: "\ufeff" + JSON.stringify({ query: "{ districts { code } }" }) },
    { name: "lone surrogate in query", body: `{"query": "{ districts(x: \\"\\ud800\\") { code } }"}` },
    { name: "NUL in query", body: JSON.stringify({ query: "{ districts { code } }\u0000" }) },
    { name: "huge string variable", body: JSON.stringify({ query: "query($s: String!) { academySearch(query: $s) { __typename } }", variables: { s: "長".repeat(600_000) } }) },
    { name: "over the body limit", body: JSON.stringify({ query: `{ districts { code } } #${"x".repeat(3 * 1024 * 1024)}` }) },
    { name: "deeply nested variables", body: `{"query":"query($j: JSONObject) { __typename }","variables":{"j":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}}` },
    { name: "very long field name", body: JSON.stringify({ query: `{ ${"z".repeat(100_000)} }` }) },
    { name: "many directives", body: JSON.stringify({ query: `{ districts ${"@include(if: true) ".repeat(2000)} { code } }` }) },
    { name: "introspection bomb", body: JSON.stringify({ query: `{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }` }) },
    { name: `random bytes ${rng.int(1000)}`, body: Buffer.from(Array.from({ length: 2000 }, () => rng.int(256))).toString("latin1") },
  ];
}

/** Text in a response that must never leave the server: stack frames, file paths, SQL, driver errors. */
export const LEAK = /\bat [\w.<>$]+ \(|\bat (async )?[\w./-]+\.(ts|js|mjs):\d+|node_modules|\/src\/[\w/-]+\.ts|\bselect\b[\s\S]{0,80}\bfrom\b|\binsert into\b|\bupdate\b[\s\S]{0,60}\bset\b|\bdelete from\b|syntax error at|relation "[^"]*" does not exist|violates [\w ]*constraint|duplicate key value|invalid input syntax|column "[^"]*"|PostgresError|DrizzleQueryError|Failed query/i;

/** The response text with every value the client sent removed (echoed input is not a leak). */
export function withoutEcho(text: string, sent: unknown[]): string {
  let t = text;
  const strings = new Set<string>();
  const walk = (v: unknown, d = 0) => {
    if (d > 8 || v == null) return;
    if (typeof v === "string") {
      if (v.length >= 4) {
        strings.add(v);
        strings.add(JSON.stringify(v).slice(1, -1));
      }
    } else if (Array.isArray(v)) v.slice(0, 50).forEach((x) => walk(x, d + 1));
    else if (typeof v === "object") for (const x of Object.values(v as object).slice(0, 50)) walk(x, d + 1);
  };
  sent.forEach((v) => walk(v));
  for (const s of [...strings].sort((a, b) => b.length - a.length)) t = t.split(s).join("");
  return t;
}
