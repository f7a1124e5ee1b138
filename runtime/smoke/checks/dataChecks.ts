import { conversationSchema } from "../../api/schemas/conversations.ts";
import { healthSchema } from "../../api/schemas/health.ts";
import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { fail, pass, skip } from "../smokeReport.ts";
import { describeResponse, unexpectedStatus } from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";

/**
 * Positive calls of the data group: the health check, then a conversation created, read back and deleted
 * (and gone afterwards). Leaves the conversation's id in `tenant` for the audit check.
 */
export async function runDataChecks(smoke: SmokeContext, tenant: TenantState): Promise<void> {
  const { tenantId } = tenant;
  const send = async (method: "GET" | "POST" | "DELETE", path: string, body?: unknown) =>
    smoke.client.send({
      tenantId,
      method,
      path,
      token: await smoke.tokens.token(tenantId, everyScope),
      ...(body !== undefined ? { body } : {}),
    });

  await smoke.check("data: health", tenantId, async () => {
    const response = await send("GET", "/v1/health");
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    const problem = schemaProblem(healthSchema, response.body);
    if (problem) return fail(`200, but not a Health: ${problem}`);
    const health = healthSchema.parse(response.body);
    if (health.status !== "ok") {
      return fail(
        `200, but status ${health.status} (database ${health.checks.database}, ledger ${health.checks.ledger})`,
      );
    }
    return pass(`200, status ok (version ${health.version})`);
  });

  const title = `silo smoke ${new Date().toISOString()}`;
  await smoke.check("data: create conversation", tenantId, async () => {
    const response = await send("POST", "/v1/conversations", { title, metadata: { source: "silo-smoke" } });
    if (response.status !== 201) return fail(unexpectedStatus(response, 201));
    const problem = schemaProblem(conversationSchema, response.body);
    if (problem) return fail(`201, but not a Conversation: ${problem}`);
    tenant.conversationId = conversationSchema.parse(response.body).id;
    return pass(`201, conversation ${tenant.conversationId}`);
  });

  const conversationId = tenant.conversationId;
  const noConversation = skip("the conversation could not be created");
  await smoke.check("data: get conversation", tenantId, async () => {
    if (conversationId === undefined) return noConversation;
    const response = await send("GET", `/v1/conversations/${conversationId}`);
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    const problem = schemaProblem(conversationSchema, response.body);
    if (problem) return fail(`200, but not a Conversation: ${problem}`);
    const conversation = conversationSchema.parse(response.body);
    if (conversation.id !== conversationId || conversation.title !== title) {
      return fail(
        `200, but got conversation ${conversation.id} "${conversation.title}", not the one created`,
      );
    }
    return pass("200, the conversation as created");
  });

  await smoke.check("data: delete conversation", tenantId, async () => {
    if (conversationId === undefined) return noConversation;
    const response = await send("DELETE", `/v1/conversations/${conversationId}`);
    if (response.status !== 204) return fail(unexpectedStatus(response, 204));
    const after = await send("GET", `/v1/conversations/${conversationId}`);
    if (after.status !== 404) return fail(`204, but a GET afterwards answered ${describeResponse(after)}`);
    return pass("204, and a GET afterwards answers 404");
  });
}
