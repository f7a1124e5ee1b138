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

function read(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, fixtures), "utf8"), reviveBytes);
}

/** A Converse answer as the SDK returns it, from test/fixtures/bedrock/converse/<name>.json. */
export function converseFixture(name: string): ConverseCommandOutput {
  return read(`converse/${name}.json`) as ConverseCommandOutput;
}

/** ConverseStream events as the SDK yields them, from test/fixtures/bedrock/converse-stream/<name>.json. */
export function converseStreamFixture(name: string): ConverseStreamOutput[] {
  return read(`converse-stream/${name}.json`) as ConverseStreamOutput[];
}
