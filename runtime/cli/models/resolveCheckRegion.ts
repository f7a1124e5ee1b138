import { stackNameOf } from "../../../stacks/parseStackName.ts";
import { SiloError } from "../../core/errors/siloError.ts";

/** Where the Region the tenants call Bedrock from was found. */
export interface CheckRegion {
  readonly region: string;
  /** `--region`, `Pulumi.<stack>.yaml (aws:region)`, `$AWS_REGION` or `$AWS_DEFAULT_REGION`. */
  readonly source: string;
}

/**
 * The Region `silo models check` checks from: `--region`, else the shared stack's `aws:region` (every tenant
 * stack takes the shared stack's Region, runtime/fleet/tenantStackConfig.ts; with `--environment staging`
 * the stack is `staging.shared`), else `$AWS_REGION`, else `$AWS_DEFAULT_REGION`. Throws
 * `MODELS_CHECK_REGION_MISSING` naming every place looked at.
 *
 * @example
 * await resolveCheckRegion({}, { readStackConfig: async () => ({ "aws:region": "eu-west-1" }), env: {} });
 * // { region: "eu-west-1", source: "Pulumi.shared.yaml (aws:region)" }
 */
export async function resolveCheckRegion(
  options: { readonly region?: string; readonly environment?: string },
  sources: {
    /** The `config:` of `Pulumi.<stackName>.yaml`, or undefined when there is none. */
    readonly readStackConfig: (stackName: string) => Promise<Record<string, string> | undefined>;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
): Promise<CheckRegion> {
  if (options.region !== undefined) return { region: options.region, source: "--region" };
  const stackName = stackNameOf({ kind: "shared", environmentQualifier: options.environment });
  const stackFile = `Pulumi.${stackName}.yaml`;
  const fromStack = (await sources.readStackConfig(stackName))?.["aws:region"];
  if (fromStack) return { region: fromStack, source: `${stackFile} (aws:region)` };
  for (const variable of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
    const value = sources.env[variable];
    if (value) return { region: value, source: `$${variable}` };
  }
  throw new SiloError(
    "MODELS_CHECK_REGION_MISSING",
    `no Region to check from: neither --region, nor aws:region in ${stackFile}, nor $AWS_REGION or ` +
      "$AWS_DEFAULT_REGION is set; pass the shared stack's Region, e.g. --region us-east-1",
  );
}
