export {
  apiGatewayBufferedView,
  apiGatewayStreamView,
  type ForwardedStream,
} from "./apiGatewayStreamView.ts";
export {
  invokeStreamingHandler,
  type StreamingInvocation,
  type StreamingInvocationOptions,
} from "./invokeStreamingHandler.ts";
export {
  httpIntegrationResponseContentType,
  installLambdaStreamingRuntime,
  localLambdaStreamingRuntime,
  preludeDelimiterBytes,
} from "./localLambdaStreamingRuntime.ts";
export { type RecordedChunk, RecordingResponseStream } from "./recordingResponseStream.ts";
