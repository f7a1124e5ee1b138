import { auditEventPageSchema } from "../../api/schemas/audit.ts";
import { budgetSchema } from "../../api/schemas/budget.ts";
import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { fail, pass, skip } from "../smokeReport.ts";
import { unexpectedStatus } from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";

/** Positive calls of the admin group: the budget, and the audit log holding the conversation created. */
export async function runAdminChecks(smoke: SmokeContext, tenant: TenantState): Promise<void> {
  const { tenantId } = tenant;
  const get = async (path: string) =>
    smoke.client.send({
      tenantId,
      method: "GET",
      path,
      token: await smoke.tokens.token(tenantId, everyScope),
    });

  await smoke.check("admin: budget", tenantId, async () => {
    const response = await get("/v1/budget");
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    const problem = schemaProblem(budgetSchema, response.body);
    if (problem) return fail(`200, but not a Budget: ${problem}`);
    const budget = budgetSchema.parse(response.body);
    return pass(`200, ${budget.spentUsd} of ${budget.limitUsd} USD spent in ${budget.month}`);
  });

  await smoke.check("admin: audit events", tenantId, async () => {
    const conversationId = tenant.conversationId;
    if (conversationId === undefined) return skip("no conversation to look for: it could not be created");
    // Filtered to the action, so other traffic on a deployed stack cannot push the event off the page.
    const response = await get("/v1/audit/events?action=createConversation&limit=20");
    if (response.status !== 200) return fail(unexpectedStatus(response, 200));
    const problem = schemaProblem(auditEventPageSchema, response.body);
    if (problem) return fail(`200, but not an AuditEventPage: ${problem}`);
    const resource = `conversations/${conversationId}`;
    const event = auditEventPageSchema.parse(response.body).data.find((entry) => entry.resource === resource);
    if (event === undefined) return fail(`200, but no createConversation event for ${resource}`);
    if (event.outcome !== "succeeded" || event.status !== 201) {
      return fail(
        `the createConversation event says ${event.outcome} (${event.status}), the call answered 201`,
      );
    }
    return pass(`200, createConversation of ${resource} by ${event.actor.subject} is there`);
  });
}
