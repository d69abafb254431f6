/**
 * Argument validation (class-validator decorators on inputs), reporting each bad field by its full
 * path — "input.plate", "filter.from", "first" — as BAD_USER_INPUT.
 */
import { validate, type ValidationError } from "class-validator";
import { getNamedType, type GraphQLResolveInfo } from "graphql";
import type { ValidatorFn } from "type-graphql";
import { badInput } from "./errors.js";

function flatten(errors: ValidationError[], prefix: string, out: { field: string; message: string }[] = []) {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const m of Object.values(e.constraints ?? {})) out.push({ field: path, message: m.replace(new RegExp(`^${e.property} `), "") });
    if (e.children?.length) flatten(e.children, path, out);
  }
  return out;
}

function argNameFor(info: GraphQLResolveInfo, value: object): string {
  const field = info.parentType.getFields()[info.fieldName];
  const cls = (value as { constructor?: { name?: string } }).constructor?.name;
  const arg = field?.args.find((a) => getNamedType(a.type).name === cls);
  return arg?.name ?? "";
}

export const validateArgument: ValidatorFn = async (value, _type, { info }) => {
  if (value === null || typeof value !== "object") return;
  const items = Array.isArray(value) ? value.filter((v) => v !== null && typeof v === "object") : [value];
  const problems: { field: string; message: string }[] = [];
  for (const [i, item] of items.entries()) {
    // Only instances of input classes carry validation rules (JSON scalars are plain or null-prototype objects).
    const proto = Object.getPrototypeOf(item);
    if (proto === null || proto === Object.prototype) continue;
    const errors = await validate(item as object, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
    if (errors.length) {
      const base = argNameFor(info, item as object);
      flatten(errors, Array.isArray(value) ? `${base}[${i}]` : base, problems);
    }
  }
  if (problems.length) throw badInput(problems);
};
