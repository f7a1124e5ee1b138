/** Stack config as the Automation API takes it: `namespace:key` to value (secrets marked). */
export type StackConfigMap = Readonly<Record<string, { readonly value: string; readonly secret?: boolean }>>;

/** Resource operation counts of a run, as Pulumi reports them (`create`, `update`, `same`, ...). */
export type ResourceChanges = Readonly<Partial<Record<string, number>>>;

/** What every stack operation takes. */
export interface StackRunOptions {
  /** Receives Pulumi's output as it is written (the log file of the run). */
  readonly onOutput: (text: string) => void;
  /** Local policy pack folders to run with the operation (`--policy-pack`); not used by destroy. */
  readonly policyPacks?: readonly string[];
}

/** What a stack operation reports back. */
export interface StackRunResult {
  readonly changes: ResourceChanges;
}

/** One resource as the stack's state records it (`pulumi stack export`). */
export interface StackResourceState {
  readonly urn: string;
  readonly type: string;
  /** The provider's id: for an `aws:rds/instance:Instance` under @pulumi/aws 7, its resource id (`db-...`). */
  readonly id?: string;
  readonly parent?: string;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** A resource to adopt into the stack's state (`pulumi import`), under `parentUrn`. */
export interface StackImport {
  readonly type: string;
  /** The resource's name in the program, so the import takes the URN the program declares. */
  readonly name: string;
  readonly id: string;
  readonly parentUrn?: string;
}

/** One stack, opened in a workspace of its own. */
export interface FleetStack {
  readonly name: string;
  /** The stack's config as set (`pulumi config`), `namespace:key` to value; secrets are not decrypted. */
  getAllConfig(): Promise<Record<string, string>>;
  /** Sets these keys (others are kept), like `pulumi config set` for each. */
  setAllConfig(config: StackConfigMap): Promise<void>;
  /** The stack's outputs; empty for a stack never deployed or already destroyed. */
  outputs(): Promise<Record<string, unknown>>;
  up(options: StackRunOptions): Promise<StackRunResult>;
  preview(options: StackRunOptions): Promise<StackRunResult>;
  destroy(options: StackRunOptions): Promise<StackRunResult>;
  /** The resources in the stack's state. */
  resources(): Promise<readonly StackResourceState[]>;
  /**
   * Removes one resource from the state without touching it in the cloud (`pulumi state delete --force`):
   * references to it from other resources' dependencies are dropped too; the next `up` records them again.
   */
  deleteResource(urn: string, options: StackRunOptions): Promise<void>;
  /** Adopts an existing cloud resource into the state (`pulumi import`), unprotected, no code generated. */
  importResource(resource: StackImport, options: StackRunOptions): Promise<void>;
}

/**
 * The one seam between the fleet commands and Pulumi. Every `select` opens the stack in its own workspace:
 * the Automation API keeps the selected stack and config in the workspace, so stacks run in parallel must
 * never share one. The default is {@link localStackWorkspaces} (the Pulumi CLI through LocalWorkspace);
 * tests pass a fake.
 */
export interface StackWorkspaces {
  /**
   * Opens `stackName`. With `create`, a missing stack is created (`pulumi stack init`); without it, a
   * missing stack is an error naming it.
   */
  select(stackName: string, options?: { readonly create?: boolean }): Promise<FleetStack>;
}
