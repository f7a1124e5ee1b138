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
