import { describe, expect, it } from "vitest";
import {
  bufferedIntegrationTimeoutMs,
  streamingIntegrationTimeoutMs,
} from "../../../components/edge/apiRoutes.ts";
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
  });

  it("gives chat the 15 minutes of a streamed generation and keeps the buffered groups under their 29 s integrations", () => {
    // Prepare
    const tenant = testTenant();

    // Act
    const timeouts = (["chat", "data", "admin"] as const).map(
      (fn) => tenantFunctionSettings(fn, tenant).timeoutSeconds,
    );

    // Assess
    expect(timeouts[0]).toBe(streamingIntegrationTimeoutMs / 1000);
    expect(timeouts[1]).toBeLessThanOrEqual(bufferedIntegrationTimeoutMs / 1000);
    expect(timeouts[2]).toBeLessThanOrEqual(bufferedIntegrationTimeoutMs / 1000);
  });
});
