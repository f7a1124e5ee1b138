import { describe, expect, it } from "vitest";
import { bucketAclNotPublic } from "../../../../policies/rules/s3/bucketAclNotPublic.ts";
import { bucketPolicyNotPublic } from "../../../../policies/rules/s3/bucketPolicyNotPublic.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const policyType = "aws:s3/bucketPolicy:BucketPolicy";
const ownRolePolicy = JSON.stringify({
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:role/silo-globex-exports" },
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::silo-globex-exports/*",
    },
  ],
});
const publicPolicy = JSON.stringify({
  Statement: [
    {
      Sid: "Public",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::silo-globex-exports/*",
    },
  ],
});

describe("bucketPolicyNotPublic", () => {
  it.each([
    [policyType, { bucket: "silo-globex-exports", policy: ownRolePolicy }],
    ["aws:s3/bucket:Bucket", { bucket: "silo-globex-exports" }],
  ])("passes %s naming its principals", async (type, props) => {
    // Act
    const violations = await violationsOf(bucketPolicyNotPublic, type, props);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([policyType, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"])(
    "reports a public policy on %s",
    async (type) => {
      // Act
      const violations = await violationsOf(bucketPolicyNotPublic, type, {
        bucket: "silo-globex-exports",
        policy: publicPolicy,
      });

      // Assess
      expect(violations).toEqual([
        "policy statement Public allows s3:GetObject to every principal without a condition; name the principals, or narrow it with a condition (aws:SourceVpce, aws:PrincipalOrgID).",
      ]);
    },
  );
});

describe("bucketAclNotPublic", () => {
  it.each([
    ["aws:s3/bucketAcl:BucketAcl", { bucket: "silo-globex-exports", acl: "private" }],
    ["aws:s3/bucket:Bucket", { bucket: "silo-globex-exports" }],
  ])("passes a private %s", async (type, props) => {
    // Act
    const violations = await violationsOf(bucketAclNotPublic, type, props);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each(["public-read", "public-read-write", "authenticated-read"])("reports acl %s", async (acl) => {
    // Act
    const violations = await violationsOf(bucketAclNotPublic, "aws:s3/bucketAclV2:BucketAclV2", {
      bucket: "silo-globex-exports",
      acl,
    });

    // Assess
    expect(violations).toEqual([`acl is "${acl}"; remove the ACL (ACLs disabled) or set "private".`]);
  });

  it("reports a grant to AllUsers", async () => {
    // Act
    const violations = await violationsOf(bucketAclNotPublic, "aws:s3/bucketAcl:BucketAcl", {
      bucket: "silo-globex-exports",
      accessControlPolicy: {
        owner: { id: "owner" },
        grants: [
          {
            permission: "READ",
            grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
          },
        ],
      },
    });

    // Assess
    expect(violations).toEqual([
      "accessControlPolicy grants to http://acs.amazonaws.com/groups/global/AllUsers; remove the grant.",
    ]);
  });
});
