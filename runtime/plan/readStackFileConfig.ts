import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { SiloError } from "../core/errors/siloError.ts";

/** What the plan shows instead of a `secure:` value of a stack file: it cannot decrypt it. */
export const secretPlaceholder = "[secret]";

/**
 * The `config:` of `<projectDir>/Pulumi.<stack>.yaml` as `namespace:key` to text, or undefined when the
 * stack has no file. Secure values become {@link secretPlaceholder}; structured values become JSON text, as
 * `pulumi config get` prints them.
 */
export async function readStackFileConfig(
  projectDir: string,
  stackName: string,
): Promise<Record<string, string> | undefined> {
  const file = join(projectDir, `Pulumi.${stackName}.yaml`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new SiloError("PLAN_CONFIG_INVALID", `${file} is not valid YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new SiloError("PLAN_CONFIG_INVALID", `${file}: config must be a map of key: value; fix the file`);
  }
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, configText(value)]));
}

function configText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "secure" in value) return secretPlaceholder;
  return JSON.stringify(value);
}
