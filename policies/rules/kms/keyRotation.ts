import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Yearly rotation of the tenant and platform keys limits how much data one key version protects.
 *
 * Severity: medium. Controls: FSBP KMS.4; NIST 800-53 SC-12, SC-12(2), SC-28(3).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4
 */
export const keyRotation: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-kms-key-rotation",
  description: "KMS keys must have automatic key rotation enabled.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:KMS.4", "nist:SC-12", "nist:SC-12(2)", "nist:SC-28(3)"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4",
  mutations: [
    {
      type: "aws:kms/key:Key",
      change: "enableKeyRotation set to false",
      mutate: (inputs) => ({ ...inputs, enableKeyRotation: false }),
    },
  ],
  validateResource: validateResourceOfType(aws.kms.Key, (key, _args, reportViolation) => {
    if (key.enableKeyRotation !== true) {
      reportViolation("enableKeyRotation is not true; set enableKeyRotation: true.");
    }
  }),
};
