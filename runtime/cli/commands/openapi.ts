import { type Command, Option } from "commander";
import type { CliContext } from "../cliContext.ts";
import type { OpenapiOptions } from "./runOpenapi.ts";

/** The formats `silo openapi` writes. */
export const openapiFormats = ["json", "yaml"] as const satisfies readonly OpenapiOptions["format"][];

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
      // The route table's schemas and yaml load only when the command runs, so other commands start fast.
      const { runOpenapi } = await import("./runOpenapi.ts");
      await runOpenapi(options, context);
    });
}
