import { SiloError } from "../../core/errors/siloError.ts";

/** How the operator confirmed, or can confirm, an offboarding. */
export interface ConfirmOffboardingArgs {
  readonly tenantId: string;
  /** The qualified stack being offboarded (`staging.tenant-acme`), named in the prompt. @default the tenant's unqualified stack, not named */
  readonly stackName?: string;
  /** The value of `--yes-i-mean`. */
  readonly confirmedId?: string;
  /** Whether a person can be asked: a TTY, and not CI. */
  readonly interactive: boolean;
  /** Asks a question on the terminal and returns the answer. */
  readonly ask: (question: string) => Promise<string>;
}

/**
 * Offboarding destroys a tenant's silo, so the operator must name the tenant: `--yes-i-mean <id>`, or typing
 * the id at the prompt. Without a terminal (CI=true, or stdin not a TTY) and without the flag, it refuses
 * rather than guess (`OFFBOARD_NOT_CONFIRMED`).
 *
 * @example
 * await confirmOffboarding({ tenantId: "acme", confirmedId: "acme", interactive: false, ask });
 */
export async function confirmOffboarding(args: ConfirmOffboardingArgs): Promise<void> {
  const { tenantId } = args;
  if (args.confirmedId !== undefined) {
    if (args.confirmedId === tenantId) return;
    throw new SiloError(
      "OFFBOARD_NOT_CONFIRMED",
      `--yes-i-mean ${args.confirmedId} does not name the tenant being offboarded (${tenantId}); nothing was done`,
    );
  }
  if (!args.interactive) {
    throw new SiloError(
      "OFFBOARD_NOT_CONFIRMED",
      `offboarding ${tenantId} destroys its stack and there is no terminal to confirm on (CI, or stdin is not a TTY); ` +
        `pass --yes-i-mean ${tenantId} to confirm`,
    );
  }
  const answer = (
    await args.ask(
      `This destroys the silo of tenant ${tenantId}${args.stackName ? ` (stack ${args.stackName})` : ""} after snapshot and export. Type the tenant id to go on: `,
    )
  ).trim();
  if (answer !== tenantId) {
    throw new SiloError("OFFBOARD_NOT_CONFIRMED", `"${answer}" is not ${tenantId}; nothing was done`);
  }
}
