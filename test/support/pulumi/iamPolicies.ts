import type { PolicyDocument } from "../../../components/common/policyDocument.ts";
import type { PulumiRecording, RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";

/** AWS services whose IAM grants must always name resources, never `*`. */
export const servicesNeverOnWildcard = ["bedrock", "secretsmanager", "kms", "rds", "rds-db"] as const;

/** The inline policy documents of recorded roles (`aws:iam/rolePolicy:RolePolicy`), by role name. */
export function rolePolicies(
  recording: PulumiRecording,
  among: readonly RecordedResource[] = recording.resources,
) {
  return among
    .filter((resource) => resource.type === "aws:iam/rolePolicy:RolePolicy")
    .map((resource) => ({
      roleName: String(resource.inputs.role),
      document: JSON.parse(String(resource.inputs.policy)) as PolicyDocument,
    }));
}

/**
 * Statements that grant an action of `services` on a resource containing `*`, as `service:action on
 * resource` lines (empty when the policy is clean).
 */
export function wildcardGrants(
  document: PolicyDocument,
  services: readonly string[] = servicesNeverOnWildcard,
): string[] {
  return document.Statement.filter((statement) => statement.Effect === "Allow").flatMap((statement) =>
    statement.Action.filter((action) => services.includes(action.split(":")[0] ?? "")).flatMap((action) =>
      (statement.Resource ?? ["*"])
        .filter((resource) => resource.includes("*"))
        .map((resource) => `${action} on ${resource}`),
    ),
  );
}

/** The resources a document allows for actions of one service. */
export function resourcesGranted(document: PolicyDocument, service: string): string[] {
  return document.Statement.filter(
    (statement) =>
      statement.Effect === "Allow" && statement.Action.some((action) => action.startsWith(`${service}:`)),
  ).flatMap((statement) => statement.Resource ?? []);
}
