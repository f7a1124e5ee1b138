import type { ModelMessage } from "./modelTypes.ts";

/**
 * The text of one message as a model reads it, for counting: its text content, and for an assistant turn
 * the name and arguments of each tool call. Images are not text; see {@link messageImageCount}.
 *
 * @example
 * messageText({ role: "assistant", content: "", toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] }); // "f{}"
 */
export function messageText(message: ModelMessage): string {
  switch (message.role) {
    case "user":
      return typeof message.content === "string"
        ? message.content
        : message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
    case "assistant":
      return message.content + (message.toolCalls ?? []).map((call) => call.name + call.arguments).join("");
    default:
      return message.content;
  }
}

/** How many images a message carries (only user messages can). */
export function messageImageCount(message: ModelMessage): number {
  if (message.role !== "user" || typeof message.content === "string") return 0;
  return message.content.filter((part) => part.type === "image").length;
}
