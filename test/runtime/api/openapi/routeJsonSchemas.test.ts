import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteContract } from "../../../../runtime/api/defineRoute.ts";
import { convertRouteSchemas } from "../../../../runtime/api/openapi/routeJsonSchemas.ts";

function testRoute(overrides: Partial<RouteContract>): RouteContract {
  return {
    method: "POST",
    path: "/v1/things",
    routeKey: "POST /v1/things",
    operationId: "createThing",
    scope: "templates:write",
    group: "data",
    summary: "Create a thing",
    response: { status: 201, schema: z.strictObject({ id: z.string() }) },
    ...overrides,
  };
}

describe("convertRouteSchemas", () => {
  it("puts schemas with a meta id in components once and refers to them", () => {
    // Prepare
    const thing = z.strictObject({ id: z.string() }).meta({ id: "Thing" });
    const table = [
      testRoute({ response: { status: 201, schema: thing } }),
      testRoute({ method: "GET", operationId: "getThing", response: { status: 200, schema: thing } }),
    ];

    // Act
    const converted = convertRouteSchemas(table);

    // Assess
    expect(Object.keys(converted.components)).toEqual(["Thing"]);
    expect(converted.byOperationId.get("getThing")).toEqual({
      response: { $ref: "#/components/schemas/Thing" },
    });
  });

  it("converts requests as input, so a field with a default is optional to send", () => {
    const query = z.strictObject({ limit: z.coerce.number().int().default(20) });

    const converted = convertRouteSchemas([testRoute({ method: "GET", query })]);

    expect(converted.byOperationId.get("createThing")?.query).toEqual({
      type: "object",
      properties: {
        limit: { type: "integer", default: 20, minimum: -9007199254740991, maximum: 9007199254740991 },
      },
      additionalProperties: false,
    });
  });

  it("refuses one id whose request and response forms differ", () => {
    const shared = z.strictObject({ size: z.int().default(1) }).meta({ id: "Shared" });
    const table = [testRoute({ body: shared, response: { status: 201, schema: shared } })];

    expect(() => convertRouteSchemas(table)).toThrow(
      'schema "Shared" differs between requests and responses; give the request and response forms their own meta id',
    );
  });

  it("adds shared schemas to the components even when no route names them", () => {
    const problem = z.strictObject({ code: z.string() }).meta({ id: "TestProblem" });

    const converted = convertRouteSchemas([testRoute({})], [problem]);

    expect(converted.components.TestProblem).toEqual({
      type: "object",
      properties: { code: { type: "string" } },
      required: ["code"],
      additionalProperties: false,
    });
  });
});
