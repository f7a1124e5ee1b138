/**
 * Entry of the one Pulumi project (Pulumi.yaml): dispatches on the stack name. `shared` runs the shared
 * edge (shared.ts); `tenant-<id>` runs the silo of `tenants/<id>.yaml` (tenant.ts). The default export is
 * called by Pulumi; its result is the stack's outputs. Importing this module creates nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackName } from "./parseStackName.ts";
import { prepareLambdaCode } from "./prepareLambdaCode.ts";
import { runSharedStack } from "./shared.ts";
import type { StackDeps } from "./stackDeps.ts";
import { runTenantStack } from "./tenant.ts";

export default async function runStack(overrides: Partial<StackDeps> = {}): Promise<Record<string, unknown>> {
  const deps: StackDeps = {
    stackName: pulumi.getStack(),
    organization: pulumi.getOrganization(),
    project: pulumi.getProject(),
    config: pulumi.runtime.allConfig(),
    prepareLambdaCode,
    ...overrides,
  };
  const stack = parseStackName(deps.stackName);
  return stack.kind === "shared" ? runSharedStack(deps) : runTenantStack(stack.tenantId, deps);
}
