import type { StackLogs } from "../../../runtime/fleet/stackLogs.ts";
import type {
  FleetStack,
  StackConfigMap,
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
