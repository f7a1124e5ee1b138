import { readFileSync } from "node:fs";
import type { ConverseCommandOutput, ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";

const fixtures = new URL("../../../../fixtures/bedrock/", import.meta.url);

/** JSON has no bytes: `{"$base64": "..."}` in a fixture stands for the Uint8Array the SDK hands over. */
function reviveBytes(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$base64" in value) {
    return new Uint8Array(Buffer.from(String((value as { $base64: unknown }).$base64), "base64"));
  }
  return value;
}

/** On the wire, bytes are base64 text in the JSON. */
function wireBytes(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$base64" in value) {
    return (value as { $base64: unknown }).$base64;
  }
  return value;
}

function read(path: string, reviver: (key: string, value: unknown) => unknown = reviveBytes): unknown {
  return JSON.parse(readFileSync(new URL(path, fixtures), "utf8"), reviver);
}

/** A Converse answer as the SDK returns it, from test/fixtures/bedrock/converse/<name>.json. */
export function converseFixture(name: string): ConverseCommandOutput {
  return read(`converse/${name}.json`) as ConverseCommandOutput;
}

/** ConverseStream events as the SDK yields them, from test/fixtures/bedrock/converse-stream/<name>.json. */
export function converseStreamFixture(name: string): ConverseStreamOutput[] {
  return read(`converse-stream/${name}.json`) as ConverseStreamOutput[];
}

/**
 * A ConverseStream body as the SDK hands it over: `events` in order, then `thenThrow` thrown when given (an
 * exception the SDK raises from the stream).
 */
export async function* converseStreamOf(
  events: readonly ConverseStreamOutput[],
  thenThrow?: unknown,
): AsyncGenerator<ConverseStreamOutput> {
  yield* events;
  if (thenThrow !== undefined) throw thenThrow;
}

/** A Converse fixture as Bedrock sends the JSON body (without the SDK's `$metadata`). */
export function converseWireBody(name: string): Record<string, unknown> {
  const { $metadata: _metadata, ...body } = read(`converse/${name}.json`, wireBytes) as Record<
    string,
    unknown
  >;
  return body;
}

/**
 * A ConverseStream fixture as Bedrock sends it: one `[eventType, payload]` per event-stream message. An
 * `$unknown` member of the fixture is an event type the SDK does not model, and a `$unknown` delta a delta
 * member it does not model.
 */
export function converseStreamWireEvents(name: string): [string, unknown][] {
  const events = read(`converse-stream/${name}.json`, wireBytes) as Record<string, unknown>[];
  return events.map((event) => {
    const [member, payload] = Object.entries(event)[0] as [string, unknown];
    if (member === "$unknown") return payload as [string, unknown];
    const delta = (payload as { delta?: { $unknown?: [string, unknown] } }).delta;
    if (delta?.$unknown === undefined) return [member, payload];
    return [member, { ...(payload as object), delta: { [delta.$unknown[0]]: delta.$unknown[1] } }];
  });
}
