import { describe, expect, it } from "vitest";
import {
  type GatewayResponseType,
  gatewayResponseBody,
  gatewayResponses,
  gatewayResponseTemplate,
} from "../../../runtime/api/gatewayResponses.ts";

const types = Object.keys(gatewayResponses) as GatewayResponseType[];

describe("gatewayResponses", () => {
  it.each(types)("%s tells an OpenAI client what happened and what to do", (type) => {
    // Act
    const body = gatewayResponseBody(type, "req-1");

    // Assess
    expect(body.message).toBe(gatewayResponses[type].message);
    expect(body.error.message).toBe(`${gatewayResponses[type].message}: ${gatewayResponses[type].hint}`);
    expect(gatewayResponses[type].hint.length).toBeGreaterThan(30);
  });

  it.each(types)("%s is a template API Gateway leaves as JSON: no VTL syntax but the request id", (type) => {
    // Act
    const template = gatewayResponseTemplate(type);

    // Assess
    expect(template.match(/[$#]/g)).toEqual(["$"]);
    expect(JSON.parse(template.replace("$context.requestId", "abc"))).toEqual(
      gatewayResponseBody(type, "abc"),
    );
  });
});
