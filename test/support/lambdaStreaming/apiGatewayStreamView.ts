import type { APIGatewayProxyResult } from "aws-lambda";
import { httpIntegrationResponseContentType, preludeDelimiterBytes } from "./localLambdaStreamingRuntime.ts";
import type { RecordedChunk } from "./recordingResponseStream.ts";

/** What API Gateway sends the client for a streamed (STREAM) Lambda proxy integration. */
export interface ForwardedStream {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  /** Headers with several values (`Set-Cookie`), as the prelude's `multiValueHeaders` gave them. */
  readonly multiValueHeaders?: Record<string, string[]>;
  /** The prelude's `cookies`, each one `Set-Cookie` header. */
  readonly cookies?: readonly string[];
  /** The body chunks in order, the delimiter stripped; each with the time its bytes reached the gateway. */
  readonly chunks: readonly { readonly text: string; readonly atMs: number }[];
  readonly body: string;
}

/**
 * A model of API Gateway's STREAM Lambda proxy integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html): the
 * stream must start with the metadata prelude JSON and 8 NUL bytes (else the gateway answers 502); the
 * prelude gives the status, `headers`, `multiValueHeaders` and `cookies` (the format that page documents);
 * every byte after the delimiter is passed through as it arrives.
 */
export function apiGatewayStreamView(stream: {
  readonly contentType: () => string;
  readonly chunks: readonly RecordedChunk[];
}): ForwardedStream {
  if (stream.contentType() !== httpIntegrationResponseContentType) {
    throw new Error(`not an HTTP integration stream: content type ${stream.contentType()}`);
  }
  const all = Buffer.concat(stream.chunks.map((chunk) => chunk.bytes));
  const delimiter = Buffer.alloc(preludeDelimiterBytes);
  const end = all.indexOf(delimiter);
  if (end < 0)
    throw new Error("the stream has no 8-NUL delimiter after its prelude: API Gateway answers 502");
  const prelude = JSON.parse(all.subarray(0, end).toString("utf8")) as {
    statusCode?: number;
    headers?: Record<string, string>;
    multiValueHeaders?: Record<string, string[]>;
    cookies?: string[];
  };
  let offset = 0;
  const chunks: { text: string; atMs: number }[] = [];
  for (const chunk of stream.chunks) {
    const start = Math.max(0, end + preludeDelimiterBytes - offset);
    offset += chunk.bytes.length;
    if (start >= chunk.bytes.length) continue;
    chunks.push({ text: chunk.bytes.subarray(start).toString("utf8"), atMs: chunk.atMs });
  }
  return {
    statusCode: prelude.statusCode ?? 200,
    headers: prelude.headers ?? {},
    ...(prelude.multiValueHeaders ? { multiValueHeaders: prelude.multiValueHeaders } : {}),
    ...(prelude.cookies ? { cookies: prelude.cookies } : {}),
    chunks,
    body: chunks.map((chunk) => chunk.text).join(""),
  };
}

/**
 * A model of a buffered (non-STREAM) Lambda proxy integration invoking a streaming function with plain
 * Invoke: Lambda buffers what was written and the gateway parses it as a payload 1.0 proxy result.
 */
export function apiGatewayBufferedView(bytes: Buffer): APIGatewayProxyResult {
  return JSON.parse(bytes.toString("utf8")) as APIGatewayProxyResult;
}
