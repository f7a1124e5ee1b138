import { describe, expect, it } from "vitest";
import {
  type BedrockCapabilities,
  bedrockCapabilitiesOf,
} from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";
import { converseToolConfig } from "../../../../../runtime/core/models/bedrock/converseToolConfig.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest, ModelTool } from "../../../../../runtime/core/models/modelTypes.ts";
import { bedrockRequest as request } from "../support/bedrockRequest.ts";

const claude = bedrockCapabilitiesOf("anthropic.claude-sonnet-4-20250514-v1:0");
const novaMicro = bedrockCapabilitiesOf("amazon.nova-micro-v1:0");
const llama = bedrockCapabilitiesOf("meta.llama3-1-70b-instruct-v1:0");
const titanText = bedrockCapabilitiesOf("amazon.titan-text-express-v1");
const noHistory = new Set<string>();

const weather: ModelTool = {
  name: "get_weather",
  description: "Current weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const weatherSpec = {
  toolSpec: {
    name: "get_weather",
    description: "Current weather of a city",
    inputSchema: { json: weather.parameters },
  },
};

function refusal(overrides: Partial<ModelRequest>, capabilities: BedrockCapabilities = claude) {
  try {
    converseToolConfig(request(overrides), capabilities, noHistory);
  } catch (error) {
    return error as ModelError & { param: string };
  }
  throw new Error("the request was accepted");
}

describe("converseToolConfig: tools and tool choice", () => {
  it.each([
    ["auto", { auto: {} }],
    [undefined, { auto: {} }],
    ["required", { any: {} }],
    [{ name: "get_weather" }, { tool: { name: "get_weather" } }],
  ] as const)("maps tool_choice %j to %j", (toolChoice, expected) => {
    const { toolConfig, jsonToolName } = converseToolConfig(
      request({ tools: [weather], toolChoice }),
      claude,
      noHistory,
    );

    expect(toolConfig).toStrictEqual({ tools: [weatherSpec], toolChoice: expected });
    expect(jsonToolName).toBeUndefined();
  });

  it("sends no toolConfig without tools, or for tool_choice none without tool history", () => {
    expect(converseToolConfig(request(), claude, noHistory).toolConfig).toBeUndefined();
    expect(
      converseToolConfig(request({ tools: [weather], toolChoice: "none" }), claude, noHistory).toolConfig,
    ).toBeUndefined();
  });

  it("sends the caller's tools unforced for tool_choice none when the history holds calls", () => {
    const { toolConfig } = converseToolConfig(
      request({ tools: [weather], toolChoice: "none" }),
      claude,
      new Set(["get_weather"]),
    );

    expect(toolConfig).toStrictEqual({ tools: [weatherSpec] });
  });

  it("leaves an auto toolChoice out for a model outside the table, which might refuse it", () => {
    const { toolConfig } = converseToolConfig(
      request({ tools: [weather] }),
      bedrockCapabilitiesOf("newvendor.model-v1:0"),
      noHistory,
    );

    expect(toolConfig).toStrictEqual({ tools: [weatherSpec] });
  });

  it("leaves the toolChoice out for models that offer only auto", () => {
    expect(converseToolConfig(request({ tools: [weather] }), llama, noHistory).toolConfig).toStrictEqual({
      tools: [weatherSpec],
    });
  });

  it.each(["required", { name: "get_weather" }] as const)(
    "refuses tool_choice %j to a model without forced tool choice",
    (toolChoice) => {
      expect(refusal({ tools: [weather], toolChoice }, llama)).toMatchObject({
        code: "MODEL_UNSUPPORTED_PARAMETER",
        param: "tool_choice",
      });
    },
  );

  it("refuses tools to a model without tool calling", () => {
    const error = refusal({ providerModelId: "amazon.titan-text-express-v1", tools: [weather] }, titanText);

    expect(error.param).toBe("tools");
    expect(error.message).toBe(
      'tools: amazon.titan-text-express-v1 does not support tool calling for model "claude-sonnet" (bedrock); ' +
        "leave out tools and tool messages, or pick a model with tool calling (GET /v1/models)",
    );
  });
});

describe("converseToolConfig: JSON output through a forced tool", () => {
  it("uses an object schema for json_object", () => {
    const { toolConfig, jsonToolName } = converseToolConfig(
      request({ responseFormat: { type: "json_object" } }),
      novaMicro,
      noHistory,
    );

    expect(jsonToolName).toBe("json_response");
    expect(toolConfig).toStrictEqual({
      tools: [
        {
          toolSpec: {
            name: "json_response",
            description: "Give the final answer as this tool's input, a JSON object.",
            inputSchema: { json: { type: "object" } },
          },
        },
      ],
      toolChoice: { tool: { name: "json_response" } },
    });
  });

  it("offers the caller's tools beside the JSON tool and requires one of them to be called", () => {
    const { toolConfig } = converseToolConfig(
      request({ tools: [weather], responseFormat: { type: "json_object" } }),
      claude,
      noHistory,
    );

    expect(toolConfig?.tools?.map((tool) => tool.toolSpec?.name)).toEqual(["get_weather", "json_response"]);
    expect(toolConfig?.toolChoice).toStrictEqual({ any: {} });
  });

  it("keeps a named tool_choice, and offers only the JSON tool for tool_choice none", () => {
    const named = converseToolConfig(
      request({
        tools: [weather],
        toolChoice: { name: "get_weather" },
        responseFormat: { type: "json_object" },
      }),
      claude,
      noHistory,
    );
    const none = converseToolConfig(
      request({ tools: [weather], toolChoice: "none", responseFormat: { type: "json_object" } }),
      claude,
      noHistory,
    );

    expect(named.toolConfig?.toolChoice).toStrictEqual({ tool: { name: "get_weather" } });
    expect(none.toolConfig?.tools?.map((tool) => tool.toolSpec?.name)).toEqual(["json_response"]);
    expect(none.toolConfig?.toolChoice).toStrictEqual({ tool: { name: "json_response" } });
  });

  it("leaves plain text alone for response_format text", () => {
    const { toolConfig, jsonToolName } = converseToolConfig(
      request({ responseFormat: { type: "text" } }),
      titanText,
      noHistory,
    );

    expect(jsonToolName).toBeUndefined();
    expect(toolConfig).toBeUndefined();
  });

  it("refuses JSON output to a model without forced tool choice", () => {
    const error = refusal(
      { providerModelId: "meta.llama3-1-70b-instruct-v1:0", responseFormat: { type: "json_object" } },
      llama,
    );

    expect(error.param).toBe("response_format");
    expect(error.message).toBe(
      "response_format: JSON output needs a forced tool choice, which Bedrock offers only for some models and not for " +
        'meta.llama3-1-70b-instruct-v1:0 for model "claude-sonnet" (bedrock); leave out response_format, or pick a model such as Anthropic Claude or Amazon Nova (GET /v1/models)',
    );
  });

  it("refuses a caller's tool that takes the JSON tool's name", () => {
    const error = refusal({
      tools: [weather, { name: "json_response", parameters: { type: "object" } }],
      responseFormat: { type: "json_object" },
    });

    expect(error.param).toBe("tools[1].function.name");
  });
});

describe("converseToolConfig: models with any but no specific tool choice (Mistral Large)", () => {
  // Converse's toolChoice.tool is "only supported by Anthropic Claude 3 and Amazon Nova models".
  const mistralLarge = bedrockCapabilitiesOf("mistral.mistral-large-2407-v1:0");

  it.each([
    ["mistral.mistral-large-2407-v1:0", false],
    ["us.mistral.pixtral-large-2502-v1:0", false],
    ["anthropic.claude-3-haiku-20240307-v1:0", true],
    ["amazon.nova-micro-v1:0", true],
    ["meta.llama3-1-70b-instruct-v1:0", false],
  ])("reads whether %s takes a specific tool choice: %s", (modelId, specificToolChoice) => {
    expect(bedrockCapabilitiesOf(modelId).specificToolChoice).toBe(specificToolChoice);
  });

  it("forces the JSON tool, offered alone, with any instead of naming it", () => {
    const { toolConfig, jsonToolName } = converseToolConfig(
      request({
        providerModelId: "mistral.mistral-large-2407-v1:0",
        responseFormat: { type: "json_object" },
      }),
      mistralLarge,
      noHistory,
    );

    expect(jsonToolName).toBe("json_response");
    expect(toolConfig?.tools?.map((tool) => tool.toolSpec?.name)).toEqual(["json_response"]);
    expect(toolConfig?.toolChoice).toStrictEqual({ any: {} });
  });

  it("still forces a call with any for tool_choice required", () => {
    const { toolConfig } = converseToolConfig(
      request({
        providerModelId: "mistral.mistral-large-2407-v1:0",
        tools: [weather],
        toolChoice: "required",
      }),
      mistralLarge,
      noHistory,
    );

    expect(toolConfig?.toolChoice).toStrictEqual({ any: {} });
  });

  it.each([
    ["alone", {}],
    ["with JSON output", { responseFormat: { type: "json_object" } as const }],
  ])("refuses a named tool_choice %s, naming tool_choice and the fix", (_case, overrides) => {
    const error = refusal(
      {
        providerModelId: "mistral.mistral-large-2407-v1:0",
        tools: [weather],
        toolChoice: { name: "get_weather" },
        ...overrides,
      },
      mistralLarge,
    );

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "tool_choice" });
    expect(error.message).toBe(
      'tool_choice: a named tool_choice needs Converse\'s specific tool choice, which Bedrock offers for Anthropic Claude and Amazon Nova models and not for mistral.mistral-large-2407-v1:0 for model "claude-sonnet" (bedrock); send tool_choice "required" with only that tool in tools, which forces it as well, or pick a Claude or Nova model',
    );
  });
});
