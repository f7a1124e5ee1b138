import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import type { tiers } from "../../../tenants/tiers.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { formatProblem } from "../../core/tenants/configProblem.ts";
import { parseTenantFile } from "../../core/tenants/parseTenantFile.ts";
import { renderTenantTemplate } from "../../core/tenants/renderTenantTemplate.ts";
import type { CliContext } from "../cliContext.ts";

/** The options of `silo tenants new`, as parsed. */
export interface TenantsNewOptions {
  dir: string;
  tier: (typeof tiers)[number];
  displayName?: string;
  ownerEmail?: string;
}

/**
 * The action of `silo tenants new` (runtime/cli/commands/tenantsNew.ts): renders the template, validates
 * it, and writes `<dir>/<id>.yaml` unless it exists.
 */
export async function runTenantsNew(
  id: string,
  options: TenantsNewOptions,
  context: CliContext,
): Promise<void> {
  if (!isTenantId(id)) {
    throw new SiloError("TENANT_ID_INVALID", `"${id}" is not a valid tenant id: use ${tenantIdRule}`);
  }
  const file = join(options.dir, `${id}.yaml`);
  const text = renderTenantTemplate({
    id,
    tier: options.tier,
    displayName: options.displayName,
    ownerEmail: options.ownerEmail,
  });
  // Validate before writing, so a bad --owner-email or --display-name leaves nothing behind.
  const result = parseTenantFile(file, text);
  if (!result.ok) {
    throw new SiloError(
      "TENANT_TEMPLATE_INVALID",
      `the options given make an invalid tenant file; nothing was written:\n${result.problems.map(formatProblem).join("\n")}`,
    );
  }
  await mkdir(options.dir, { recursive: true });
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new SiloError(
        "TENANT_FILE_EXISTS",
        `${file} already exists; edit it, or delete it first to start from the template`,
        { cause: error },
      );
    }
    throw error;
  }
  context.out(`created ${file} (tier ${options.tier})\n`);
  context.err(`next: edit the placeholders, then run: npx silo tenants validate --dir ${options.dir}\n`);
}
