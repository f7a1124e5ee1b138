import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { echoBackend } from "../support/clientBackends.ts";
import type { ClientsPlatform } from "../support/startClientsPlatform.ts";

/**
 * The official `openai` SDK on requests the API refuses: OpenAI's error shape, so the SDK raises its
 * `APIError` subclasses with `param` and `code` set, and a message that says what to change, since the
 * SDK shows nothing else of the body. Validation runs before any provider, so echo's tenant suffices.
 * Registered by tenantAppClients.test.ts, so every library's tests share one platform start.
 */
export function openAiSdkRefusalsSuite(clients: () => ClientsPlatform): void {
  describe("the openai SDK, on refused requests", () => {
    const openai = () =>
      new OpenAI({
        baseURL: clients().baseUrl(echoBackend.tenantId),
        apiKey: clients().token(echoBackend.tenantId),
        maxRetries: 0,
      });
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => {
          throw new Error("expected the request to be refused");
        },
        (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
      );

    it("says what to do about a token the gateway refuses: 401 for a bad one, 403 for another tenant's", async () => {
      // Prepare
      const client = (apiKey: string) =>
        new OpenAI({ baseURL: clients().baseUrl(echoBackend.tenantId), apiKey, maxRetries: 0 });
      const request = { model: echoBackend.chatModel, messages: [{ role: "user" as const, content: "hi" }] };
      const anotherTenantsToken = clients().token("spent-app");

      // Act
      const expired = await refusal(client("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").chat.completions.create(request));
      const foreign = await refusal(client(anotherTenantsToken).chat.completions.create(request));

      // Assess
      expect(expired).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(expired.message).toMatch(/^401 Unauthorized: the request carries no valid bearer token/);
      expect(expired.message).toContain("Authorization: Bearer <access token>");
      expect(expired.requestID).toMatch(/\S/);
      expect(foreign).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(foreign.message).toMatch(/^403 Forbidden: the token is valid but does not allow this request/);
    });

    it("refuses locally what Bedrock refuses for the model echo stands in for: n, logprobs, Titan's dimensions", async () => {
      // Act
      const n = await refusal(
        openai().chat.completions.create({
          model: echoBackend.chatModel,
          messages: [{ role: "user", content: "hi" }],
          n: 2,
        }),
      );
      const logprobs = await refusal(
        openai().chat.completions.create({
          model: echoBackend.chatModel,
          messages: [{ role: "user", content: "hi" }],
          logprobs: true,
        }),
      );
      const dimensions = await refusal(
        openai().embeddings.create({ model: "titan-embed", input: "hi", dimensions: 1536 }),
      );
      const titan = await openai().embeddings.create({
        model: "titan-embed",
        input: "hi",
        encoding_format: "float",
      });

      // Assess
      expect([n.param, logprobs.param, dimensions.param]).toEqual(["n", "logprobs", "dimensions"]);
      expect(n.message).toContain("(bedrock)");
      expect(dimensions.message).toContain("256, 512, 1024");
      expect(titan.data[0]?.embedding).toHaveLength(1024);
    });

    it("names every invalid field in the message, with param the first", async () => {
      // Act
      const error = await refusal(
        openai().chat.completions.create({
          model: echoBackend.chatModel,
          messages: [{ role: "user", content: "hello" }],
          modalities: ["text", "audio"],
          audio: { voice: "alloy", format: "wav" },
        }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({
        param: "modalities[1]",
        code: "validation_failed",
        type: "invalid_request_error",
      });
      expect(error.message).toBe(
        '400 2 fields are invalid: body.modalities[1] only "text" output is supported; body.audio audio output is not supported; omit audio',
      );
    });

    it("refuses the deprecated functions rather than answer without calling them", async () => {
      // Act
      const error = await refusal(
        openai().chat.completions.create({
          model: echoBackend.chatModel,
          messages: [{ role: "user", content: "hello" }],
          functions: [{ name: "get_weather", parameters: { type: "object", properties: {} } }],
        }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe("functions");
      expect(error.message).toContain("send them as tools");
    });

    it("names a content part of an unsupported type at its own path", async () => {
      // Act
      const error = await refusal(
        openai().chat.completions.create({
          model: echoBackend.chatModel,
          messages: [
            {
              role: "user",
              content: [
                {
                  type: "file",
                  file: { file_data: "data:application/pdf;base64,JVBERg==", filename: "a.pdf" },
                },
              ],
            },
          ],
        }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe("messages[0].content[0].type");
      expect(error.message).toContain("audio and file parts are not supported");
    });

    it("says how many texts one embeddings call takes when sent more", async () => {
      // Act
      const error = await refusal(
        openai().embeddings.create({ model: echoBackend.embeddingModel, input: Array(2049).fill("text") }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe("input");
      expect(error.message).toBe("400 body.input must hold at most 2048 texts; send several requests");
    });

    it("locates an empty text among the texts to embed", async () => {
      // Act
      const error = await refusal(
        openai().embeddings.create({ model: echoBackend.embeddingModel, input: ["text", ""] }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe("input[1]");
      expect(error.message).toBe("400 body.input[1] must not be empty: embedding models refuse empty text");
    });

    it("refuses a chat model for embeddings, naming the embedding models", async () => {
      // Act
      const error = await refusal(
        openai().embeddings.create({ model: echoBackend.chatModel, input: "text" }),
      );

      // Assess
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ param: "model", code: "model_unsupported_parameter" });
      expect(error.message).toContain("is a chat model, not an embedding model");
      expect(error.message).toContain(`embed with one of: titan-embed, ${echoBackend.embeddingModel}`);
    });
  });
}
