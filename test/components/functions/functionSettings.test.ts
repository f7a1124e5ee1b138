import { describe, expect, it } from "vitest";
import { lambdaRuntime, tenantFunctionSettings } from "../../../components/functions/functionSettings.ts";
import { testTenant } from "../support.ts";

describe("tenantFunctionSettings", () => {
  it("reserves the tenant's concurrency for each handler group and runs migrations one at a time", () => {
    // Prepare
    const tenant = testTenant({ limits: { reservedConcurrency: 7 } });

    // Act
    const chat = tenantFunctionSettings("chat", tenant);
    const migrate = tenantFunctionSettings("migrate", tenant);

    // Assess
    expect(lambdaRuntime).toBe("nodejs22.x");
    expect(chat.reservedConcurrency).toBe(7);
    expect(tenantFunctionSettings("data", tenant).reservedConcurrency).toBe(7);
    expect(migrate.reservedConcurrency).toBe(1);
    expect(chat.timeoutSeconds).toBeLessThanOrEqual(30);
  });
});
