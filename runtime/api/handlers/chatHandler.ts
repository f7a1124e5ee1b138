/**
 * Lambda entry of the tenant's chat handler group. Everything is built once at cold start (top-level
 * await), so a misconfigured function fails its first invocation with every problem named.
 */
import { bufferedLambdaHandler } from "./bufferedLambdaHandler.ts";
import { createTenantHandler } from "./createTenantHandler.ts";

export const handler = bufferedLambdaHandler(await createTenantHandler("chat", process.env));
