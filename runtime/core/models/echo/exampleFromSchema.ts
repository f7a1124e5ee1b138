import { exampleNumber } from "./exampleNumber.ts";
import { exampleString } from "./exampleString.ts";

/** A value valid against the schema, or where and why none could be built. */
export type SchemaExample =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      /** The instance location as a JSON pointer, e.g. `/steps/0/output` ("" for the root). */
      readonly path: string;
      readonly problem: string;
    };

/**
 * A deterministic, minimal instance of a JSON Schema (draft-07 or 2020-12): the echo provider's answer under
 * `json_schema` and its tool-call arguments. Required properties only; `const`, then the first `enum`
 * value; strings are `text` (fitted to `minLength`/`maxLength`), a format's example or a `pattern`'s
 * example; numbers the value nearest 0 within the bounds and `multipleOf`; booleans `false`; arrays
 * `minItems` items; `anyOf`/`oneOf` and type lists take the first branch that is not `null` and does not
 * recurse into a `$ref` already being built (so recursive schemas end); `allOf` is merged; local `$ref`s
 * (`#/$defs/...`, `#/definitions/...`) are resolved. No randomness, so the same schema always gives the
 * same value.
 *
 * @example
 * exampleFromSchema({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }, "hi");
 * // { ok: true, value: { city: "hi" } }
 */
export function exampleFromSchema(schema: unknown, text: string): SchemaExample {
  try {
    return { ok: true, value: generate(schema, { root: schema, text, refs: [], built: { values: 0 } }, "") };
  } catch (error) {
    if (error instanceof Impossible) return { ok: false, path: error.path, problem: error.problem };
    if (error instanceof Recursion) {
      return { ok: false, path: error.path, problem: `$ref "${error.ref}" requires itself without end` };
    }
    throw error;
  }
}

/** The most array items built, so a schema cannot make the local provider build a huge answer. */
export const maxExampleItems = 1_000;

/** The most values built in all (nested `minItems` multiply), for the same reason. */
export const maxExampleValues = 10_000;

type Schema = Readonly<Record<string, unknown>>;

interface Walk {
  readonly root: unknown;
  readonly text: string;
  /** The `$ref`s being built around the current location, to stop at the first re-entry. */
  readonly refs: readonly string[];
  /** How many values have been built so far, shared by the whole walk. */
  readonly built: { values: number };
}

class Impossible extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

class Recursion extends Error {
  constructor(
    readonly path: string,
    readonly ref: string,
  ) {
    super(ref);
  }
}

function generate(schema: unknown, walk: Walk, path: string): unknown {
  walk.built.values += 1;
  if (walk.built.values > maxExampleValues) {
    throw new Impossible(
      path,
      `the schema needs more than the ${maxExampleValues} values the echo provider builds`,
    );
  }
  if (schema === true) return walk.text;
  if (schema === false) throw new Impossible(path, "the schema is `false`, so no value is valid");
  if (!isSchema(schema)) throw new Impossible(path, "the schema is not an object or a boolean");
  if (typeof schema.$ref === "string") {
    const { $ref, ...siblings } = schema;
    if (walk.refs.includes($ref)) throw new Recursion(path, $ref);
    const target = resolveRef(walk.root, $ref, path);
    return generate(merge(target, siblings), { ...walk, refs: [...walk.refs, $ref] }, path);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length === 0) throw new Impossible(path, "`enum` is empty");
    return schema.enum[0];
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const members = allOf.map((member) => dereference(member, walk.root, path));
    return generate(members.reduce<Schema>(merge, rest), walk, path);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    return firstThatWorks(preferNotNull(branches), path, (branch) =>
      generate(isSchema(branch) ? merge(rest, branch) : branch, walk, path),
    );
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? impliedType(schema)];
  return firstThatWorks(preferNotNull(types), path, (type) =>
    generateOfType(String(type), schema, walk, path),
  );
}

function generateOfType(type: string, schema: Schema, walk: Walk, path: string): unknown {
  switch (type) {
    case "object":
      return generateObject(schema, walk, path);
    case "array":
      return generateArray(schema, walk, path);
    case "string":
      return orImpossible(exampleString(schema, walk.text), path);
    case "number":
    case "integer":
      return orImpossible(exampleNumber(schema, type === "integer"), path);
    case "boolean":
      return false;
    case "null":
      return null;
    case "any":
      return walk.text;
    default:
      throw new Impossible(path, `unknown type "${type}"`);
  }
}

function generateObject(schema: Schema, walk: Walk, path: string): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  const optional = Object.keys(properties).filter((key) => !required.includes(key));
  const keys = [...required, ...optional.slice(0, Math.max(0, minProperties - required.length))];
  if (keys.length < minProperties) {
    throw new Impossible(path, `needs ${minProperties} properties but the schema names only ${keys.length}`);
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const propertyPath = `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const propertySchema =
      properties[key] ?? patternPropertySchema(schema, key) ?? schema.additionalProperties;
    if (propertySchema === false) throw new Impossible(propertyPath, `"${key}" is required but not allowed`);
    result[key] = generate(propertySchema ?? true, walk, propertyPath);
  }
  return result;
}

function patternPropertySchema(schema: Schema, key: string): unknown {
  if (!isSchema(schema.patternProperties)) return undefined;
  const entry = Object.entries(schema.patternProperties).find(([pattern]) =>
    new RegExp(pattern, "u").test(key),
  );
  return entry?.[1];
}

function generateArray(schema: Schema, walk: Walk, path: string): unknown[] {
  // 2020-12 tuples use `prefixItems` (+ `items` for the rest); draft-07 tuples use an `items` array.
  const prefix = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const rest = Array.isArray(schema.items) ? (schema.additionalItems ?? true) : (schema.items ?? true);
  const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
  if (minItems > maxExampleItems) {
    throw new Impossible(
      path,
      `minItems ${minItems} is more than the ${maxExampleItems} items the echo provider builds`,
    );
  }
  const items: unknown[] = [];
  for (let index = 0; index < minItems; index += 1) {
    const itemPath = `${path}/${index}`;
    const itemSchema = index < prefix.length ? prefix[index] : rest;
    if (itemSchema === false)
      throw new Impossible(itemPath, `needs ${minItems} items but allows ${prefix.length}`);
    // Unique items need distinct strings; other minimal items are identical, which the check below refuses.
    const itemText = schema.uniqueItems === true && index > 0 ? `${walk.text} ${index + 1}` : walk.text;
    items.push(generate(itemSchema, { ...walk, text: itemText }, itemPath));
  }
  if (schema.uniqueItems === true && new Set(items.map((item) => JSON.stringify(item))).size < items.length) {
    throw new Impossible(path, `needs ${minItems} unique items but the minimal items are equal`);
  }
  return items;
}

/** The type a schema without `type` implies by its keywords; `any` when none. */
function impliedType(schema: Schema): string {
  if ("properties" in schema || "required" in schema || "additionalProperties" in schema) return "object";
  if ("items" in schema || "prefixItems" in schema || "minItems" in schema) return "array";
  if ("minLength" in schema || "maxLength" in schema || "pattern" in schema || "format" in schema)
    return "string";
  if ("minimum" in schema || "maximum" in schema || "multipleOf" in schema) return "number";
  return "any";
}

function resolveRef(root: unknown, ref: string, path: string): unknown {
  if (!ref.startsWith("#"))
    throw new Impossible(path, `$ref "${ref}" is not local; only "#/..." refs are resolved`);
  let target: unknown = root;
  for (const token of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
    target = isSchema(target) ? target[key] : undefined;
    if (target === undefined) throw new Impossible(path, `$ref "${ref}" points to nothing`);
  }
  return target;
}

/** A schema with its own top-level `$ref` replaced by the target, for merging into `allOf`. */
function dereference(schema: unknown, root: unknown, path: string): Schema {
  if (!isSchema(schema)) return {};
  if (typeof schema.$ref !== "string") return schema;
  const { $ref, ...siblings } = schema;
  return merge(dereference(resolveRef(root, $ref, path), root, path), siblings);
}

/** Two schemas' constraints together: properties and required lists united, other keywords of `b` win. */
function merge(a: unknown, b: Schema): Schema {
  const base = isSchema(a) ? a : {};
  const properties = {
    ...(isSchema(base.properties) ? base.properties : {}),
    ...(isSchema(b.properties) ? b.properties : {}),
  };
  const required = [
    ...new Set([
      ...(Array.isArray(base.required) ? base.required : []),
      ...(Array.isArray(b.required) ? b.required : []),
    ]),
  ];
  const merged: Record<string, unknown> = { ...base, ...b };
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = required;
  return merged;
}

/** Options in order, those that are not `null` (a type name or a `{ type: "null" }` branch) first. */
function preferNotNull<T>(options: readonly T[]): T[] {
  const isNull = (option: T) => option === "null" || (isSchema(option) && option.type === "null");
  return [...options.filter((option) => !isNull(option)), ...options.filter(isNull)];
}

/** The first option that builds; if none does, the first option's failure. */
function firstThatWorks<T>(options: readonly T[], path: string, build: (option: T) => unknown): unknown {
  let firstFailure: unknown;
  for (const option of options) {
    try {
      return build(option);
    } catch (error) {
      if (!(error instanceof Impossible || error instanceof Recursion)) throw error;
      firstFailure ??= error;
    }
  }
  throw firstFailure ?? new Impossible(path, "`anyOf`, `oneOf` or `type` offers no option");
}

function orImpossible<T>(example: { readonly value: T } | { readonly problem: string }, path: string): T {
  if ("problem" in example) throw new Impossible(path, example.problem);
  return example.value;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
