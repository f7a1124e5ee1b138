import { describe, expect, it } from "vitest";
import { createRestRouteReader } from "../../../runtime/authorizer/restRouteReader.ts";
import { restAuthorizerEvent } from "./support/authorizerHarness.ts";

const getConversation = "GET /v1/conversations/{conversationId}";

describe("createRestRouteReader", () => {
  it("reads the route key and the route's ARN, path parameters as *", () => {
    // Prepare
    const readRoute = createRestRouteReader();
    const event = restAuthorizerEvent("Bearer t", { routeKey: getConversation });

    // Act
    const route = readRoute(event);

    // Assess
    expect(route).toEqual({
      routeKey: getConversation,
      methodArnMismatch: false,
      policyResource: event.methodArn.replace(/\/v1\/conversations\/[^/]+$/, "/v1/conversations/*"),
    });
  });

  it("gives the remembered answer only to an event of the same API, stage, method and resource", () => {
    // Prepare
    const readRoute = createRestRouteReader();
    const event = restAuthorizerEvent("Bearer t", { routeKey: getConversation });
    readRoute(event);
    const otherResource = { ...event, resource: "/v1/conversations/{conversationId}/messages" };
    const otherStage = { ...event, requestContext: { ...event.requestContext, stage: "other" } };
    const otherMethod = { ...event, httpMethod: "DELETE" };

    // Act
    const answers = [otherResource, otherStage, otherMethod, event].map(readRoute);

    // Assess
    expect(answers.map((answer) => answer.methodArnMismatch)).toEqual([true, true, true, false]);
    expect(answers[0]?.routeKey).toBe("GET /v1/conversations/{conversationId}/messages");
    expect(answers[0]?.policyResource).toBe(event.methodArn);
  });

  it("answers the same as a fresh reader after its bound is reached", () => {
    // Prepare
    const readRoute = createRestRouteReader(2);
    const events = ["c-1", "c-2", "c-3", "c-1"].map((id) => {
      const event = restAuthorizerEvent("Bearer t", { routeKey: getConversation });
      return { ...event, methodArn: event.methodArn.replace(/[^/]+$/, id) };
    });

    // Act
    const answers = events.map(readRoute);

    // Assess
    expect(answers).toEqual(events.map((event) => createRestRouteReader()(event)));
  });

  it("refuses an event without a method or resource, remembering nothing", () => {
    // Prepare
    const readRoute = createRestRouteReader();
    const event = restAuthorizerEvent("Bearer t", { routeKey: getConversation });
    const broken = { ...event, resource: undefined } as unknown as typeof event;

    // Act
    const first = readRoute(broken);
    const second = readRoute(event);

    // Assess
    expect(first).toEqual({ routeKey: undefined, methodArnMismatch: true, policyResource: event.methodArn });
    expect(second.methodArnMismatch).toBe(false);
  });
});
