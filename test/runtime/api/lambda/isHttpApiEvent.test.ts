import { describe, expect, it } from "vitest";
import { isHttpApiEvent } from "../../../../runtime/api/lambda/isHttpApiEvent.ts";
import { apiEvent } from "../support/apiEvent.ts";
import { restApiEvent } from "../support/restApiEvent.ts";

describe("isHttpApiEvent", () => {
  it("tells an HTTP API event (payload 2.0) from a REST API proxy event (1.0)", () => {
    expect(isHttpApiEvent(apiEvent("GET /v1/conversations"))).toBe(true);
    expect(isHttpApiEvent(restApiEvent("GET /v1/conversations"))).toBe(false);
  });
});
