/**
 * Errors from the API as form-field messages: a mutation's `userErrors { field message code }` and a
 * BAD_USER_INPUT error's `extensions.fields` ({ field, message }[] or { [field]: message }).
 */
import { CombinedGraphQLErrors } from "@apollo/client";

/** field path (as the API names it, e.g. "input.plate") → messages; "" for errors without a field. */
export type ApiFieldErrors = Record<string, string[]>;

interface UserErrorLike {
  field?: string | null;
  message: string;
}

export function errorFields(source: { userErrors?: readonly UserErrorLike[] | null } | readonly UserErrorLike[] | unknown): ApiFieldErrors {
  const out: ApiFieldErrors = {};
  const add = (field: string | null | undefined, message: string) => {
    const k = field ?? "";
    (out[k] ??= []).push(message);
  };
  if (Array.isArray(source)) {
    for (const e of source as UserErrorLike[]) add(e.field, e.message);
    return out;
  }
  if (source && typeof source === "object" && "userErrors" in source && Array.isArray((source as { userErrors: unknown }).userErrors)) {
    for (const e of (source as { userErrors: UserErrorLike[] }).userErrors) add(e.field, e.message);
    return out;
  }
  if (CombinedGraphQLErrors.is(source)) {
    for (const e of source.errors) {
      const fields = e.extensions?.fields as unknown;
      if (Array.isArray(fields)) for (const f of fields as { field?: string; message?: string }[]) add(f.field, f.message ?? e.message);
      else if (fields && typeof fields === "object") for (const [k, v] of Object.entries(fields as Record<string, unknown>)) add(k, String(v));
      else add(null, e.message);
    }
    return out;
  }
  if (source instanceof Error) add(null, source.message);
  return out;
}

export function errorMessage(e: unknown): string {
  if (CombinedGraphQLErrors.is(e)) return e.errors.map((x) => x.message).join("; ");
  if (e instanceof Error) return e.message;
  return String(e);
}
