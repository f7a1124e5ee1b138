import { exampleFromPattern } from "./exampleFromPattern.ts";

/** The longest string built, so a schema cannot make the local provider build a huge answer. */
export const maxExampleLength = 100_000;

/** Example strings for the formats that JSON Schema defines and zod emits. */
export const formatExamples: Readonly<Record<string, string>> = {
  "date-time": "2000-01-01T00:00:00Z",
  date: "2000-01-01",
  time: "00:00:00Z",
  duration: "P1D",
  email: "echo@example.com",
  "idn-email": "echo@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/echo",
  "uri-reference": "https://example.com/echo",
  iri: "https://example.com/echo",
  "iri-reference": "https://example.com/echo",
  "uri-template": "https://example.com/{echo}",
  uuid: "00000000-0000-4000-8000-000000000000",
  "json-pointer": "/echo",
  "relative-json-pointer": "0/echo",
  regex: "^echo$",
  // zod's own formats, which clients check even though JSON Schema validators ignore them.
  emoji: "😀",
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.ZWNobw",
  base64: "ZWNobw==",
  base64url: "ZWNobw",
  hex: "ec40",
};

/**
 * A string valid against a string schema's `minLength`, `maxLength`, `format` and `pattern`, for
 * `exampleFromSchema`: the format's example when it has a known `format` (formats are checked by clients,
 * the text would fail them), else `text` cut or padded with `x` to the length bounds, and when that does
 * not match the `pattern`, the pattern's own example. Lengths count code points, as JSON Schema does.
 *
 * @example
 * exampleString({ maxLength: 4 }, "echo: hi"); // { value: "echo" }
 * exampleString({ format: "email" }, "echo: hi"); // { value: "echo@example.com" }
 */
export function exampleString(
  schema: Readonly<Record<string, unknown>>,
  text: string,
): { readonly value: string } | { readonly problem: string } {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  if (minLength > maxExampleLength) {
    return {
      problem: `minLength ${minLength} is more than the ${maxExampleLength} characters the echo provider builds`,
    };
  }
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  const source = typeof schema.pattern === "string" ? schema.pattern : undefined;
  const pattern = source === undefined ? undefined : compile(source);
  if (pattern === null) return { problem: `pattern ${source} is not a valid regular expression` };
  const formatExample = typeof schema.format === "string" ? formatExamples[schema.format] : undefined;
  const candidates = formatExample === undefined ? [fitLength(text, minLength, maxLength)] : [formatExample];
  // A pattern's example would not meet a known format, so it is only tried when there is none.
  if (source !== undefined && formatExample === undefined) candidates.push(exampleFromPattern(source) ?? "");
  const value = candidates.find((candidate) => {
    const length = [...candidate].length;
    return length >= minLength && length <= maxLength && (pattern?.test(candidate) ?? true);
  });
  if (value !== undefined) return { value };
  const wanted = [
    schema.format === undefined ? "" : `format "${String(schema.format)}"`,
    source === undefined ? "" : `pattern ${source}`,
    `length ${minLength}-${maxLength}`,
  ].filter((part) => part !== "");
  return { problem: `no example string found for ${wanted.join(", ")}` };
}

/** JSON Schema patterns are Unicode-mode ECMAScript; some schemas in the wild only compile without `u`. */
function compile(source: string): RegExp | null {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try the next flags
    }
  }
  return null;
}

function fitLength(text: string, minLength: number, maxLength: number): string {
  const characters = [...text];
  const kept = Math.min(characters.length, maxLength);
  return characters.slice(0, kept).join("") + "x".repeat(Math.max(0, minLength - kept));
}
