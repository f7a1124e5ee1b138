import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: its default import is the plugin itself, though its typings say `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const draft07 = addFormats(new Ajv({ strict: false, allErrors: true }));
const draft2020 = addFormats(new Ajv2020({ strict: false, allErrors: true }));

/**
 * A validator for a schema, in the draft it declares (2020-12 when `$schema` says so, draft-07 otherwise),
 * with the standard formats checked, so the tests prove outputs against the same rules real clients use.
 */
export function schemaValidator(schema: unknown): ValidateFunction {
  const declared =
    typeof schema === "object" && schema !== null ? (schema as { $schema?: unknown }).$schema : "";
  const ajv = String(declared).includes("2020-12") ? draft2020 : draft07;
  return ajv.compile(schema as object);
}

/** The validator's errors for `value`, `[]` when it is valid: an assertion-friendly form. */
export function schemaErrors(schema: unknown, value: unknown): unknown[] {
  const validate = schemaValidator(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
