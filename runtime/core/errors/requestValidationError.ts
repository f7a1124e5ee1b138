import { SiloError } from "./siloError.ts";

/** One invalid field of a request, located as `body.messages[0].content`, `query.limit` or `path.id`. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A request did not hold what it must: a field the route's schema refuses, or a value only the domain can
 * judge (a cursor that was not issued for this list). Carries every invalid field.
 */
export class RequestValidationError extends SiloError {
  readonly fields: readonly FieldProblem[];

  constructor(fields: readonly FieldProblem[]) {
    const first = fields[0];
    super(
      "VALIDATION_FAILED",
      fields.length === 1 && first
        ? `${first.path} ${first.message}`
        : `${fields.length} fields are invalid; see errors for each`,
    );
    this.fields = fields;
  }
}
