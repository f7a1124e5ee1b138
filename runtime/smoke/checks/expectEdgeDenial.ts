import type { SmokeResponse } from "../smokeClient.ts";
import { type CheckOutcome, fail, pass } from "../smokeReport.ts";
import { describeResponse, isProblem } from "./describeResponse.ts";

/**
 * Passes when the gateway itself refused the request with `status`. A refusal with problem+json came
 * from the tenant's runtime: the edge let the request through and only the second layer held, which
 * fails, since each isolation layer must hold alone.
 */
export function expectEdgeDenial(response: SmokeResponse, status: 401 | 403): CheckOutcome {
  if (response.status === status && !isProblem(response)) return pass(`${status} at the edge`);
  if (response.status === status) {
    return fail(
      `${describeResponse(response)} from the tenant runtime, not the edge: the authorizer let the request through`,
    );
  }
  return fail(`expected ${status} at the edge, got ${describeResponse(response)}`);
}
