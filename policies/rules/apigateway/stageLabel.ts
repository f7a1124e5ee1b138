import type { PolicyResource } from "@pulumi/policy";

/** A stage's name for messages: its logical name and its `stageName`. */
export function stageLabel(stage: PolicyResource): string {
  const stageName = stage.props.stageName;
  return typeof stageName === "string" ? `${stage.name} (stage ${stageName})` : stage.name;
}
