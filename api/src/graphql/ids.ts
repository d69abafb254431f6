import { GraphQLError } from "graphql";

/** Global opaque IDs: base64url("Type:id"). */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function parseGlobalId(globalId: string): { type: string; id: string } | null {
  if (typeof globalId !== "string" || globalId.length === 0 || globalId.length > 200) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(globalId, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const i = decoded.indexOf(":");
  if (i <= 0) return null;
  const type = decoded.slice(0, i);
  const id = decoded.slice(i + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(type) || !/^[0-9]{1,18}$/.test(id)) return null;
  return { type, id };
}

/**
 * Decodes a global ID that must name an entity of `type`; throws BAD_USER_INPUT naming `field` otherwise.
 */
export function idOf(type: string | readonly string[], globalId: string, field = "id"): number {
  const parsed = parseGlobalId(globalId);
  const types = typeof type === "string" ? [type] : type;
  if (!parsed || !types.includes(parsed.type)) {
    throw new GraphQLError(`${field}: not a valid ${types.join("/")} ID`, {
      extensions: { code: "BAD_USER_INPUT", fields: [{ field, message: `not a valid ${types.join("/")} ID` }] },
    });
  }
  const n = Number(parsed.id);
  if (!Number.isSafeInteger(n) || n > 2_147_483_647) {
    throw new GraphQLError(`${field}: ID out of range`, { extensions: { code: "BAD_USER_INPUT", fields: [{ field, message: "ID out of range" }] } });
  }
  return n;
}

/** Like idOf for optional inputs. */
export function optionalIdOf(type: string | readonly string[], globalId: string | null | undefined, field = "id"): number | undefined {
  return globalId == null ? undefined : idOf(type, globalId, field);
}
