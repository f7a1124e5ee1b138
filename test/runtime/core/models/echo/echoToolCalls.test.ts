import { describe, expect, it } from "vitest";
import { z } from "zod";
import { echoToolCallId, echoToolCalls } from "../../../../../runtime/core/models/echo/echoToolCalls.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest, ModelTool } from "../../../../../runtime/core/models/modelTypes.ts";
import { schemaErrors } from "./schemaValidator.ts";

const weather: ModelTool = {
  name: "get_weather",
  description: "Current weather of a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["city", "unit"],
    additionalProperties: false,
  },
  strict: true,
};
const time: ModelTool = { name: "get_time", parameters: {} };
const booking: ModelTool = {
  name: "book_flight",
  parameters: z.toJSONSchema(
    z.object({
      from: z.string().regex(/^[A-Z]{3}$/),
      to: z.string().regex(/^[A-Z]{3}$/),
      when: z.iso.datetime(),
      passengers: z.array(z.object({ name: z.string(), age: z.int().min(0) })).min(1),
      seat: z.enum(["aisle", "window"]).nullable(),
    }),
  ),
};

function request(overrides: Partial<ModelRequest>): ModelRequest {
  return {
    modelKey: "echo",
    providerModelId: "echo-1",
    messages: [],
    maxTokens: 100,
    requestId: "req-1",
    tools: [weather, time, booking],
    ...overrides,
  };
}

function names(overrides: Partial<ModelRequest>, text: string): string[] {
  return echoToolCalls(request(overrides), text).map((call) => call.name);
}

function failure(run: () => unknown): ModelError {
  try {
    run();
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("no error thrown");
}

describe("echoToolCalls", () => {
  it("calls the tool a directive names, with arguments built from the rest of the text", () => {
    const calls = echoToolCalls(request({}), "Paris [[silo:call:get_weather]]");

    expect(calls).toEqual([
      { id: echoToolCallId("req-1", 0), name: "get_weather", arguments: '{"city":"Paris","unit":"celsius"}' },
    ]);
  });

  it.each([
    ["no directive under auto", {}, "hello", []],
    [
      "one call per directive, in order",
      {},
      "[[silo:call:get_time]] [[silo:call:get_weather]]",
      ["get_time", "get_weather"],
    ],
    ["every tool for call-all", {}, "[[silo:call-all]]", ["get_weather", "get_time", "book_flight"]],
    ["the first tool for required", { toolChoice: "required" }, "hello", ["get_weather"]],
    [
      "the directive's tool under required",
      { toolChoice: "required" },
      "[[silo:call:get_time]]",
      ["get_time"],
    ],
    [
      "the named tool, whatever the text",
      { toolChoice: { name: "book_flight" } },
      "[[silo:call:get_time]]",
      ["book_flight"],
    ],
    ["nothing under none", { toolChoice: "none" }, "[[silo:call:get_time]]", []],
    ["nothing when no tools are offered", { tools: [] }, "[[silo:call:get_time]]", []],
    [
      "only the first call without parallel calls",
      { parallelToolCalls: false },
      "[[silo:call-all]]",
      ["get_weather"],
    ],
  ] as const)("makes %s", (_name, overrides, text, expected) => {
    expect(names(overrides, text)).toEqual(expected);
  });

  it("makes arguments valid against each tool's schema, and ids unique per request and call", () => {
    // Act
    const calls = echoToolCalls(request({}), "[[silo:call-all]]");
    const again = echoToolCalls(request({ requestId: "req-2" }), "[[silo:call-all]]");

    // Assess
    for (const [index, tool] of [weather, time, booking].entries()) {
      expect(schemaErrors(tool.parameters, JSON.parse(calls[index]?.arguments ?? ""))).toEqual([]);
    }
    expect(calls[2]?.arguments).toBe(
      '{"from":"AAA","to":"AAA","when":"2000-01-01T00:00:00Z","passengers":[{"name":"echo","age":0}],"seat":"aisle"}',
    );
    expect(new Set([...calls, ...again].map((call) => call.id)).size).toBe(6);
    expect(calls.every((call) => /^call_[0-9a-f]{24}$/.test(call.id))).toBe(true);
  });

  it("rejects a directive naming a tool that is not offered, listing those that are", () => {
    const error = failure(() => echoToolCalls(request({}), "[[silo:call:get_wether]]"));

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error.message).toContain(
      '[[silo:call:get_wether]] names the tool "get_wether", which the request does not offer; offered: get_weather, get_time, book_flight',
    );
  });

  it("rejects a tool_choice naming a tool that is not offered", () => {
    const error = failure(() => echoToolCalls(request({ toolChoice: { name: "nope" } }), "hi"));

    expect(error.message).toContain('tool_choice names the tool "nope"');
  });

  it("refuses a tool whose parameters no value can satisfy, naming the parameter", () => {
    const impossible: ModelTool = {
      name: "never",
      parameters: {
        type: "object",
        properties: { n: { type: "integer", minimum: 2, maximum: 1 } },
        required: ["n"],
      },
    };

    const error = failure(() =>
      echoToolCalls(request({ tools: [weather, impossible] }), "[[silo:call:never]]"),
    );

    expect(error.code).toBe("MODEL_UNSUPPORTED_PARAMETER");
    expect(error.message).toMatch(
      /^tools\[1\]\.function\.parameters: the echo provider cannot build arguments for tool "never" at "\/n"/,
    );
  });
});
