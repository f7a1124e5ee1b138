import { performance } from "node:perf_hooks";
import type { ModelResponse } from "../models/modelTypes.ts";
import { roundMs } from "../time/roundMs.ts";
import { endFailedCall } from "./endFailedCall.ts";
import {
  type MeteredCallInput,
  type MeteringDeps,
  reserveModelCall,
  routerRequestOf,
} from "./reserveModelCall.ts";

/** A model call to meter. */
export type MeteredCompletionInput = MeteredCallInput;

/**
 * Milliseconds each phase of a metered call took, for the request's log line. A type alias rather than an
 * interface, so it is assignable to `OperationResult.timings`'s index signature.
 */
export type MeteringTimings = {
  readonly reserveMs: number;
  readonly modelMs: number;
  readonly settleMs: number;
};

/** What a metered call produced: the response, its settled ledger entry, and how long each phase took. */
export interface MeteredCompletion {
  readonly response: ModelResponse;
  readonly modelKey: string;
  readonly ledgerEntryId: string;
  readonly costUsd: string;
  readonly timings: MeteringTimings;
}

/**
 * Calls a model under two-phase metering, in the only order that never loses a usage record:
 * resolve the model and reserve a priced estimate ({@link reserveModelCall}) -> call the model -> settle
 * with the provider-reported tokens. A failed call releases the reservation and rethrows, so nothing is
 * billed, unless the provider reported usage with an answer it could not deliver usably (a bad response
 * that carries `billedUsage`): the provider bills that, so it is settled, and the error rethrown. A settle that fails leaves the reservation for the sweeper and fails the request: no ledger
 * row, no response.
 *
 * @example
 * const { response, costUsd } = await meteredCompletion(input, { router, ledger, maxTokensPerRequest: 4096, signal });
 */
export async function meteredCompletion(
  input: MeteredCompletionInput,
  deps: MeteringDeps,
): Promise<MeteredCompletion> {
  const call = await reserveModelCall(input, deps);
  const reserved = performance.now();
  let response: ModelResponse;
  try {
    response = await deps.router.complete(routerRequestOf(input, call), deps.signal);
  } catch (error) {
    await endFailedCall(deps.ledger, call.entryId, error);
    throw error;
  }
  const answered = performance.now();
  const settled = await deps.ledger.settle(call.entryId, response.usage);
  const timings = {
    reserveMs: roundMs(call.reserveMs),
    modelMs: roundMs(answered - reserved),
    settleMs: roundMs(performance.now() - answered),
  };
  return {
    response,
    modelKey: call.model.key,
    ledgerEntryId: call.entryId,
    costUsd: settled.costUsd,
    timings,
  };
}
