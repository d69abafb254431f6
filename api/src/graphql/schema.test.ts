import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { isInputObjectType, isInterfaceType, isObjectType, printSchema } from "graphql";
import { SCHEMA_FILE_PATH } from "../test/paths.js";
import { buildAppSchema } from "./schema.js";

describe("schema", () => {
  it("api/schema.graphql is up to date (run: cd api && npx tsc -p tsconfig.json && node dist/emit-schema.js)", async () => {
    const schema = await buildAppSchema();
    expect(fs.readFileSync(SCHEMA_FILE_PATH, "utf8")).toBe(printSchema(schema) + "\n");
  });

  it("describes every type and field for third parties, in Chinese and English", async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (t.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(t.name)) continue;
      if (!t.description?.trim()) missing.push(t.name);
      if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
        for (const f of Object.values(t.getFields())) if (!f.description?.trim()) missing.push(`${t.name}.${f.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has no root field defined twice (type-graphql would silently keep only one)", async () => {
    await buildAppSchema();
    const { getMetadataStorage } = await import("type-graphql");
    const storage = getMetadataStorage();
    for (const [kind, list] of [["Query", storage.queries], ["Mutation", storage.mutations], ["Subscription", storage.subscriptions]] as const) {
      const seen = new Map<string, string>();
      const dups: string[] = [];
      for (const r of list) {
        const owner = (r.target as { name?: string }).name ?? "?";
        const prev = seen.get(r.schemaName);
        if (prev && prev !== owner) dups.push(`${kind}.${r.schemaName}: ${prev} and ${owner}`);
        seen.set(r.schemaName, owner);
      }
      expect(dups).toEqual([]);
    }
  });

  it("gives every root field exactly one access rule", async () => {
    const schema = await buildAppSchema();
    const without: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const f of Object.values(root?.getFields() ?? {})) if (typeof f.extensions?.access !== "string") without.push(`${root!.name}.${f.name}`);
    }
    expect(without).toEqual([]);
  });
});
