import { type ChatCompletion, chatCompletionSchema } from "../../api/schemas/chatCompletions.ts";
import type { SmokeResponse } from "../smokeClient.ts";
import { everyScope, type SmokeContext } from "../smokeContext.ts";
import { type CheckOutcome, fail, pass, skip } from "../smokeReport.ts";
import {
  describeResponse,
  isUnsupportedByModel,
  requestIdProblem,
  unexpectedStatus,
} from "./describeResponse.ts";
import { schemaProblem } from "./schemaProblem.ts";
import { smokeMaxTokens } from "./smokePrompt.ts";

/** The tool the suite offers; it "returns" {@link smokeToolResult}. */
export const smokeTool = {
  type: "function",
  function: {
    name: "silo_smoke_echo",
    description: "Returns the word it is given. The silo smoke test calls it once.",
    parameters: {
      type: "object",
      properties: { word: { type: "string", description: "The word to return" } },
      required: ["word"],
      additionalProperties: false,
    },
  },
} as const;

/** What the tool "returned", sent back in the `tool` message. */
export const smokeToolResult = "ok";

const toolPrompt = `silo smoke test: call ${smokeTool.function.name} with the word ok, then reply with what it returned`;

/**
 * A tool round trip, as agents make it. Call 1 offers {@link smokeTool} and forces it with a named
 * `tool_choice`, so a real model must call it too: a ChatCompletion whose message calls that tool with JSON
 * object arguments (finish reason `tool_calls`, or `stop` as OpenAI answers a named choice). Call 2 appends
 * the assistant's tool calls and one `tool` message per call, with `tool_choice: "none"`: a text answer,
 * finish reason `stop`. With `deterministic`, that answer must be the echo provider's exact one. A model that
 * cannot force a tool (400 `MODEL_UNSUPPORTED_PARAMETER`) skips the check.
 */
export async function checkToolRoundTrip(
  smoke: SmokeContext,
  tenantId: string,
  model: string,
  deterministic: boolean,
): Promise<CheckOutcome> {
  const token = await smoke.tokens.token(tenantId, everyScope);
  const call = (body: Record<string, unknown>) =>
    smoke.client.send({ tenantId, method: "POST", path: "/v1/chat/completions", token, body });
  const user = { role: "user", content: toolPrompt };
  const first = await call({
    model,
    messages: [user],
    max_tokens: smokeMaxTokens * 2,
    tools: [smokeTool],
    tool_choice: { type: "function", function: { name: smokeTool.function.name } },
  });
  if (isUnsupportedByModel(first)) return skip(`${model} cannot force a tool: ${describeResponse(first)}`);
  const called = completionOf(first, "call 1 (forced tool)");
  if (typeof called === "string") return fail(called);
  const message = called.choices[0]?.message;
  const toolCalls = message?.tool_calls ?? [];
  const wrongCall = toolCalls.find((toolCall) => toolCall.function.name !== smokeTool.function.name);
  const badArguments = toolCalls.find((toolCall) => !isJsonObject(toolCall.function.arguments));
  const firstProblems = [
    toolCalls.length === 0 && "no tool call although tool_choice named the tool",
    wrongCall && `it called ${wrongCall.function.name}, not ${smokeTool.function.name}`,
    badArguments && `the arguments ${JSON.stringify(badArguments.function.arguments)} are not a JSON object`,
    !["tool_calls", "stop"].includes(called.choices[0]?.finish_reason ?? "") &&
      `finish reason ${called.choices[0]?.finish_reason}, not tool_calls`,
  ].filter((problem): problem is string => typeof problem === "string");
  if (firstProblems.length > 0) return fail(`call 1 (forced tool): ${firstProblems.join("; ")}`);

  const second = await call({
    model,
    messages: [
      user,
      { role: "assistant", content: message?.content ?? null, tool_calls: toolCalls },
      ...toolCalls.map((toolCall) => ({ role: "tool", tool_call_id: toolCall.id, content: smokeToolResult })),
    ],
    max_tokens: smokeMaxTokens,
    tools: [smokeTool],
    tool_choice: "none",
  });
  const answered = completionOf(second, "call 2 (tool result)");
  if (typeof answered === "string") return fail(answered);
  const choice = answered.choices[0];
  const text = choice?.message.content ?? "";
  const expected = `echo: tool ${smokeTool.function.name} returned ${smokeToolResult}`;
  const secondProblems = [
    choice?.message.tool_calls !== undefined && "it called a tool again instead of answering",
    choice?.finish_reason !== "stop" && `finish reason ${choice?.finish_reason}, not stop`,
    text === "" && "the answer has no content",
    deterministic &&
      text !== expected &&
      `a deterministic model answered ${JSON.stringify(text)}, not ${JSON.stringify(expected)}`,
  ].filter((problem): problem is string => typeof problem === "string");
  if (secondProblems.length > 0) return fail(`call 2 (tool result): ${secondProblems.join("; ")}`);
  return pass(
    `${toolCalls.length} call(s) of ${smokeTool.function.name} with ${truncate(toolCalls[0]?.function.arguments ?? "")}, ` +
      `then ${text.length} characters of answer, stop`,
  );
}

/** The completion of a 200 answer, or why there is none (a string). */
function completionOf(response: SmokeResponse, step: string): ChatCompletion | string {
  if (response.status !== 200) return `${step}: ${unexpectedStatus(response, 200)}`;
  const problem = schemaProblem(chatCompletionSchema, response.body);
  if (problem) return `${step}: 200, but not a ChatCompletion: ${problem}`;
  const missingId = requestIdProblem(response);
  if (missingId) return `${step}: 200, but ${missingId}`;
  return chatCompletionSchema.parse(response.body);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
