/**
 * Exit code for a command line that could not be understood (unknown command, bad option, a required value
 * given nowhere). Its own module so that commands can set it without importing runCli.ts, which imports them.
 */
export const usageExitCode = 2;
