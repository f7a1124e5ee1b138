import { processContext } from "./cliContext.ts";
import { runCli } from "./runCli.ts";

const exitCode = await runCli(process.argv.slice(2), processContext());
// Exit explicitly once stdout has drained: piped output must not be cut short, and a handle left open (a
// timer, a pool) must not keep a finished command alive.
process.stdout.write("", () => process.exit(exitCode));
