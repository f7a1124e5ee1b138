import { join } from "node:path";
import { SiloError } from "../core/errors/siloError.ts";

/** What {@link checkPrerequisites} looks at; the default reads the real machine (probePrerequisites.ts). */
export interface PrerequisiteProbes {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** `pulumi version`'s answer, or undefined when the CLI is not on PATH. */
  pulumiVersion(): Promise<string | undefined>;
  /** A file's text, or undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
}

/**
 * Checks up front what every Pulumi run needs, so a missing piece fails at once with its fix instead of
 * inside the first stack: the Pulumi CLI on PATH, a state backend (`PULUMI_ACCESS_TOKEN`,
 * `PULUMI_BACKEND_URL`, or a `pulumi login`), and AWS credentials (keys, a profile, SSO, web identity or a
 * container role). An EC2 instance role cannot be seen without a network call: set
 * `SILO_AWS_CREDENTIALS=instance-role` to vouch for one. Reports every missing piece at once
 * (`PREREQUISITES_MISSING`) and returns the Pulumi CLI version.
 *
 * @example
 * const version = await checkPrerequisites(probePrerequisites());
 */
export async function checkPrerequisites(probes: PrerequisiteProbes): Promise<string> {
  const { env } = probes;
  const missing: string[] = [];
  const version = await probes.pulumiVersion();
  if (version === undefined) {
    missing.push(
      "the Pulumi CLI is not on PATH; install it (https://www.pulumi.com/docs/iac/download-install/, e.g. curl -fsSL https://get.pulumi.com | sh) and open a new shell",
    );
  }
  if (!env.PULUMI_ACCESS_TOKEN && !env.PULUMI_BACKEND_URL && !(await loggedIn(probes))) {
    missing.push(
      "no Pulumi state backend: run pulumi login (Pulumi Cloud, s3://<bucket>, file://<dir>), or set PULUMI_ACCESS_TOKEN or PULUMI_BACKEND_URL",
    );
  }
  if (!(await hasAwsCredentials(probes))) {
    missing.push(
      "no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; " +
        "on an EC2 instance role set SILO_AWS_CREDENTIALS=instance-role",
    );
  }
  if (missing.length > 0) {
    throw new SiloError(
      "PREREQUISITES_MISSING",
      `cannot run Pulumi here:\n${missing.map((line) => `- ${line}`).join("\n")}`,
    );
  }
  return version ?? "";
}

async function loggedIn(probes: PrerequisiteProbes): Promise<boolean> {
  const home = probes.env.PULUMI_HOME ?? join(probes.homeDir, ".pulumi");
  const text = await probes.readText(join(home, "credentials.json"));
  if (text === undefined) return false;
  try {
    const current = (JSON.parse(text) as { current?: unknown }).current;
    return typeof current === "string" && current !== "";
  } catch {
    return false;
  }
}

async function hasAwsCredentials(probes: PrerequisiteProbes): Promise<boolean> {
  const { env } = probes;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  if (env.SILO_AWS_CREDENTIALS === "instance-role") return true;
  const profile = env.AWS_PROFILE ?? "default";
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(probes.homeDir, ".aws", "credentials"),
    env.AWS_CONFIG_FILE ?? join(probes.homeDir, ".aws", "config"),
  ];
  for (const file of files) {
    const text = await probes.readText(file);
    const section =
      profile === "default"
        ? /^\[(profile )?default\]/m
        : new RegExp(`^\\[(profile )?${escapeRegExp(profile)}\\]`, "m");
    if (text !== undefined && section.test(text)) return true;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
