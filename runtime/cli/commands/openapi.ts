import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { stringify } from "yaml";
import { buildOpenApiDocument } from "../../api/openapi/buildOpenApiDocument.ts";
import type { CliContext } from "../cliContext.ts";

/** The formats `silo openapi` writes. */
export const openapiFormats = ["json", "yaml"] as const;

interface OpenapiOptions {
  format: (typeof openapiFormats)[number];
  out?: string;
}

/**
 * `silo openapi [--format json|yaml] [--out FILE]`: the tenant API's OpenAPI 3.1 document, generated from
 * the route table, on stdout or written to FILE.
 */
export function registerOpenapi(program: Command, context: CliContext): void {
  program
    .command("openapi")
    .description("print the tenant API's OpenAPI 3.1 document, generated from the route table")
    .addOption(new Option("--format <format>", "output format").choices(openapiFormats).default("json"))
    .option("--out <file>", "write the document to FILE instead of stdout")
    .action(async (options: OpenapiOptions) => {
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
    });
}
