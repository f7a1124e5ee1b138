import { countTokens } from "../countTokens.ts";
import type { ModelMessage, ModelRequest } from "../modelTypes.ts";

/** Input tokens the echo provider counts per image, whatever its size: OpenAI's price of a low-detail image. */
export const echoImageTokens = 85;

/**
 * The echo provider's input tokens for a request, by {@link countTokens}: each message's text (a user
 * message's text parts joined, an assistant message's content plus each tool call's name and arguments, a
 * tool message's content), {@link echoImageTokens} per image, each offered tool's name, description and
 * parameters as JSON, and a `json_schema` response format's schema as JSON (real providers bill tool
 * definitions and schemas as prompt). Counted per message, so adding a message never lowers the count.
 *
 * @example
 * echoInputTokens({ ...request, messages: [{ role: "user", content: "hello" }] }); // 2
 */
export function echoInputTokens(request: ModelRequest): number {
  let total = 0;
  for (const message of request.messages) total += messageTokens(message);
  for (const tool of request.tools ?? []) {
    total += countTokens(
      JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.parameters }),
    );
  }
  if (request.responseFormat?.type === "json_schema") {
    total += countTokens(JSON.stringify(request.responseFormat.schema));
  }
  return total;
}

function messageTokens(message: ModelMessage): number {
  switch (message.role) {
    case "user": {
      if (typeof message.content === "string") return countTokens(message.content);
      const text = message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
      const images = message.content.filter((part) => part.type === "image").length;
      return countTokens(text) + images * echoImageTokens;
    }
    case "assistant":
      return countTokens(
        message.content + (message.toolCalls ?? []).map((call) => call.name + call.arguments).join(""),
      );
    default:
      return countTokens(message.content);
  }
}
