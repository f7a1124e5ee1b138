// The pack's entry point for the Pulumi CLI (`pulumi preview --policy-pack policies`). Constructing a
// PolicyPack starts a gRPC server and reads this folder's package.json, so nothing else may import this
// file: tests and the offline plan import rules/allRules.ts.
import { PolicyPack } from "@pulumi/policy";
import { allRules } from "./rules/allRules.ts";

new PolicyPack("silo-kit", {
  description: "silo-kit isolation rules: private encrypted databases, tenant-scoped IAM, authorized routes.",
  enforcementLevel: "mandatory",
  policies: [...allRules],
});
