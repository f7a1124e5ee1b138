/**
 * A value valid against a simple JSON Schema, always the same for the same schema: the first `enum` or
 * `const`, "example" for strings, 1 for numbers, true for booleans, one example item for arrays, and every
 * property of an object (so `required` and strict mode's `additionalProperties: false` both hold). Enough
 * for the schemas tests give tools and structured output; `$ref`, `oneOf` and formats are not resolved.
 *
 * @example
 * exampleFromSchema({ type: "object", properties: { city: { type: "string" } } }); // { city: "example" }
 */
export function exampleFromSchema(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return null;
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if ("const" in node) return node.const;
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) return exampleFromSchema(alternatives[0]);
  const type = Array.isArray(node.type) ? node.type.find((candidate) => candidate !== "null") : node.type;
  switch (type) {
    case "string":
      return "example";
    case "number":
    case "integer":
      return typeof node.minimum === "number" ? node.minimum : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return [exampleFromSchema(node.items)];
    default: {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, value]) => [name, exampleFromSchema(value)]),
      );
    }
  }
}
