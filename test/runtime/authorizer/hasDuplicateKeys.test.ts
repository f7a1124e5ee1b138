import { describe, expect, it } from "vitest";
import { hasDuplicateKeys } from "../../../runtime/authorizer/hasDuplicateKeys.ts";

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
    expect(hasDuplicateKeys(Buffer.from(json), JSON.parse(json))).toBe(expected);
  });
});
