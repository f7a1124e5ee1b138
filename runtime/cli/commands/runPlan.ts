import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { allRules } from "../../../policies/rules/allRules.ts";
import { parseStackName, stackNameOf } from "../../../stacks/parseStackName.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../core/tenants/loadTenants.ts";
import { formatPlanJson } from "../../plan/formats/formatPlanJson.ts";
import { formatPlanMarkdown } from "../../plan/formats/formatPlanMarkdown.ts";
import { formatPlanSarif } from "../../plan/formats/formatPlanSarif.ts";
import { formatPlanText } from "../../plan/formats/formatPlanText.ts";
import { describeCounts, planCounts } from "../../plan/formats/planSummary.ts";
import { quotaBreaches } from "../../plan/formats/quotaReportLines.ts";
import { parseConfigArguments } from "../../plan/planStackConfig.ts";
import { planStackNames } from "../../plan/planStackNames.ts";
import { type PlanReport, type PlanTarget, planStacks } from "../../plan/planStacks.ts";
import { readStackFileConfig } from "../../plan/readStackFileConfig.ts";
import { type SyntheticGroup, syntheticTenants } from "../../plan/synthetic/syntheticTenants.ts";
import type { CliContext } from "../cliContext.ts";
import type { PlanOptions } from "./planOptions.ts";

const formatters: Record<PlanOptions["format"], (report: PlanReport) => string> = {
  text: formatPlanText,
  json: formatPlanJson,
  sarif: (report) => formatPlanSarif(report, allRules),
  markdown: formatPlanMarkdown,
};

/** What `silo plan` does once its options are parsed (the command is in plan.ts). */
export async function runPlan(options: PlanOptions, context: CliContext): Promise<void> {
  const tenantsDir = options.tenantsDir ?? defaultTenantsDir();
  const synthetic = syntheticGroups(options);
  const fileTenants = options.syntheticOnly ? [] : await loadTenantsOrThrow(tenantsDir);
  const tenants = [...fileTenants, ...synthetic.map((group) => group.tenant)];
  const targets = [
    ...planTargets(options, fileTenants, tenantsDir),
    // One program per tenant shape, standing for every synthetic tenant of that shape in the quota report:
    // tenants of one shape create the same resources, and 1,000 full programs would take many minutes.
    ...synthetic.map((group) => ({
      stackName: stackNameOf({
        kind: "tenant",
        tenantId: group.tenant.id,
        environmentQualifier: options.environment,
      }),
      program: { kind: "project" as const },
      source: "stacks/tenant.ts",
      tenants: group.count,
    })),
  ];
  const projectDir = process.cwd();
  const stackFiles: Record<string, Record<string, string>> = {};
  for (const target of targets) {
    const stackFile = await readStackFileConfig(projectDir, target.stackName);
    if (stackFile !== undefined) stackFiles[target.stackName] = stackFile;
  }
  const report = await planStacks({
    targets,
    tenants,
    tenantsDir,
    stackFiles,
    overrides: parseConfigArguments(options.config),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    onProgress: (event) => {
      if (targets.length < 2 || event.kind !== "finished") return;
      const counts = planCounts([event.stack]);
      const verdict =
        (counts.mandatory + counts.advisory === 0
          ? "no violations"
          : `${counts.mandatory} mandatory, ${counts.advisory} advisory`) +
        (counts.nameFindings === 0 ? "" : `, ${counts.nameFindings} name(s) AWS would refuse`);
      context.err(
        `[${event.index + 1}/${event.total}] ${event.stack.name}: ${counts.resources} resources, ${verdict} ` +
          `(${(event.stack.durationMs / 1000).toFixed(1)} s)\n`,
      );
    },
  });
  const text = formatters[options.format](report);
  const counts = planCounts(report.stacks);
  const breaches = quotaBreaches(report.quotas);
  if (options.out === undefined) {
    context.out(text);
  } else {
    await writeFile(options.out, text);
    const quotas =
      breaches.length === 0
        ? ""
        : `; ${breaches.length} quota breach(es): ${breaches.map((usage) => usage.name).join(", ")}`;
    context.out(`wrote ${options.out} (${options.format}): ${describeCounts(counts)}${quotas}\n`);
  }
  if (synthetic.length > 0) {
    context.err(
      `${report.quotas.tenants} tenants planned, ${synthetic.reduce((sum, group) => sum + group.count, 0)} of them synthetic ` +
        `(seed ${options.seed}): one program per tenant shape, its resources counted once per tenant of that shape\n`,
    );
  }
  if (counts.mandatory > 0 || counts.nameFindings > 0 || breaches.length > 0) context.exitCode = 1;
}

function syntheticGroups(options: PlanOptions): SyntheticGroup[] {
  if (options.syntheticTenants === undefined) {
    if (options.syntheticOnly) {
      throw new SiloError(
        "PLAN_ARGUMENTS_INVALID",
        "--synthetic-only plans generated tenants only: give their number with --synthetic-tenants N",
      );
    }
    return [];
  }
  if (options.program !== undefined) {
    throw new SiloError(
      "PLAN_ARGUMENTS_INVALID",
      "--synthetic-tenants stamps tenants of this project's stacks; it cannot be used with --program",
    );
  }
  return syntheticTenants(options.syntheticTenants, options.seed);
}

function planTargets(
  options: PlanOptions,
  tenants: Parameters<typeof planStackNames>[1],
  tenantsDir: string,
): PlanTarget[] {
  if (options.program !== undefined) {
    if (options.environment !== undefined) {
      throw new SiloError(
        "PLAN_ARGUMENTS_INVALID",
        "--environment qualifies this project's stacks; --program runs another program: name its stack with --stack-name",
      );
    }
    if (options.stack !== undefined) {
      throw new SiloError(
        "PLAN_ARGUMENTS_INVALID",
        "--stack and --program exclude each other: --stack plans this project's stacks, --program another program; " +
          "use --stack-name to name the stack --program runs as",
      );
    }
    const path = resolve(options.program);
    if (!existsSync(path)) {
      throw new SiloError(
        "PLAN_ARGUMENTS_INVALID",
        `--program ${options.program}: no such file (looked for ${path}); give the path of a Pulumi TypeScript program`,
      );
    }
    return [
      {
        stackName: options.stackName,
        program: { kind: "file", path },
        source: relative(process.cwd(), path),
      },
    ];
  }
  return planStackNames(options.stack ?? ["all"], tenants, options.environment).map((stackName) => {
    const stack = parseStackName(stackName);
    return {
      stackName,
      program: { kind: "project" },
      source:
        stack.kind === "shared"
          ? "stacks/shared.ts"
          : relative(process.cwd(), join(tenantsDir, `${stack.tenantId}.yaml`)),
    };
  });
}
