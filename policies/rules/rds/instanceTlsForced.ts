import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { referencedResources } from "../referencedResources.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";

/** The Postgres parameter that refuses connections without TLS. */
export const forceSslParameter = "rds.force_ssl";

function forcesTls(group: PolicyResource): boolean {
  const parameters = (group.props.parameters ?? []) as readonly { name?: unknown; value?: unknown }[];
  return parameters.some(
    (parameter) => parameter.name === forceSslParameter && String(parameter.value) === "1",
  );
}

/**
 * A tenant's data and credentials never cross the network in plain text: the instance's own parameter group
 * (the default one cannot be changed) sets `rds.force_ssl` to 1, so a client without TLS is refused rather
 * than trusted to ask for it.
 *
 * Severity: high. Controls: NIST 800-53 SC-8, SC-8(1), SC-13 (FSBP has no RDS control for it).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
 */
export const instanceTlsForced: SiloStackPolicy = {
  kind: "stack",
  name: "silo-rds-instance-tls-forced",
  description: `RDS Postgres instances must use a parameter group of the stack that sets \`${forceSslParameter}\` to 1.`,
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:SC-8", "nist:SC-8(1)", "nist:SC-13"],
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "parameterGroupName removed",
      mutate: (inputs) =>
        String(inputs.engine).startsWith("postgres")
          ? { ...inputs, parameterGroupName: undefined }
          : undefined,
    },
    {
      type: "aws:rds/instance:Instance",
      change: "parameterGroupName set to the engine's default group",
      mutate: (inputs) =>
        String(inputs.engine).startsWith("postgres")
          ? { ...inputs, parameterGroupName: "default.postgres16" }
          : undefined,
    },
  ],
  validateStack: (args, reportViolation) => {
    const instances = args.resources.filter(
      (resource) => resource.isType(aws.rds.Instance) && String(resource.props.engine).startsWith("postgres"),
    );
    if (instances.length === 0) args.notApplicable("no RDS Postgres instance in the stack");
    const groups = args.resources.filter((resource) => resource.isType(aws.rds.ParameterGroup));
    for (const instance of instances) {
      const groupName = instance.props.parameterGroupName;
      if (typeof groupName !== "string" || groupName === "") {
        reportViolation(
          `parameterGroupName is not set, so the default parameter group applies and TLS is optional; give the instance a parameter group with ${forceSslParameter} = 1.`,
          instance.urn,
        );
        continue;
      }
      const group =
        groups.find((candidate) => candidate.props.name === groupName) ??
        referencedResources(instance, "parameterGroupName").find((candidate) =>
          candidate.isType(aws.rds.ParameterGroup),
        );
      if (group === undefined) {
        reportViolation(
          `parameterGroupName ${JSON.stringify(groupName)} is not a parameter group of this stack, so nothing shows it forces TLS; create it in the stack with ${forceSslParameter} = 1.`,
          instance.urn,
        );
      } else if (!forcesTls(group)) {
        reportViolation(
          `parameter group ${JSON.stringify(groupName)} does not set ${forceSslParameter} to 1; add { name: "${forceSslParameter}", value: "1" } to its parameters.`,
          instance.urn,
        );
      }
    }
  },
};
