/**
 * Lambda entry of the tenant's chat handler group: a response-streaming function
 * (`awslambda.streamifyResponse`, see streamingLambdaHandler.ts). Everything is built once at cold start
 * (top-level await), so a misconfigured function fails its first invocation with every problem named.
 */
import { lambdaStreamingRuntime } from "../lambda/lambdaStreamingRuntime.ts";
import { createTenantHandler } from "./createTenantHandler.ts";
import { streamingLambdaHandler } from "./streamingLambdaHandler.ts";

const runtime = lambdaStreamingRuntime();

export const handler = streamingLambdaHandler(await createTenantHandler("chat", process.env), runtime);
