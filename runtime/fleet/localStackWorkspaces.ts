import { repositoryRoot } from "../build/bundleLambda.ts";
import { SiloError } from "../core/errors/siloError.ts";
import type {
  FleetStack,
  ResourceChanges,
  StackConfigMap,
  StackRunOptions,
  StackWorkspaces,
} from "./stackWorkspaces.ts";
import { withoutResource } from "./withoutResource.ts";

/** Options of {@link localStackWorkspaces}. */
export interface LocalStackWorkspacesOptions {
  /** The folder holding `Pulumi.yaml`. @default the repository root */
  readonly workDir?: string;
  /** Extra environment for every Pulumi command. */
  readonly envVars?: Readonly<Record<string, string>>;
}

type Automation = typeof import("@pulumi/pulumi/automation/index.js");
type AutomationStack = Awaited<ReturnType<Automation["LocalWorkspace"]["selectStack"]>>;

/**
 * The default {@link StackWorkspaces}: the Pulumi CLI through the Automation API. Each `select` builds a new
 * `LocalWorkspace` for that one stack, and every operation runs with `--stack <name>`, so stacks can run in
 * parallel. Selecting writes the workspace's "current stack" file under `~/.pulumi/workspaces/`, which
 * every workspace of this folder shares, so selects are queued one at a time; the long operations (up,
 * preview, destroy) are not. The Automation API is loaded on first use, so other commands do not pay for it.
 *
 * @example
 * const stack = await localStackWorkspaces().select("tenant-acme", { create: true });
 * const { changes } = await stack.up({ onOutput: (text) => log.write(text) });
 */
export function localStackWorkspaces(options: LocalStackWorkspacesOptions = {}): StackWorkspaces {
  const workDir = options.workDir ?? repositoryRoot;
  let selecting: Promise<unknown> = Promise.resolve();
  let automationModule: Promise<Automation> | undefined;
  const loadAutomation = () => {
    automationModule ??= import("@pulumi/pulumi/automation/index.js");
    return automationModule;
  };
  return {
    async select(stackName, selectOptions) {
      const automation = await loadAutomation();
      const open = async (): Promise<AutomationStack> => {
        const args = { stackName, workDir };
        const workspaceOptions = options.envVars ? { envVars: { ...options.envVars } } : {};
        try {
          return selectOptions?.create
            ? await automation.LocalWorkspace.createOrSelectStack(args, workspaceOptions)
            : await automation.LocalWorkspace.selectStack(args, workspaceOptions);
        } catch (error) {
          if (error instanceof automation.StackNotFoundError) {
            throw new SiloError(
              "STACK_NOT_FOUND",
              `stack ${stackName} does not exist in the current Pulumi backend; check pulumi whoami and pulumi stack ls`,
              { cause: error },
            );
          }
          throw error;
        }
      };
      const opened = selecting.then(open, open);
      selecting = opened.catch(() => undefined);
      return fleetStackOf(stackName, await opened);
    },
  };
}

function fleetStackOf(name: string, stack: AutomationStack): FleetStack {
  const runOptions = (options: StackRunOptions) => ({
    onOutput: options.onOutput,
    color: "never" as const,
    ...(options.policyPacks?.length ? { policyPacks: [...options.policyPacks] } : {}),
  });
  return {
    name,
    async getAllConfig() {
      const config = await stack.getAllConfig();
      return Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, entry.value]));
    },
    async setAllConfig(config: StackConfigMap) {
      await stack.setAllConfig(
        Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, { ...entry }])),
      );
    },
    async outputs() {
      const outputs = await stack.outputs();
      return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
    },
    async up(options) {
      const result = await stack.up(runOptions(options));
      return { changes: (result.summary.resourceChanges ?? {}) as ResourceChanges };
    },
    async preview(options) {
      const result = await stack.preview(runOptions(options));
      return { changes: result.changeSummary as ResourceChanges };
    },
    async destroy(options) {
      const result = await stack.destroy({ onOutput: options.onOutput, color: "never" });
      return { changes: (result.summary.resourceChanges ?? {}) as ResourceChanges };
    },
    async resources() {
      const exported = await stack.exportStack();
      const resources = (exported.deployment?.resources ?? []) as Array<Record<string, unknown>>;
      return resources.map((resource) => ({
        urn: String(resource.urn),
        type: String(resource.type),
        ...(typeof resource.id === "string" && resource.id !== "" ? { id: resource.id } : {}),
        ...(typeof resource.parent === "string" ? { parent: resource.parent } : {}),
        outputs: (resource.outputs ?? {}) as Record<string, unknown>,
      }));
    },
    async deleteResource(urn, options) {
      // The Automation API has no `state delete`: export, edit, import is its supported equivalent.
      const exported = await stack.exportStack();
      await stack.importStack({ ...exported, deployment: withoutResource(exported.deployment, urn) });
      options.onOutput(`removed ${urn} from the state of ${name}\n`);
    },
    async importResource(resource, options) {
      await stack.import({
        resources: [
          {
            type: resource.type,
            name: resource.name,
            id: resource.id,
            ...(resource.parentUrn ? { parent: "parent" } : {}),
          },
        ],
        ...(resource.parentUrn ? { nameTable: { parent: resource.parentUrn } } : {}),
        protect: false,
        generateCode: false,
        onOutput: options.onOutput,
      });
    },
  };
}
