import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  checkStructuredOutput,
  smokeAnswerJsonSchema,
  smokeAnswerSchema,
} from "../../../../runtime/smoke/checks/structuredOutputCheck.ts";
import { fakeSmokeContext, response } from "../fakeSmokeContext.ts";

function completion(content: string, finishReason = "stop") {
  return {
    id: "chatcmpl-0b7e6f9c",
    object: "chat.completion",
    created: 1_767_225_600,
    model: "nova-micro",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 40, completion_tokens: 9, total_tokens: 49 },
  };
}

async function check(answer: ReturnType<typeof response>) {
  const { context, requests } = fakeSmokeContext(() => answer);
  const outcome = await checkStructuredOutput(context, "globex", "nova-micro");
  return { outcome, body: requests[0]?.body };
}

describe("checkStructuredOutput", () => {
  it("asks for a strict json_schema and passes JSON valid against it", async () => {
    const { outcome, body } = await check(response(200, completion('{"word":"ok","confident":true}')));

    expect(outcome).toEqual({
      status: "pass",
      detail: '200, JSON valid against the schema: {"word":"ok","confident":true}',
    });
    expect(body).toMatchObject({
      response_format: {
        type: "json_schema",
        json_schema: { name: "smoke_answer", strict: true, schema: smokeAnswerJsonSchema },
      },
    });
  });

  it("sends the JSON Schema of the zod schema it validates with", () => {
    const { $schema: _dialect, ...generated } = z.toJSONSchema(smokeAnswerSchema) as Record<string, unknown>;
    const withoutDescriptions = JSON.parse(
      JSON.stringify(smokeAnswerJsonSchema).replaceAll(/,"description":"[^"]*"/g, ""),
    );

    expect(generated).toEqual(withoutDescriptions);
  });

  it("fails a dropped format (plain text), JSON off the schema, and an answer cut short", async () => {
    expect((await check(response(200, completion("ok")))).outcome).toEqual({
      status: "fail",
      detail: '200, but the content is not JSON: "ok"',
    });
    expect((await check(response(200, completion('{"word":"ok"}')))).outcome.detail).toMatch(
      /^200, but the JSON does not match the schema: confident: /,
    );
    expect((await check(response(200, completion('{"word":"o', "length")))).outcome.detail).toBe(
      "200, but finish reason length, not stop",
    );
  });

  it("skips a model that cannot answer in a JSON schema", async () => {
    const refusal = response(
      400,
      { code: "MODEL_UNSUPPORTED_PARAMETER", detail: "titan-text cannot answer in JSON" },
      "application/problem+json",
    );

    expect((await check(refusal)).outcome).toEqual({
      status: "skip",
      detail:
        "nova-micro cannot answer in a JSON schema: 400 MODEL_UNSUPPORTED_PARAMETER: titan-text cannot answer in JSON",
    });
  });

  it("fails an answer without x-request-id", async () => {
    const answer = response(200, completion('{"word":"ok","confident":true}'), "application/json", {});

    expect((await check(answer)).outcome).toEqual({
      status: "fail",
      detail: "200, but no x-request-id header",
    });
  });
});
