import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import { buildOpenApiDocument } from "../../api/openapi/buildOpenApiDocument.ts";
import type { CliContext } from "../cliContext.ts";

/** The options of `silo openapi`, as parsed. */
export interface OpenapiOptions {
  format: "json" | "yaml";
  out?: string;
}

/** The action of `silo openapi` (runtime/cli/commands/openapi.ts): the document on stdout or in a file. */
export async function runOpenapi(options: OpenapiOptions, context: CliContext): Promise<void> {
  const document = buildOpenApiDocument();
  // yaml would write an object the document holds twice as an anchor and alias, which some OpenAPI
  // tools do not resolve; lineWidth 0 keeps long descriptions and patterns on one line.
  const text =
    options.format === "yaml"
      ? stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 })
      : `${JSON.stringify(document, null, 2)}\n`;
  if (options.out === undefined) {
    context.out(text);
    return;
  }
  await writeFile(options.out, text);
  const operations = Object.values(document.paths).flatMap((pathItem) => Object.keys(pathItem)).length;
  context.out(`wrote ${options.out} (OpenAPI ${document.openapi}, ${operations} operations)\n`);
}
