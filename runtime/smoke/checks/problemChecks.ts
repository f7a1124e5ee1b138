import { randomUUID } from "node:crypto";
import { problemMediaType, problemSchema } from "../../api/schemas/problem.ts";
import { everyScope, type SmokeContext, type TenantState } from "../smokeContext.ts";
import { fail, pass } from "../smokeReport.ts";
import { unexpectedStatus } from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";

/** Errors of a real route come back as RFC 9457 problem+json with a stable `code`. */
export async function runProblemChecks(smoke: SmokeContext, tenant: TenantState): Promise<void> {
  const { tenantId } = tenant;
  await smoke.check("errors: 404 is problem+json", tenantId, async () => {
    const response = await smoke.client.send({
      tenantId,
      method: "GET",
      path: `/v1/conversations/${randomUUID()}`,
      token: await smoke.tokens.token(tenantId, everyScope),
    });
    if (response.status !== 404) return fail(unexpectedStatus(response, 404));
    if (response.contentType !== problemMediaType) {
      return fail(`404, but as ${response.contentType || "no content type"}, not ${problemMediaType}`);
    }
    const problem = schemaProblem(problemSchema, response.body);
    if (problem) return fail(`404, but not a Problem: ${problem}`);
    return pass(`404 ${problemSchema.parse(response.body).code}, ${problemMediaType}`);
  });
}
