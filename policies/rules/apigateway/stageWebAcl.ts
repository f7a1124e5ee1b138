import * as aws from "@pulumi/aws";
import { pointsAt } from "../pointsAt.ts";
import { referencedResources } from "../referencedResources.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { siloTag } from "../siloTenantTag.ts";
import { stageLabel } from "./stageLabel.ts";

/**
 * Regulated tenants' APIs sit behind AWS WAF (managed rule groups and a rate-based rule), which regulated
 * buyers ask for first; only REST API stages can take a web ACL. The tier is the `silo:tier` tag
 * (components/common/siloTags.ts).
 *
 * Severity: high. Controls: FSBP APIGateway.4; NIST 800-53 AC-4, SC-5, SC-7, SI-4.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4
 */
export const stageWebAcl: SiloStackPolicy = {
  kind: "stack",
  name: "silo-apigateway-stage-waf",
  description:
    "REST API stages of regulated tenants (`silo:tier` regulated) must be associated with an AWS WAF web ACL.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:APIGateway.4", "nist:AC-4", "nist:SC-5", "nist:SC-7", "nist:SI-4"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4",
  mutations: [
    {
      type: "aws:wafv2/webAclAssociation:WebAclAssociation",
      change: "resourceArn pointed away from the stage",
      mutate: (inputs, context) => ({
        ...inputs,
        resourceArn: `arn:aws:apigateway:${context.region}::/restapis/other/stages/other`,
      }),
    },
  ],
  validateStack: (args, reportViolation) => {
    const associations = args.resources.filter((resource) => resource.isType(aws.wafv2.WebAclAssociation));
    const stages = args.resources.filter((resource) => resource.isType(aws.apigateway.Stage));
    // An association whose resourceArn is no stage of this stack (a REST API stage ARN written by hand,
    // another API's): the mistake is there, so that is where the violation is reported.
    const stray = associations.filter(
      (association) =>
        !stages.some((stage) => pointsAt(association, "resourceArn", stage, "arn")) &&
        (referencedResources(association, "resourceArn").length === 0 ||
          String(association.props.resourceArn).includes("/restapis/")),
    );
    for (const stage of stages) {
      if (siloTag(stage, "silo:tier") !== "regulated") continue;
      if (associations.some((association) => pointsAt(association, "resourceArn", stage, "arn"))) continue;
      if (stray.length === 0) {
        reportViolation(
          `${stageLabel(stage)} of a regulated tenant has no aws.wafv2.WebAclAssociation; associate the tenant's web ACL with resourceArn: stage.arn.`,
          stage.urn,
        );
      }
      for (const association of stray) {
        reportViolation(
          `${association.name} associates its web ACL with resourceArn ${JSON.stringify(association.props.resourceArn)}, which is no stage of this stack, while ${stageLabel(stage)} of a regulated tenant has none; set resourceArn: stage.arn.`,
          association.urn,
        );
      }
    }
  },
};
