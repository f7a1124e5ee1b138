import { SiloError } from "../core/errors/siloError.ts";

/** How the operator confirmed, or can confirm, a destructive action on one tenant. */
export interface ConfirmTenantActionArgs {
  readonly tenantId: string;
  /** What is about to happen, for the prompt and the refusal: "replaces the database of tenant acme". */
  readonly action: string;
  /** The value of `--yes-i-mean`. */
  readonly confirmedId?: string;
  /** Whether a person can be asked: a TTY, and not CI. */
  readonly interactive: boolean;
  /** Asks a question on the terminal and returns the answer. */
  readonly ask: (question: string) => Promise<string>;
}

/**
 * A destructive action on a tenant goes on only once the operator names the tenant: `--yes-i-mean <id>`, or
 * typing the id at the prompt. Without a terminal and without the flag it refuses (`NOT_CONFIRMED`).
 *
 * @example
 * await confirmTenantAction({ tenantId: "acme", action: "replaces acme's database", confirmedId: "acme", interactive: false, ask });
 */
export async function confirmTenantAction(args: ConfirmTenantActionArgs): Promise<void> {
  const { tenantId } = args;
  if (args.confirmedId !== undefined) {
    if (args.confirmedId === tenantId) return;
    throw new SiloError(
      "NOT_CONFIRMED",
      `--yes-i-mean ${args.confirmedId} does not name the tenant (${tenantId}); nothing was done`,
    );
  }
  if (!args.interactive) {
    throw new SiloError(
      "NOT_CONFIRMED",
      `this ${args.action} and there is no terminal to confirm on (CI, or stdin is not a TTY); pass --yes-i-mean ${tenantId} to confirm`,
    );
  }
  const answer = (await args.ask(`This ${args.action}. Type the tenant id to go on: `)).trim();
  if (answer !== tenantId) {
    throw new SiloError("NOT_CONFIRMED", `"${answer}" is not ${tenantId}; nothing was done`);
  }
}
