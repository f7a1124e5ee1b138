import { createGroupHandler } from "../../../../runtime/api/createGroupHandler.ts";
import { bufferedLambdaHandler } from "../../../../runtime/api/handlers/bufferedLambdaHandler.ts";
import type { OperationTable } from "../../../../runtime/api/operation.ts";
import type { OperationDeps } from "../../../../runtime/api/routes/operationDeps.ts";
import type { HandlerGroup } from "../../../../runtime/api/routes.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import { type ApiEventInput, apiEvent } from "./apiEvent.ts";
import type { TenantTestDatabase } from "./tenantTestDatabase.ts";

/** A response as a test sees it: a JSON body parsed, a file (base64 in the Lambda result) as its bytes. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | number | boolean>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies; schemas are checked by the handler
  readonly body: any;
}

/**
 * A handler group for tenant `acme-health` over a real tenant database, with response validation on and
 * log lines captured, plus `call(routeKey, input)` that sends a real-shaped event and parses the answer.
 * Operations not given are filled with ones that fail loudly, so a group can be tested part by part.
 */
export async function groupHarness<Deps extends OperationDeps = OperationDeps>(
  group: HandlerGroup,
  operations: OperationTable<Deps>,
  tenantDb: TenantTestDatabase,
  extraDeps: Partial<Deps> & Record<string, unknown> = {},
) {
  const tenant = await loadTenant("acme-health");
  const logs: Record<string, unknown>[] = [];
  const complete = new Proxy(operations, {
    get: (target, name: string) =>
      target[name] ??
      (async () => {
        throw new Error(`operation ${name} is not part of this test`);
      }),
  });
  const handler = createGroupHandler<Deps>({
    group,
    tenantId: tenant.id,
    operations: complete,
    deps: { db: tenantDb.db, tenant, ...extraDeps } as unknown as Deps,
    db: tenantDb.db,
    validateResponses: true,
    log: (entry) => logs.push(entry),
  });
  async function call(routeKey: string, input: ApiEventInput = {}): Promise<TestResponse> {
    const result = await bufferedLambdaHandler(handler)(
      apiEvent(routeKey, { tenantId: tenant.id, ...input }),
    );
    return {
      status: result.statusCode ?? 0,
      headers: result.headers ?? {},
      body:
        result.body === undefined
          ? undefined
          : result.isBase64Encoded
            ? Buffer.from(result.body, "base64")
            : String(result.headers?.["content-type"]).startsWith("text/event-stream")
              ? result.body
              : JSON.parse(result.body),
    };
  }
  return { handler, call, logs, tenant };
}
