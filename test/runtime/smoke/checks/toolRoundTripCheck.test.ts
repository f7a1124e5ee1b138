import { describe, expect, it } from "vitest";
import { checkToolRoundTrip, smokeTool } from "../../../../runtime/smoke/checks/toolRoundTripCheck.ts";
import type { SmokeRequest } from "../../../../runtime/smoke/smokeClient.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

const toolCall = {
  id: "call_1",
  type: "function",
  function: { name: "silo_smoke_echo", arguments: '{"word":"ok"}' },
};

function completion(message: Record<string, unknown>, finishReason: string) {
  return {
    id: "chatcmpl-0b7e6f9c",
    object: "chat.completion",
    created: 1_767_225_600,
    model: "nova-micro",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, refusal: null, ...message },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 40, completion_tokens: 5, total_tokens: 45 },
  };
}

const called = completion({ tool_calls: [toolCall] }, "tool_calls");
const answered = completion({ content: "echo: tool silo_smoke_echo returned ok" }, "stop");

/** The check against a fake API answering call 1 with `first` and call 2 with `second`. */
async function roundTrip(first: unknown, second: unknown = response(200, answered), deterministic = true) {
  const { context, requests } = fakeSmokeContext((request) =>
    (request.body as { messages: unknown[] }).messages.length === 1
      ? (first as ReturnType<typeof response>)
      : (second as ReturnType<typeof response>),
  );
  const outcome = await checkToolRoundTrip(context, "globex", "nova-micro", deterministic);
  return { outcome, bodies: requests.map((request: SmokeRequest) => request.body) };
}

describe("checkToolRoundTrip", () => {
  it("forces the tool, sends its result back and passes the final answer", async () => {
    const { outcome, bodies } = await roundTrip(response(200, called));

    expect(outcome).toEqual({
      status: "pass",
      detail: '1 call(s) of silo_smoke_echo with {"word":"ok"}, then 38 characters of answer, stop',
    });
    expect(bodies[0]).toMatchObject({
      tools: [smokeTool],
      tool_choice: { type: "function", function: { name: "silo_smoke_echo" } },
    });
    expect(bodies[1]).toMatchObject({
      messages: [
        { role: "user" },
        { role: "assistant", content: null, tool_calls: [toolCall] },
        { role: "tool", tool_call_id: "call_1", content: "ok" },
      ],
      tools: [smokeTool],
      tool_choice: "none",
    });
  });

  it("accepts finish reason stop on the forced call, as OpenAI answers a named tool_choice", async () => {
    const { outcome } = await roundTrip(response(200, completion({ tool_calls: [toolCall] }, "stop")));

    expect(outcome.status).toBe("pass");
  });

  it("skips a model that cannot force a tool, with the runtime's reason", async () => {
    const refusal = response(
      400,
      { code: "MODEL_UNSUPPORTED_PARAMETER", detail: "meta.llama3 cannot force a tool choice" },
      "application/problem+json",
    );

    const { outcome } = await roundTrip(refusal);

    expect(outcome).toEqual({
      status: "skip",
      detail:
        "nova-micro cannot force a tool: 400 MODEL_UNSUPPORTED_PARAMETER: meta.llama3 cannot force a tool choice",
    });
  });

  it("fails a forced call answered in text, or with arguments that are not a JSON object", async () => {
    const text = await roundTrip(response(200, completion({ content: "ok" }, "stop")));
    const badArguments = await roundTrip(
      response(
        200,
        completion(
          { tool_calls: [{ ...toolCall, function: { name: "other", arguments: "[1]" } }] },
          "tool_calls",
        ),
      ),
    );

    expect(text.outcome).toEqual({
      status: "fail",
      detail: "call 1 (forced tool): no tool call although tool_choice named the tool",
    });
    expect(badArguments.outcome).toEqual({
      status: "fail",
      detail:
        'call 1 (forced tool): it called other, not silo_smoke_echo; the arguments "[1]" are not a JSON object',
    });
  });

  it("fails a second answer that calls a tool again, or differs from the echo provider's", async () => {
    const again = await roundTrip(response(200, called), response(200, called));
    const other = await roundTrip(
      response(200, called),
      response(200, completion({ content: "ok" }, "stop")),
    );
    const real = await roundTrip(
      response(200, called),
      response(200, completion({ content: "ok" }, "stop")),
      false,
    );

    expect(again.outcome).toEqual({
      status: "fail",
      detail:
        'call 2 (tool result): it called a tool again instead of answering; finish reason tool_calls, not stop; the answer has no content; a deterministic model answered "", not "echo: tool silo_smoke_echo returned ok"',
    });
    expect(other.outcome.detail).toBe(
      'call 2 (tool result): a deterministic model answered "ok", not "echo: tool silo_smoke_echo returned ok"',
    );
    expect(real.outcome.status).toBe("pass");
  });

  it("fails an answer without x-request-id or that is not a ChatCompletion", async () => {
    const noId = await roundTrip(response(200, called, "application/json", {}));
    const notCompletion = await roundTrip(response(200, { object: "list" }));

    expect(noId.outcome.detail).toBe("call 1 (forced tool): 200, but no x-request-id header");
    expect(notCompletion.outcome.detail).toMatch(/^call 1 \(forced tool\): 200, but not a ChatCompletion: /);
  });
});
