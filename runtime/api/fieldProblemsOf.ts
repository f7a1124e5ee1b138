import type * as z from "zod";
import type { FieldProblem } from "../core/errors/requestValidationError.ts";

/**
 * The invalid fields of a failed parse, located as `<where>.<path>`. A union that refuses a value reports
 * one message for the whole union ("must be a string or an array of strings"), which hides the real
 * problem when the value had the right type for one branch: an array one item too long, an empty string
 * among the texts, a content part of an unknown type. So when exactly one branch took the value's type
 * (none of its issues is a wrong type), that branch's own issues are reported instead, at their own
 * paths; otherwise (a wrong type everywhere, or a value that is none of a branch's options) the union's
 * message stands, since it lists what may be sent.
 *
 * @example
 * fieldProblemsOf(schema.safeParse(body).error.issues, "body");
 * // [{ path: "body.input", message: "must hold at most 2048 texts; send several requests" }]
 */
export function fieldProblemsOf(issues: readonly z.core.$ZodIssue[], where: string): FieldProblem[] {
  return issues.flatMap((issue) =>
    problemsOf(issue, []).map((problem) => ({
      path: fieldPath(where, problem.path),
      message: problem.message,
    })),
  );
}

function problemsOf(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const typed = issue.errors.filter(
      (branch) =>
        branch.length > 0 &&
        !branch.some(
          (inner) =>
            inner.code === "invalid_type" || (inner.code === "invalid_value" && inner.path.length === 0),
        ),
    );
    const [branch] = typed;
    if (typed.length === 1 && branch) return branch.flatMap((inner) => problemsOf(inner, path));
  }
  return [{ path, message: issue.message }];
}

function fieldPath(where: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : `${text}.${String(part)}`),
    where,
  );
}
