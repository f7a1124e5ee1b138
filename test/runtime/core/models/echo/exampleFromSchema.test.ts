import { zodSchema } from "ai";
import fc from "fast-check";
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleFromSchema } from "../../../../../runtime/core/models/echo/exampleFromSchema.ts";
import { formatExamples } from "../../../../../runtime/core/models/echo/exampleString.ts";
import { schemaErrors } from "./schemaValidator.ts";

const text = "echo: hi there";

// A recursive zod type, which every generator turns into $defs/definitions and $ref.
interface TreeNode {
  name: string;
  children: TreeNode[];
}
const TreeNode: z.ZodType<TreeNode> = z.object({
  name: z.string(),
  get children() {
    return z.array(TreeNode);
  },
});
const Address = z.object({ street: z.string(), zip: z.string().regex(/^\d{5}$/) });
const Step = z.object({ explanation: z.string(), output: z.string() });
// Strict (OpenAI structured outputs): every property required, optional ones nullable.
const MathReasoning = z.object({
  steps: z.array(Step),
  final_answer: z.string(),
  confidence: z.number().min(0).max(1),
  unit: z.enum(["m", "s", "kg"]).nullable(),
  home: Address,
  work: Address.nullable(),
});
// Everything zod 4 can say that a JSON Schema validator can check.
const Everything = z.object({
  email: z.email(),
  id: z.uuid(),
  when: z.iso.datetime(),
  day: z.iso.date(),
  url: z.url(),
  kind: z.enum(["a", "b"]),
  count: z.number().int().min(3),
  positive: z.number().positive(),
  negative: z.number().int().negative(),
  between: z.number().gt(2.5).lt(2.75),
  even: z.int().multipleOf(2).min(7),
  maybe: z.string().nullable(),
  optional: z.string().optional(),
  union: z.union([z.object({ t: z.literal("x"), v: z.number() }), z.object({ t: z.literal("y") })]),
  tagged: z.discriminatedUnion("t", [z.object({ t: z.literal("x") }), z.object({ t: z.literal("y") })]),
  tags: z.array(z.string()).min(2),
  uniqueTags: z
    .array(z.string())
    .min(3)
    .refine(() => true),
  code: z.string().regex(/^[A-Z]{3}-\d{2}$/),
  short: z.string().max(4),
  long: z.string().min(40),
  record: z.record(z.string(), z.number()),
  tuple: z.tuple([z.string(), z.number(), z.boolean()]),
  tree: TreeNode,
  flag: z.boolean(),
  nothing: z.null(),
  literal: z.literal(42),
});

const realWorld: [string, unknown][] = [
  ["zod 4 toJSONSchema (2020-12), every checkable feature", z.toJSONSchema(Everything)],
  ["zod 4 toJSONSchema, target draft-7", z.toJSONSchema(Everything, { target: "draft-7" })],
  ["zod 4 toJSONSchema of a strict schema", z.toJSONSchema(MathReasoning)],
  [
    "openai zodResponseFormat (strict, draft-07)",
    zodResponseFormat(MathReasoning, "math").json_schema.schema,
  ],
  [
    "openai zodResponseFormat with a recursive type",
    zodResponseFormat(z.object({ tree: TreeNode, home: Address }), "tree").json_schema.schema,
  ],
  ["AI SDK zodSchema (draft-07, definitions/$ref)", await zodSchema(Everything).jsonSchema],
  ["AI SDK zodSchema of a strict schema", await zodSchema(MathReasoning).jsonSchema],
  [
    "OpenAI's recursive UI example ($ref '#', anyOf of enums)",
    {
      type: "object",
      properties: {
        type: { type: "string", enum: ["div", "button", "header", "section", "field", "form"] },
        label: { type: "string" },
        children: { type: "array", items: { $ref: "#" } },
        attributes: {
          type: "array",
          items: {
            type: "object",
            properties: { name: { type: "string" }, value: { type: "string" } },
            required: ["name", "value"],
            additionalProperties: false,
          },
        },
      },
      required: ["type", "label", "children", "attributes"],
      additionalProperties: false,
    },
  ],
  [
    "OpenAI's linked list example ($defs, a nullable $ref)",
    {
      type: "object",
      properties: { linked_list: { $ref: "#/$defs/linked_list_node" } },
      $defs: {
        linked_list_node: {
          type: "object",
          properties: {
            value: { type: "number" },
            next: { anyOf: [{ $ref: "#/$defs/linked_list_node" }, { type: "null" }] },
          },
          additionalProperties: false,
          required: ["next", "value"],
        },
      },
      additionalProperties: false,
      required: ["linked_list"],
    },
  ],
  [
    "allOf of refs, type lists and draft-04 exclusive bounds",
    {
      definitions: {
        named: { type: "object", properties: { name: { type: "string", minLength: 1 } }, required: ["name"] },
        aged: { type: "object", properties: { age: { type: "integer", minimum: 18 } }, required: ["age"] },
      },
      allOf: [{ $ref: "#/definitions/named" }, { $ref: "#/definitions/aged" }],
      properties: {
        nickname: { type: ["null", "string"], maxLength: 2 },
        score: { type: "number", minimum: 1, maximum: 2, multipleOf: 0.25 },
      },
      required: ["nickname", "score"],
    },
  ],
];

describe("exampleFromSchema", () => {
  it.each(realWorld)("builds a valid value for %s", (_name, schema) => {
    // Act
    const example = exampleFromSchema(schema, text);

    // Assess
    expect(example.ok).toBe(true);
    if (example.ok) expect(schemaErrors(schema, example.value)).toEqual([]);
  });

  it("fills required properties only, with the text, minimal numbers and first enum values", () => {
    const example = exampleFromSchema(z.toJSONSchema(MathReasoning), text);

    expect(example).toEqual({
      ok: true,
      value: {
        steps: [],
        final_answer: text,
        confidence: 0,
        unit: "m",
        home: { street: text, zip: "00000" },
        work: { street: text, zip: "00000" },
      },
    });
  });

  it.each([
    ["a const", { const: "fixed", type: "string" }, "fixed"],
    ["an enum", { enum: [3, "x"] }, 3],
    ["a string cut to maxLength (in code points)", { type: "string", maxLength: 7 }, "echo: h"],
    ["a string padded to minLength", { type: "string", minLength: 16 }, `${text}xx`],
    ["a format", { type: "string", format: "email" }, formatExamples.email],
    ["a pattern the text does not match", { type: "string", pattern: "^[a-f]{2}\\.[0-9]+$" }, "aa.0"],
    ["a pattern the text matches", { type: "string", pattern: "^echo" }, text],
    ["a number above its minimum", { type: "number", minimum: 5 }, 5],
    ["a number below its maximum", { type: "number", maximum: -5 }, -5],
    ["an integer over an exclusive minimum", { type: "integer", exclusiveMinimum: 2.5 }, 3],
    ["a number over an exclusive minimum", { type: "number", exclusiveMinimum: 0 }, 1],
    ["a multiple above the minimum", { type: "integer", minimum: 7, multipleOf: 5 }, 10],
    ["false for a boolean", { type: "boolean" }, false],
    ["the non-null type of a list", { type: ["null", "integer"] }, 0],
    ["null when only null is allowed", { type: "null" }, null],
    ["minItems items", { type: "array", items: { type: "integer" }, minItems: 2 }, [0, 0]],
    [
      "distinct unique items",
      { type: "array", minItems: 2, uniqueItems: true, items: { type: "string" } },
      [text, `${text} 2`],
    ],
    [
      "a draft-07 tuple",
      { type: "array", items: [{ type: "string" }, { type: "boolean" }], minItems: 2 },
      [text, false],
    ],
    ["the text for an empty schema", {}, text],
    ["the text for the true schema", true, text],
    ["the first non-null anyOf branch", { anyOf: [{ type: "null" }, { type: "number" }] }, 0],
  ])("makes %s", (_name, schema, expected) => {
    expect(exampleFromSchema(schema, text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["the false schema", false, "", /schema is `false`/],
    ["an empty enum", { enum: [] }, "", /`enum` is empty/],
    [
      "a required property additionalProperties forbids",
      { type: "object", required: ["x"], additionalProperties: false },
      "/x",
      /"x" is required but not allowed/,
    ],
    ["bounds with no number between", { type: "integer", minimum: 1.2, maximum: 1.8 }, "", /no integer fits/],
    [
      "a pattern it cannot meet within the length",
      { type: "string", pattern: "^a+$", minLength: 3, maxLength: 5 },
      "",
      /no example string found for pattern \^a\+\$, length 3-5/,
    ],
    [
      "a $ref that needs itself",
      {
        $defs: {
          loop: { type: "object", properties: { next: { $ref: "#/$defs/loop" } }, required: ["next"] },
        },
        $ref: "#/$defs/loop",
      },
      "/next",
      /\$ref "#\/\$defs\/loop" requires itself without end/,
    ],
    ["a remote $ref", { $ref: "https://example.com/schema.json" }, "", /is not local/],
    ["a dangling $ref", { $ref: "#/$defs/missing" }, "", /points to nothing/],
    ["an unknown type", { type: "decimal" }, "", /unknown type "decimal"/],
    [
      "more items than it builds",
      { type: "array", minItems: 1_000_000_000 },
      "",
      /minItems 1000000000 is more than the 1000 items/,
    ],
    [
      "unique items that are all equal",
      { type: "array", minItems: 2, uniqueItems: true, items: { type: "integer" } },
      "",
      /2 unique items/,
    ],
  ])("reports where and why for %s", (_name, schema, path, problem) => {
    const example = exampleFromSchema(schema, text);

    expect(example).toEqual({ ok: false, path, problem: expect.stringMatching(problem) });
  });

  it("gives the same value for the same schema every time", () => {
    const schema = z.toJSONSchema(Everything);

    expect(exampleFromSchema(schema, text)).toEqual(exampleFromSchema(structuredClone(schema), text));
  });

  it("builds a valid value for any satisfiable schema of the strict-output subset", () => {
    fc.assert(
      fc.property(satisfiableSchema, fc.string({ maxLength: 20, unit: "binary" }), (schema, anyText) => {
        const example = exampleFromSchema(schema, anyText);

        expect(example.ok).toBe(true);
        if (example.ok) expect(schemaErrors(schema, example.value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a schema whose nested minItems need more values than it builds in all", () => {
    const schema = {
      type: "array",
      minItems: 1000,
      items: { type: "array", minItems: 1000, items: { type: "string" } },
    };

    const example = exampleFromSchema(schema, text);

    expect(example).toMatchObject({ ok: false, problem: expect.stringContaining("10000 values") });
  });
});

/** Random schemas built only from satisfiable pieces, the way structured-output generators combine them. */
const satisfiableSchema: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  schema: Record<string, unknown>;
}>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .tuple(fc.nat(5), fc.nat(5))
      .map(([min, extra]) => ({ type: "string", minLength: min, maxLength: min + extra })),
    fc.constantFrom(...Object.keys(formatExamples)).map((format) => ({ type: "string", format })),
    fc.constantFrom("^[A-Z]{3}-\\d{2}$", "^\\d{5}$", "^[a-z_][a-z0-9_]*$", "^(?:yes|no)$").map((pattern) => ({
      type: "string",
      pattern,
    })),
    fc.tuple(fc.integer({ min: -50, max: 50 }), fc.nat(20), fc.boolean()).map(([min, span, integer]) => ({
      type: integer ? "integer" : "number",
      minimum: min,
      maximum: min + span,
    })),
    fc
      .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 7 }))
      .map(([min, step]) => ({ type: "integer", minimum: min, maximum: min + step, multipleOf: step })),
    fc
      .double({ min: -100, max: 100, noNaN: true })
      .map((bound) => ({ type: "number", exclusiveMinimum: bound })),
    fc.constant({ type: "boolean" }),
    fc
      .uniqueArray(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 })
      .map((values) => ({ enum: values })),
    fc.jsonValue().map((value) => ({ const: value })),
    tie("schema").map((inner) => ({ anyOf: [inner, { type: "null" }] })),
    fc.tuple(tie("schema"), fc.nat(3)).map(([items, minItems]) => ({ type: "array", items, minItems })),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie("schema"), { maxKeys: 4 }).chain((properties) =>
      fc.subarray(Object.keys(properties)).map((required) => ({
        type: "object",
        properties,
        required,
        additionalProperties: false,
      })),
    ),
  ),
})).schema;
