import { describe, expect, it } from "vitest";
import { corsPreflight } from "../../../components/edge/corsPreflight.ts";

describe("corsPreflight", () => {
  it("answers 204 with the resource's methods and echoes only an allowlisted origin", () => {
    // Act
    const answer = corsPreflight(["GET", "POST"], ["https://a.example", "https://b.example:8443"]);

    // Assess
    expect(answer.requestTemplates).toEqual({ "application/json": '{"statusCode": 204}' });
    expect(answer.responseParameters).toMatchObject({
      "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
      "method.response.header.Vary": "'Origin'",
    });
    expect(answer.responseTemplates["application/json"]).toBe(
      [
        "#set($origin = $input.params('Origin'))",
        '#if($origin == "https://a.example" || $origin == "https://b.example:8443")',
        "#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)",
        "#end",
      ].join("\n"),
    );
  });
});
