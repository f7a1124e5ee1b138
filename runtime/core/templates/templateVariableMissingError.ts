import { SiloError } from "../errors/siloError.ts";

/**
 * A render was asked for without a value for every variable the template uses. Carries each missing
 * variable as a field (`body.variables.<name>`), so the problem response locates every one at once.
 */
export class TemplateVariableMissingError extends SiloError {
  readonly missing: readonly string[];
  readonly fields: ReadonlyArray<{ readonly path: string; readonly message: string }>;

  constructor(missing: readonly string[]) {
    super(
      "TEMPLATE_VARIABLE_MISSING",
      `the template uses ${missing.length === 1 ? "a variable" : "variables"} with no value: ${missing.join(", ")}; pass ${missing.length === 1 ? "it" : "each"} in variables`,
    );
    this.missing = missing;
    this.fields = missing.map((name) => ({
      path: `body.variables.${name}`,
      message: `is missing: the template uses {{${name}}}`,
    }));
  }
}
