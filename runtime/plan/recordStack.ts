import { pathToFileURL } from "node:url";
import type { StackDeps } from "../../stacks/stackDeps.ts";
import { SiloError } from "../core/errors/siloError.ts";
import type { RecordedResource } from "./pulumiRecording.ts";
import { resolved, startPulumiRecording } from "./pulumiRecording.ts";

/** Which program a stack runs: the kit's own (stacks/index.ts), or any Pulumi TypeScript program file. */
export type PlanProgram = { readonly kind: "project" } | { readonly kind: "file"; readonly path: string };

/** What {@link recordStack} needs to run one stack. */
export interface RecordStackArgs {
  readonly stackName: string;
  readonly program: PlanProgram;
  /** The stack's config, `namespace:key` to value. */
  readonly config: Readonly<Record<string, string>>;
  /** Outputs of the stacks the program reads through StackReferences, by fully qualified name. */
  readonly stackOutputs?: Readonly<Record<string, object>>;
  /** What the project program gets besides its stack name and config (the tenants, loaded once). */
  readonly programDeps?: Pick<StackDeps, "tenants" | "tenantsDir">;
  /** @default "silo-kit" */
  readonly project?: string;
  /** @default "organization" */
  readonly organization?: string;
}

/** Everything one stack registered, and what it exported. */
export interface RecordedStack {
  readonly name: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** Lambda code for the plan: nothing is bundled, the archives are never read under mocks. */
const notBuilt = { file: "/silo-plan/not-built/index.mjs", sha256: "0".repeat(64) };

let programRuns = 0;

/**
 * Runs one stack's program under Pulumi's mocks, as `pulumi preview` would run it but without the CLI or a
 * cloud account, and records every resource it registers. Each call resets Pulumi's runtime state (mocks,
 * config, stack resource), so stacks run one after another in a process never see each other's resources.
 * The program runs inside a `pulumi:pulumi:Stack` resource, as under the engine, so URNs and parents match a
 * real deployment.
 *
 * @example
 * const stack = await recordStack({ stackName: "tenant-globex", program: { kind: "project" }, config });
 */
export async function recordStack(args: RecordStackArgs): Promise<RecordedStack> {
  const started = await startPulumiRecording({
    stack: args.stackName,
    config: args.config,
    ...(args.stackOutputs === undefined ? {} : { stackOutputs: args.stackOutputs }),
    ...(args.project === undefined ? {} : { project: args.project }),
    ...(args.organization === undefined ? {} : { organization: args.organization }),
  });
  const pulumi = await import("@pulumi/pulumi");
  let outputs: unknown;
  // The SDK captures `new Error().stack` for every promise it creates (to report leaks), and formatting a
  // stack through source maps is most of a plan's time; nothing here reads those traces.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    outputs = await pulumi.runtime.runInPulumiStack(() => runProgram(args.program, args.programDeps ?? {}));
    await started.settle();
  } catch (error) {
    throw new SiloError(
      "PLAN_PROGRAM_FAILED",
      `stack ${args.stackName}: the program failed under the plan: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return {
    name: args.stackName,
    resources: started.recording.resources,
    outputs: ((await resolved(outputs)) ?? {}) as Record<string, unknown>,
  };
}

async function runProgram(
  program: PlanProgram,
  deps: Pick<StackDeps, "tenants" | "tenantsDir">,
): Promise<unknown> {
  if (program.kind === "project") {
    const { default: runStack } = await import("../../stacks/index.ts");
    return runStack({ ...deps, prepareLambdaCode: async (specs) => mapValues(specs, () => notBuilt) });
  }
  // A program's top-level code is what creates its resources: load it afresh for every stack.
  programRuns += 1;
  const url = `${pathToFileURL(program.path).href}?silo-plan=${programRuns}`;
  const loaded = (await import(url)) as { default?: unknown };
  // As the Pulumi Node.js host does: a default-exported function is the program, its result the outputs.
  return typeof loaded.default === "function" ? await (loaded.default as () => unknown)() : { ...loaded };
}

function mapValues<Key extends string, Value>(
  record: Readonly<Record<Key, unknown>>,
  value: () => Value,
): Record<Key, Value> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, value()])) as Record<Key, Value>;
}
