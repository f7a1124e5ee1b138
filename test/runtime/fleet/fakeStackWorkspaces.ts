import type { StackLogs } from "../../../runtime/fleet/stackLogs.ts";
import type {
  FleetStack,
  StackConfigMap,
  StackImport,
  StackResourceState,
  StackRunOptions,
  StackWorkspaces,
} from "../../../runtime/fleet/stackWorkspaces.ts";
import { type TenantConfig, type TenantConfigInput, tenantConfigSchema } from "../../../tenants/schema.ts";

/** How the fake Pulumi behaves. */
export interface FakeOptions {
  /** Stacks whose operations throw, with the error. */
  readonly failing?: Readonly<Record<string, Error>>;
  /** Config each stack already has. */
  readonly config?: Readonly<Record<string, Record<string, string>>>;
  /** Outputs each stack has. */
  readonly outputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Stacks that do not exist (select without create fails). */
  readonly missing?: readonly string[];
  /** The resources each stack's state holds. */
  readonly resources?: Readonly<Record<string, readonly StackResourceState[]>>;
  /** Stacks whose state operations (deleteResource, importResource) throw, with the error. */
  readonly failingState?: Readonly<Record<string, Error>>;
  /** How long each operation takes. @default 5 */
  readonly delayMs?: number;
}

/** A recorded call of an operation. */
export interface FakeRun {
  readonly stackName: string;
  readonly operation: "up" | "preview" | "destroy";
  readonly options: StackRunOptions;
}

/**
 * A fake of the Automation API seam that records what it is asked and measures concurrency: `maxInFlight` is
 * the most operations that were running at the same time.
 */
export function fakeStackWorkspaces(options: FakeOptions = {}) {
  const events: string[] = [];
  const runs: FakeRun[] = [];
  const configSet: Record<string, StackConfigMap> = {};
  const opened: FleetStack[] = [];
  const state = { inFlight: 0, maxInFlight: 0 };
  const config: Record<string, Record<string, string>> = structuredClone({ ...(options.config ?? {}) });
  const resources: Record<string, StackResourceState[]> = Object.fromEntries(
    Object.entries(options.resources ?? {}).map(([stackName, list]) => [stackName, [...list]]),
  );
  const stateFailure = (stackName: string) => {
    const failure = options.failingState?.[stackName];
    if (failure) throw failure;
  };

  const operation =
    (stackName: string, name: FakeRun["operation"]) => async (runOptions: StackRunOptions) => {
      runs.push({ stackName, operation: name, options: runOptions });
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      events.push(`start ${name} ${stackName}`);
      runOptions.onOutput(`${name} ${stackName}: working\n`);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
      state.inFlight -= 1;
      events.push(`end ${name} ${stackName}`);
      const failure = options.failing?.[stackName];
      if (failure) throw failure;
      return { changes: { create: 2, same: 5 } };
    };

  const workspaces: StackWorkspaces = {
    async select(stackName, selectOptions) {
      events.push(`select ${stackName}`);
      if (options.missing?.includes(stackName) && selectOptions?.create !== true) {
        throw Object.assign(new Error(`stack ${stackName} does not exist`), { code: "STACK_NOT_FOUND" });
      }
      const stack: FleetStack = {
        name: stackName,
        getAllConfig: async () => ({ ...(config[stackName] ?? {}) }),
        setAllConfig: async (values) => {
          configSet[stackName] = values;
          config[stackName] = {
            ...(config[stackName] ?? {}),
            ...Object.fromEntries(Object.entries(values).map(([key, entry]) => [key, entry.value])),
          };
        },
        outputs: async () => ({ ...(options.outputs?.[stackName] ?? {}) }),
        up: operation(stackName, "up"),
        preview: operation(stackName, "preview"),
        destroy: operation(stackName, "destroy"),
        resources: async () => [...(resources[stackName] ?? [])],
        deleteResource: async (urn, runOptions) => {
          events.push(`state delete ${stackName} ${urn}`);
          stateFailure(stackName);
          runOptions.onOutput(`removed ${urn}\n`);
          resources[stackName] = (resources[stackName] ?? []).filter((resource) => resource.urn !== urn);
        },
        importResource: async (resource: StackImport, runOptions) => {
          events.push(
            `import ${stackName} ${resource.type} ${resource.name} ${resource.id} ${resource.parentUrn ?? ""}`.trim(),
          );
          stateFailure(stackName);
          runOptions.onOutput(`imported ${resource.id}\n`);
          const urn = `${resource.parentUrn?.replace(/::[^:]*$/, "") ?? `urn:pulumi:${stackName}::silo-kit`}$${resource.type}::${resource.name}`;
          resources[stackName] = [
            ...(resources[stackName] ?? []),
            {
              urn,
              type: resource.type,
              id: resource.id,
              ...(resource.parentUrn ? { parent: resource.parentUrn } : {}),
              outputs: {},
            },
          ];
        },
      };
      opened.push(stack);
      return stack;
    },
  };
  return { workspaces, events, runs, configSet, opened, state };
}

/** Logs kept in memory, by stack. */
export function memoryLogs(): StackLogs & { text: (stackName: string) => string } {
  const texts = new Map<string, string>();
  return {
    open(stackName) {
      return {
        file: `logs/${stackName}.log`,
        write: (text) => texts.set(stackName, (texts.get(stackName) ?? "") + text),
        close: async () => undefined,
      };
    },
    text: (stackName) => texts.get(stackName) ?? "",
  };
}

/** A valid tenant with defaults applied. */
export function tenant(id: string, overrides: Partial<TenantConfigInput> = {}): TenantConfig {
  return tenantConfigSchema.parse({
    id,
    displayName: id,
    tier: "standard",
    contacts: [{ name: "Owner", email: "owner@example.com", role: "owner" }],
    models: { allowlist: [{ key: "echo", provider: "echo", modelId: "echo" }], defaultModel: "echo" },
    ...overrides,
  });
}
