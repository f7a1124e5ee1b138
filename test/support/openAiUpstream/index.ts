export { exampleFromSchema } from "./exampleFromSchema.ts";
export {
  type OpenAiUpstream,
  type OpenAiUpstreamOptions,
  startOpenAiUpstream,
  type UpstreamFault,
  type UpstreamRequest,
} from "./startOpenAiUpstream.ts";
export { upstreamEmbedding, upstreamTokens } from "./upstreamEmbedding.ts";
export { type UpstreamReply, type UpstreamToolCall, upstreamReply } from "./upstreamReply.ts";
