import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import {
  type IdentityProfileName,
  identityProfiles,
  isIdentityProfileName,
  type TenantSource,
  tenantSources,
} from "../../authorizer/identity/identityProfiles.ts";
import { SiloError } from "../../core/errors/siloError.ts";

/** Where the shared stack's identity profile takes the tenant from, as `silo tenants validate` checks it. */
export interface IdentitySettings {
  readonly profile: IdentityProfileName;
  readonly tenantSource: TenantSource;
  /** Where the settings came from, for messages. */
  readonly source: string;
}

/**
 * The shared stack's identity profile and tenant source: from the flags when given, else from the shared
 * stack's config file (`silo:identityProfile`, `silo:tenantSource` in `Pulumi.shared.yaml`) when it exists,
 * else the `generic` profile. Throws `IDENTITY_SETTINGS_INVALID` naming the value and the choices.
 *
 * @example
 * await readIdentitySettings({ stackFile: "Pulumi.shared.yaml" }); // { profile: "clerk", tenantSource: "organization", ... }
 */
export async function readIdentitySettings(options: {
  readonly identityProfile?: string;
  readonly tenantSource?: string;
  readonly stackFile: string;
}): Promise<IdentitySettings> {
  const config = await readStackConfig(options.stackFile);
  const fromFile = config === undefined ? undefined : options.stackFile;
  const profile = options.identityProfile ?? config?.["silo:identityProfile"] ?? "generic";
  if (!isIdentityProfileName(profile)) {
    throw new SiloError(
      "IDENTITY_SETTINGS_INVALID",
      `identity profile ${JSON.stringify(profile)} is not one of ${Object.keys(identityProfiles).join(", ")}`,
    );
  }
  const tenantSource =
    options.tenantSource ?? config?.["silo:tenantSource"] ?? identityProfiles[profile].tenantSource;
  if (!(tenantSources as readonly string[]).includes(tenantSource)) {
    throw new SiloError(
      "IDENTITY_SETTINGS_INVALID",
      `tenant source ${JSON.stringify(tenantSource)} is not one of ${tenantSources.join(", ")}`,
    );
  }
  const source =
    options.identityProfile !== undefined ? "--identity-profile" : (fromFile ?? "the default profile");
  return { profile, tenantSource: tenantSource as TenantSource, source };
}

/** The `config:` map of a Pulumi stack file, or undefined when there is no such file. */
async function readStackConfig(file: string): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const document = parse(text) as { config?: Record<string, unknown> } | null;
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(document?.config ?? {})) {
    if (typeof value === "string") config[key] = value;
  }
  return config;
}
