import { SiloError } from "../errors/siloError.ts";
import { type ConfigProblem, formatProblem } from "./configProblem.ts";

/** Thrown when tenant files are invalid; carries every problem found, each located in its file. */
export class TenantConfigError extends SiloError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length;
    super(
      "TENANT_CONFIG_INVALID",
      `${count} problem${count === 1 ? "" : "s"} in tenant config:\n${problems.map(formatProblem).join("\n")}`,
    );
    this.problems = problems;
  }
}
