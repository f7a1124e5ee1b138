import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import { outsideSecretIds } from "../../runtime/handoff/outsideSecrets.ts";
import {
  isSecretBearing,
  stackSecretInventoryId,
  stackSecretRules,
} from "../../runtime/handoff/stackSecrets.ts";
import { localDataDirEntries } from "../../runtime/local/localSecretFiles.ts";
import { mockAccountId, mockRegion } from "../../runtime/plan/mockOutputs.ts";
import type { PlannedStack } from "../../runtime/plan/planStacks.ts";
import { planKitStacks } from "../support/pulumi/planKitStacks.ts";

// Every stack as `silo plan --stack all` records it under Pulumi's mocks, the shared stack with a custom API
// domain so its certificate is in the record, against the inventory rows of docs/secrets.md.
const tenants = await loadTenantsOrThrow();
const tenantIds = tenants.map((tenant) => tenant.id);
const inventory = await readFile(new URL("../../docs/secrets.md", import.meta.url), "utf8");
let stacks: readonly PlannedStack[];

beforeAll(async () => {
  stacks = await planKitStacks(tenants, {
    shared: {
      "silo:domainName": "api.example.com",
      "silo:certificateArn": `arn:aws:acm:${mockRegion}:${mockAccountId}:certificate/0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b`,
    },
  });
}, 120_000);

/** The ids of docs/secrets.md's inventory rows: a table row whose first cell is an id in backticks. */
function documentedIds(): string[] {
  return [...inventory.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((match) => match[1] ?? "");
}

describe("docs/secrets.md, the inventory of secrets, keys and certificates", () => {
  it("has a row for every secret, key and certificate any stack creates or refers to", () => {
    // Act
    const secrets = stacks.flatMap((stack) =>
      stack.resources
        .filter((resource) => isSecretBearing(resource))
        .map((resource) => ({
          resource: `${stack.name}: ${resource.type} ${resource.name}`,
          inventoryId: stackSecretInventoryId(resource, tenantIds),
        })),
    );

    // Assess
    expect(
      secrets.filter((secret) => secret.inventoryId === undefined).map((secret) => secret.resource),
      "secret-bearing resources no rule of runtime/handoff/stackSecrets.ts maps to a row of docs/secrets.md",
    ).toEqual([]);
    const documented = new Set(documentedIds());
    expect(
      secrets.filter((secret) => !documented.has(secret.inventoryId ?? "")),
      "rows missing from docs/secrets.md",
    ).toEqual([]);
    expect(secrets.length).toBeGreaterThan(tenants.length * 4);
  });

  it("keeps no stack rule that matches nothing, so a renamed resource cannot hide behind a stale rule", () => {
    // Act
    const unused = stackSecretRules.filter(
      (rule) =>
        !stacks.some((stack) =>
          stack.resources.some(
            (resource) =>
              resource.type === rule.type && stackSecretInventoryId(resource, tenantIds) === rule.inventoryId,
          ),
        ),
    );

    // Assess
    expect(unused).toEqual([]);
  });

  it("has a row for every secret file the local platform writes", () => {
    // Act
    const documented = new Set(documentedIds());
    const missing = localDataDirEntries.filter(
      (entry) => entry.inventoryId !== undefined && !documented.has(entry.inventoryId),
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it("lists only rows the code knows, each once", () => {
    // Act
    const known = new Set([
      ...stackSecretRules.map((rule) => rule.inventoryId),
      ...localDataDirEntries.flatMap((entry) => entry.inventoryId ?? []),
      ...outsideSecretIds,
    ]);
    const ids = documentedIds();

    // Assess
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(known);
  });
});
