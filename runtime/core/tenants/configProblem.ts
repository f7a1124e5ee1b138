/** One thing wrong with a tenant file, located so an editor can jump to it. */
export interface ConfigProblem {
  /** Path of the file as given to the loader. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Dotted path of the field, e.g. `models.allowlist[1].provider`; `(file)` for whole-file problems. */
  readonly field: string;
  /** What is wrong, naming the value, and what to write instead. */
  readonly message: string;
}

/**
 * Formats a problem as `FILE:LINE:COLUMN field: message`, the shape editors and CI annotations understand.
 *
 * @example
 * formatProblem({ file: "tenants/acme.yaml", line: 4, column: 7, field: "tier", message: "..." });
 * // "tenants/acme.yaml:4:7 tier: ..."
 */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.field}: ${problem.message}`;
}

/** Renders a zod/YAML path as the dotted field name users see: `models.allowlist[1].key`. */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(file)";
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join("");
}
