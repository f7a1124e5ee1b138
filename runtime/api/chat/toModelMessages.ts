import { decodeDataUrl } from "../../core/models/images/decodeDataUrl.ts";
import { fetchRemoteImage, type RemoteImageOptions } from "../../core/models/images/fetchRemoteImage.ts";
import type { ModelContentPart, ModelMessage } from "../../core/models/modelTypes.ts";
import { type ChatMessage, contentText } from "../schemas/chatCompletions.ts";

/**
 * OpenAI chat messages as the model router takes them: `developer` becomes `system` (what it is for every
 * provider but OpenAI's newest models); images are decoded from their data URLs or fetched where the
 * tenant allows it (see `fetchRemoteImage`); assistant tool calls and tool results are kept; refusal parts
 * of earlier assistant turns are kept as text. Image problems are 400s naming the part.
 */
export async function toModelMessages(
  messages: readonly ChatMessage[],
  images: Omit<RemoteImageOptions, "signal"> & { readonly signal: AbortSignal },
): Promise<ModelMessage[]> {
  return await Promise.all(
    messages.map(async (message, index): Promise<ModelMessage> => {
      switch (message.role) {
        case "system":
        case "developer":
          return { role: "system", content: contentText(message.content) };
        case "tool":
          return { role: "tool", toolCallId: message.tool_call_id, content: contentText(message.content) };
        case "assistant": {
          const content = message.content ?? "";
          return {
            role: "assistant",
            content:
              typeof content === "string"
                ? content
                : content.map((part) => (part.type === "text" ? part.text : part.refusal)).join(""),
            toolCalls: (message.tool_calls ?? []).map((call) => ({
              id: call.id,
              name: call.function.name,
              arguments: call.function.arguments,
            })),
          };
        }
        case "user": {
          if (typeof message.content === "string") return { role: "user", content: message.content };
          const parts = await Promise.all(
            message.content.map(async (part, partIndex): Promise<ModelContentPart> => {
              if (part.type === "text") return { type: "text", text: part.text };
              const path = `body.messages[${index}].content[${partIndex}].image_url.url`;
              const { url, detail } = part.image_url;
              const image = url.startsWith("data:")
                ? decodeDataUrl(url, path)
                : await fetchRemoteImage(url, path, images);
              return detail === undefined ? image : { ...image, detail };
            }),
          );
          return { role: "user", content: parts };
        }
      }
    }),
  );
}
