import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { bucketTypes } from "./bucketTypes.ts";

const aclTypes = [...bucketTypes, "aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];

/** Canned ACLs that grant to everyone or to every AWS account. */
const publicCannedAcls = ["public-read", "public-read-write", "authenticated-read"];

/** Grantee groups that are everyone or every AWS account. */
const publicGroupUris = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

function publicGrantees(accessControlPolicy: unknown): string[] {
  const grants = (accessControlPolicy as { grants?: unknown } | undefined)?.grants;
  return [grants ?? []]
    .flat()
    .map((grant) => (grant as { grantee?: { uri?: unknown } } | undefined)?.grantee?.uri)
    .filter((uri): uri is string => typeof uri === "string" && publicGroupUris.includes(uri));
}

/**
 * An ACL that grants to AllUsers or AuthenticatedUsers (every AWS account) publishes the tenant's objects;
 * silo buckets keep ACLs disabled (bucket owner enforced) and grant through policies.
 *
 * Severity: critical. Controls: FSBP S3.2, S3.3; NIST 800-53 AC-3, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 */
export const bucketAclNotPublic: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-s3-bucket-acl-not-public",
  description:
    "S3 bucket ACLs must not be public-read, public-read-write or authenticated-read, nor grant to AllUsers or AuthenticatedUsers.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:S3.2", "fsbp:S3.3", "nist:AC-3", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
  mutations: aclTypes.map((type) => ({
    type,
    change: 'acl set to "public-read"',
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({ ...inputs, acl: "public-read" }),
  })),
  validateResource: (args, reportViolation) => {
    if (!aclTypes.includes(args.type)) args.notApplicable();
    const acl = args.props.acl;
    if (typeof acl === "string" && publicCannedAcls.includes(acl)) {
      reportViolation(`acl is ${JSON.stringify(acl)}; remove the ACL (ACLs disabled) or set "private".`);
    }
    for (const uri of publicGrantees(args.props.accessControlPolicy)) {
      reportViolation(`accessControlPolicy grants to ${uri}; remove the grant.`);
    }
  },
};
