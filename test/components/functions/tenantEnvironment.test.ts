import { describe, expect, it } from "vitest";
import {
  exportDownloadBaseUrl,
  type TenantEnvironmentInput,
  tenantFunctionEnvironment,
} from "../../../components/functions/tenantEnvironment.ts";
import { loadTenantRuntimeConfig } from "../../../runtime/api/handlers/tenantRuntimeConfig.ts";
import { loadDatabaseConfig } from "../../../runtime/core/db/databaseConfig.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { toRuntimeTenant } from "../../../tenants/toRuntimeTenant.ts";
import { testTenant } from "../support.ts";

const tenants = await loadTenantsOrThrow();

const input: TenantEnvironmentInput = {
  tenant: testTenant(),
  environment: "production",
  database: {
    host: "silo-acme.abc.us-east-1.rds.amazonaws.com",
    port: 5432,
    name: "silo",
    secretId: "arn:db",
  },
  ledger: {
    host: "silo-usage-ledger.abc.us-east-1.rds.amazonaws.com",
    port: 5432,
    name: "silo_ledger",
    secretId: "arn:ledger",
  },
  modelProfileArns: {
    "nova-lite": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p1",
  },
  providerKeySecretPrefix: "/silo/acme/providers/",
  exportDownloadBaseUrl: "https://api.example.com/acme/v1/exports",
};

describe("tenantFunctionEnvironment", () => {
  it("gives the handler groups exactly what loadTenantRuntimeConfig reads", () => {
    // Act
    const variables = tenantFunctionEnvironment("chat", input);
    const config = loadTenantRuntimeConfig(variables);

    // Assess
    expect(config.tenant).toEqual(toRuntimeTenant(input.tenant));
    expect(config.database).toMatchObject({ host: input.database.host, secretId: "arn:db", ssl: "require" });
    expect(config.ledgerDatabase).toMatchObject({ database: "silo_ledger", secretId: "arn:ledger" });
    expect(config.modelProfileArns).toEqual(input.modelProfileArns);
    expect(config.providerKeySecretPrefix).toBe("/silo/acme/providers/");
    expect(variables.NODE_EXTRA_CA_CERTS).toBe("/var/runtime/ca-cert.pem");
    expect(variables.SILO_EXPORT_DOWNLOAD_BASE_URL).toBeUndefined();
  });

  it("adds the export download base URL for admin only, and gives migrate only its database", () => {
    // Act
    const admin = tenantFunctionEnvironment("admin", input);
    const migrate = tenantFunctionEnvironment("migrate", input);

    // Assess
    expect(admin.SILO_EXPORT_DOWNLOAD_BASE_URL).toBe(input.exportDownloadBaseUrl);
    expect(loadDatabaseConfig(migrate).host).toBe(input.database.host);
    expect(Object.keys(migrate).filter((key) => !key.startsWith("SILO_DB_"))).toEqual([
      "NODE_EXTRA_CA_CERTS",
    ]);
  });

  it("fails when the environment would exceed Lambda's 4 KB, naming the size", () => {
    // Prepare
    const allowlist = Array.from({ length: 40 }, (_, index) => ({
      key: `model-number-${index}`,
      provider: "openai-compatible" as const,
      modelId: `a-rather-long-model-id-${index}`,
      baseUrl: "https://llm.a-rather-long-domain-name.example/v1",
    }));

    // Act
    const build = () =>
      tenantFunctionEnvironment("chat", {
        ...input,
        tenant: testTenant({ models: { allowlist, defaultModel: "model-number-0" } }),
      });

    // Assess
    expect(build).toThrow(expect.objectContaining({ code: "LAMBDA_ENVIRONMENT_TOO_LARGE" }));
    expect(build).toThrow(/over Lambda's 4096/);
  });

  it.each(tenants.map((tenant) => [tenant.id, tenant] as const))(
    "gives %s's Lambdas no contact name or e-mail address, and a config the runtime still accepts",
    (_id, tenant) => {
      for (const fn of ["chat", "data", "admin"] as const) {
        // Act
        const variables = tenantFunctionEnvironment(fn, { ...input, tenant });
        const text = JSON.stringify(variables);

        // Assess
        const personal = tenant.contacts.flatMap((contact) => [contact.name, contact.email]);
        expect(personal.filter((value) => text.includes(value))).toEqual([]);
        expect(loadTenantRuntimeConfig(variables).tenant).toEqual(toRuntimeTenant(tenant));
      }
    },
  );
});

describe("exportDownloadBaseUrl", () => {
  it("serves downloads through the shared domain when there is one, else the API endpoint", () => {
    // Assess
    expect(
      exportDownloadBaseUrl({ tenantId: "acme", domainName: "api.example.com", apiEndpoint: "https://x" }),
    ).toBe("https://api.example.com/acme/v1/exports");
    expect(
      exportDownloadBaseUrl({
        tenantId: "acme",
        apiEndpoint: "https://abc.execute-api.us-east-1.amazonaws.com/",
      }),
    ).toBe("https://abc.execute-api.us-east-1.amazonaws.com/v1/exports");
    expect(() => exportDownloadBaseUrl({ tenantId: "acme" })).toThrow(
      expect.objectContaining({ code: "EXPORT_BASE_URL_UNKNOWN" }),
    );
  });
});
