import { ProviderRejectedError } from "../modelErrors.ts";
import type { ModelMessage } from "../modelTypes.ts";

/**
 * The echo provider's text answer when the conversation ends with tool results (the second call of a tool
 * round trip): `tool <name> returned <content>` for each trailing `tool` message, joined by `; `, each name
 * found through its `toolCallId` in an earlier assistant message's tool calls. `undefined` when the last
 * message is not a tool result.
 *
 * @throws ProviderRejectedError when a tool message answers a call id no earlier assistant message made, as
 * OpenAI refuses it.
 *
 * @example
 * echoToolResults([user, { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] },
 *   { role: "tool", toolCallId: "c1", content: "42" }], "echo"); // "tool f returned 42"
 */
export function echoToolResults(messages: readonly ModelMessage[], modelKey: string): string | undefined {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role === "tool") start -= 1;
  if (start === messages.length) return undefined;
  const names = new Map<string, string>();
  for (const message of messages.slice(0, start)) {
    if (message.role !== "assistant") continue;
    for (const call of message.toolCalls ?? []) names.set(call.id, call.name);
  }
  const results: string[] = [];
  for (const [offset, message] of messages.slice(start).entries()) {
    if (message.role !== "tool") continue;
    const name = names.get(message.toolCallId);
    if (name === undefined) {
      throw new ProviderRejectedError({
        provider: "echo",
        modelKey,
        detail: `messages[${start + offset}] answers the tool call id ${JSON.stringify(message.toolCallId)}, which no earlier assistant message made; send the assistant message with its tool_calls before the tool results`,
      });
    }
    results.push(`tool ${name} returned ${message.content}`);
  }
  return results.join("; ");
}
