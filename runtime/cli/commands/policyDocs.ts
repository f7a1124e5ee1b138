import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PolicyPackConfig } from "@pulumi/policy";
import type { Command } from "commander";
import { type PolicyProfileName, policyProfileNames } from "../../../policies/profiles/policyProfileNames.ts";
import type { CliContext } from "../cliContext.ts";

/** The catalogue's place in the repository; `npm test` fails when it differs from the rules. */
export const policyCatalogueFile = fileURLToPath(new URL("../../../docs/policies.md", import.meta.url));

interface PolicyDocsOptions {
  out?: string;
  check?: boolean;
}

/**
 * `silo policy docs [--out FILE] [--check]`: writes the policy catalogue (docs/policies.md) from the rules'
 * metadata and the profiles; with `--check`, writes nothing and exits 1 when the file is stale.
 */
export function registerPolicyDocs(policy: Command, context: CliContext): void {
  policy
    .command("docs")
    .description("write the policy catalogue (docs/policies.md) from the rules' metadata and the profiles")
    .option("--out <file>", "write the catalogue to FILE", policyCatalogueFile)
    .option("--check", "write nothing; exit 1 when FILE differs from the rules (for CI)")
    .action(async (options: PolicyDocsOptions) => {
      const file = options.out ?? policyCatalogueFile;
      // The rules load @pulumi/aws: only when the command runs, so `silo` starts fast.
      const { policyCatalogue } = await import("../../../policies/catalogue.ts");
      const { loadPolicyProfile } = await import("../../../policies/profiles/loadPolicyProfile.ts");
      const { allRules } = await import("../../../policies/rules/allRules.ts");
      const profiles = Object.fromEntries(
        await Promise.all(
          policyProfileNames.map(async (name) => [name, await loadPolicyProfile(name)] as const),
        ),
      ) as Record<PolicyProfileName, PolicyPackConfig>;
      const catalogue = policyCatalogue(allRules, profiles);
      if (options.check) {
        const written = await readFile(file, "utf8").catch(() => "");
        if (written === catalogue) {
          context.out(`${file} is up to date (${allRules.length} rules)\n`);
        } else {
          context.err(`${file} is stale: regenerate it with: silo policy docs\n`);
          context.exitCode = 1;
        }
        return;
      }
      await writeFile(file, catalogue);
      context.out(`wrote ${file} (${allRules.length} rules)\n`);
    });
}
