import { describe, expect, it } from "vitest";
import { hasDuplicateKeys } from "../../../runtime/authorizer/hasDuplicateKeys.ts";

const base64url = (json: string) => Buffer.from(json).toString("base64url");

describe("hasDuplicateKeys", () => {
  it.each([
    ['{"a":1,"a":2}', true],
    ['{"tenant_id":"x","tenant\\u005fid":"y"}', true],
    ['{ "a" : 1 , "b" : { "a" : 2 } , "a" : 3 }', true],
    ['{"a":1,"b":2}', false],
    ['{"a":{"b":1,"b":2}}', false],
    ['{"a":["a","a"],"b":"a"}', false],
    ['{"a":"he said \\"a\\":","b":1}', false],
    ['{"__proto__":1,"__proto__":2}', true],
    ['{"__proto__":{"a":1},"a":2}', false],
    ['{"a":"\u00e9","\u00e9":1,"é":2}', true],
    ['{"a":"\\\\","a":1}', true],
    ['{"a":"\\\\\\"","b":1}', false],
    ["{}", false],
  ])("reads %s as duplicate: %s", (json, expected) => {
    expect(hasDuplicateKeys(base64url(json), JSON.parse(json))).toBe(expected);
  });

  it("reads a payload longer than its reused buffer, and does not let a long one hide a short one's result", () => {
    const long = JSON.stringify({ a: "x".repeat(9000), b: 1 }).replace('"b":1', '"b":1,"a":2');
    const short = '{"a":1,"b":2}';

    expect(hasDuplicateKeys(base64url(long), JSON.parse(long))).toBe(true);
    expect(hasDuplicateKeys(base64url(short), JSON.parse(short))).toBe(false);
    expect(hasDuplicateKeys(base64url('{"b":1,"b":2}'), { b: 2 })).toBe(true);
  });
});
