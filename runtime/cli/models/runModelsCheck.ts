import { BedrockClient } from "@aws-sdk/client-bedrock";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../core/tenants/loadTenants.ts";
import { readStackFileConfig } from "../../plan/readStackFileConfig.ts";
import type { CliContext } from "../cliContext.ts";
import { usageExitCode } from "../usageExitCode.ts";
import { checkModels } from "./checkModels.ts";
import { fetchModelAvailability } from "./fetchModelAvailability.ts";
import { formatModelsCheckJson } from "./formatModelsCheckJson.ts";
import { formatModelsCheckText } from "./formatModelsCheckText.ts";
import { modelCheckTargets } from "./modelCheckTargets.ts";
import { type CheckRegion, resolveCheckRegion } from "./resolveCheckRegion.ts";

/** The options of `silo models check` (runtime/cli/models/modelsCheck.ts). */
export interface ModelsCheckOptions {
  readonly tenantsDir?: string;
  readonly region?: string;
  readonly environment?: string;
  readonly json?: boolean;
}

/**
 * The action of `silo models check`: loads the tenant files, resolves the Region, asks Bedrock's control
 * plane about every foundation model behind the tenants' Bedrock allowlists in every Region they use it
 * from, prints the report; exit code 1 when any model is not ready, 2 when no Region was given or found.
 */
export async function runModelsCheck(options: ModelsCheckOptions, context: CliContext): Promise<void> {
  const tenants = await loadTenantsOrThrow(options.tenantsDir ?? defaultTenantsDir());
  let where: CheckRegion;
  try {
    where = await resolveCheckRegion(options, {
      readStackConfig: (stackName) => readStackFileConfig(process.cwd(), stackName),
      env: process.env,
    });
  } catch (error) {
    if (!(error instanceof SiloError) || error.code !== "MODELS_CHECK_REGION_MISSING") throw error;
    context.err(`error [${error.code}]: ${error.message}\n`);
    context.exitCode = usageExitCode;
    return;
  }
  const plan = modelCheckTargets(tenants, where.region);
  const clients = new Map<string, BedrockClient>();
  const clientFor = (region: string): BedrockClient => {
    const client = clients.get(region) ?? new BedrockClient({ region });
    clients.set(region, client);
    return client;
  };
  try {
    const report = await checkModels(
      plan,
      { region: where.region, regionSource: where.source },
      (id, region) => fetchModelAvailability(clientFor(region), id, region),
    );
    context.out(options.json ? formatModelsCheckJson(report) : formatModelsCheckText(report));
    if (!report.ready) context.exitCode = 1;
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}
