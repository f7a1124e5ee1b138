import { mockCallResult, mockResourceState } from "./mockOutputs.ts";

/** One resource the program registered, as the engine would have seen it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** URN of the parent resource; undefined for a top-level resource. */
  readonly parent: string | undefined;
  /** Provider reference (`urn::id`) of a custom resource; "" for the default provider. */
  readonly provider: string;
  /** Package name to provider reference, for component resources given `providers`. */
  readonly providers: Readonly<Record<string, string>>;
  readonly dependencies: readonly string[];
  /** For each input property, the URNs its value came from (empty for a `get` resource). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The mocked outputs. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** One provider function call. */
export interface RecordedCall {
  readonly token: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** Options of {@link startPulumiRecording}. */
export interface PulumiRecordingOptions {
  readonly stack: string;
  /** @default "silo-kit" */
  readonly project?: string;
  /** @default "organization" */
  readonly organization?: string;
  /** Stack config, `namespace:key` to value. */
  readonly config?: Readonly<Record<string, string>>;
  /** Outputs of the stacks the program references, by fully qualified stack name. */
  readonly stackOutputs?: Readonly<Record<string, object>>;
}

/** Everything registered while recording, with finders for assertions. */
export class PulumiRecording {
  readonly resources: RecordedResource[] = [];
  readonly calls: RecordedCall[] = [];

  /** Resources of a type token, e.g. `aws:iam/role:Role`. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  /** The one resource of a type with a logical name; fails loudly when absent. */
  named(type: string, name: string): RecordedResource {
    const found = this.resources.find((resource) => resource.type === type && resource.name === name);
    if (found === undefined) throw new Error(`no ${type} named ${name} was registered`);
    return found;
  }

  byUrn(urn: string): RecordedResource | undefined {
    return this.resources.find((resource) => resource.urn === urn);
  }

  /** Every resource under `ancestor` (children, their children, ...). */
  descendantsOf(ancestor: RecordedResource): RecordedResource[] {
    const below = new Set([ancestor.urn]);
    const found: RecordedResource[] = [];
    // Registration order puts parents first, so one pass finds every level.
    for (const resource of this.resources) {
      if (resource.parent !== undefined && below.has(resource.parent)) {
        below.add(resource.urn);
        found.push(resource);
      }
    }
    return found;
  }

  /** The component resources (and the stack) above `resource`, nearest first. */
  ancestorsOf(resource: RecordedResource): RecordedResource[] {
    const chain: RecordedResource[] = [];
    let parent = resource.parent === undefined ? undefined : this.byUrn(resource.parent);
    while (parent !== undefined) {
      chain.push(parent);
      parent = parent.parent === undefined ? undefined : this.byUrn(parent.parent);
    }
    return chain;
  }
}

/**
 * Sets Pulumi's mocks (with realistic outputs, see mockOutputs.ts) and wraps the mock monitor so every
 * registered resource is recorded with its type, name, inputs, parent, provider and dependencies. Call it
 * before importing any program or component module; then build, and `settle()` before asserting.
 *
 * @example
 * const { recording, settle } = await startPulumiRecording({ stack: "shared", config });
 * const { default: runStack } = await import("../../stacks/index.ts");
 * await runStack(...); await settle();
 */
export async function startPulumiRecording(options: PulumiRecordingOptions) {
  const pulumi = await import("@pulumi/pulumi");
  const recording = new PulumiRecording();
  pulumi.runtime.setAllConfig({ ...options.config });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:pulumi:StackReference") {
          const name = String(args.inputs.name);
          return { id: name, state: { name, outputs: options.stackOutputs?.[name] ?? {} } };
        }
        return mockResourceState(args.type, args.name, args.inputs);
      },
      call(args) {
        recording.calls.push({ token: args.token, inputs: args.inputs });
        return mockCallResult(args.token, args.inputs);
      },
    },
    options.project ?? "silo-kit",
    options.stack,
    false,
    options.organization ?? "organization",
  );

  // The mock API does not show parents or providers: read them off the monitor's requests. Stack
  // references (and other `get` resources) arrive through readResource, everything else through
  // registerResource.
  type Callback = (
    error: unknown,
    response: { getUrn(): string; getObject?(): unknown; getProperties?(): unknown } | undefined,
  ) => void;
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: Callback): void;
    readResource(request: ReadRequest, callback: Callback): void;
    newUrn(parent: string, type: string, name: string): string;
  };
  // URNs as the engine builds them (resource/urn.go): the whole chain of parent types, without the root
  // stack's. The mock monitor keeps only the nearest parent's type and includes the stack's.
  monitor.newUrn = (parent, type, name) => {
    const parentType = parent ? (parent.split("::")[2] ?? "") : "";
    const qualifiedType =
      parentType === "" || parentType === "pulumi:pulumi:Stack" ? type : `${parentType}$${type}`;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${name}`;
  };
  const record = (
    request: RegisterRequest | ReadRequest,
    custom: boolean,
    inputsStruct: unknown,
    outputsStruct: unknown,
    urn: string,
  ) => {
    recording.resources.push({
      urn,
      type: request.getType(),
      name: request.getName(),
      custom,
      parent: request.getParent() || undefined,
      provider: request.getProvider(),
      providers: "getProvidersMap" in request ? Object.fromEntries(request.getProvidersMap().entries()) : {},
      dependencies: request.getDependenciesList(),
      propertyDependencies:
        "getPropertydependenciesMap" in request
          ? Object.fromEntries(
              [...request.getPropertydependenciesMap().entries()].map(([property, urns]) => [
                property,
                urns.getUrnsList(),
              ]),
            )
          : {},
      inputs: revealSecrets(pulumi.runtime.deserializeProperties(inputsStruct as never)),
      state: revealSecrets(pulumi.runtime.deserializeProperties(outputsStruct as never)),
    });
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    register(request, (error, response) => {
      if (!error && response) {
        record(request, request.getCustom(), request.getObject(), response.getObject?.(), response.getUrn());
      }
      callback(error, response);
    });
  };
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (request, callback) => {
    read(request, (error, response) => {
      if (!error && response) {
        record(request, true, request.getProperties(), response.getProperties?.(), response.getUrn());
      }
      callback(error, response);
    });
  };

  return {
    recording,
    /**
     * Waits until every registration the program started has completed (what `pulumi.runtime.disconnect`
     * waits for, without disconnecting, so a file can build more than once).
     */
    settle: async () => {
      // getStore is internal (absent from the typings); rpcDone is the chain every RPC extends.
      type StateModule = { getStore(): { settings: { rpcDone: Promise<unknown> } } };
      const state = (await import("@pulumi/pulumi/runtime/state.js")) as unknown as StateModule & {
        default?: StateModule;
      };
      const getStore = state.getStore ?? state.default?.getStore;
      for (;;) {
        const done = getStore().settings.rpcDone;
        await done;
        if (done === getStore().settings.rpcDone) return;
      }
    },
  };
}

/** Pulumi's wire marker of a secret value: `{ [secretSignature]: ..., value }`. */
const secretSignature = "4dabf18193072939515e22adb298388d";

/** The values inside secret markers, so assertions see what would be deployed. */
function revealSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(revealSecrets) as T;
  if (value === null || typeof value !== "object") return value;
  if (secretSignature in value) return revealSecrets((value as { value?: unknown }).value) as T;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, revealSecrets(entry)])) as T;
}

interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
  getProperties(): unknown;
}

interface RegisterRequest extends Omit<ReadRequest, "getProperties"> {
  getCustom(): boolean;
  getProvidersMap(): { entries(): Iterable<[string, string]> };
  getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
  getObject(): unknown;
}

/**
 * The value of an Output (or plain value), as a promise.
 *
 * @example
 * expect(await resolved(silo.url)).toMatch(/^https:/);
 */
export async function resolved<T>(value: unknown): Promise<T> {
  const pulumi = await import("@pulumi/pulumi");
  return await new Promise<T>((resolve) => {
    pulumi.output(value as T).apply((unwrapped) => {
      resolve(unwrapped as T);
      return unwrapped;
    });
  });
}
