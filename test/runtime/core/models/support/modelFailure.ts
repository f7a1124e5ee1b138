import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";

/** The model error a call rejects with; fails the test if the call succeeds. */
export async function modelFailure(
  promise: Promise<unknown>,
): Promise<ModelError & { param?: string; retryAfterSeconds?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}
