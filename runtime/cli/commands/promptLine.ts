import { createInterface } from "node:readline/promises";

/**
 * Asks one question on the terminal (the question on stderr, so stdout stays the command's result) and
 * returns the line typed.
 *
 * @example
 * const answer = await promptLine("Type the tenant id: ");
 */
export async function promptLine(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

/** Whether a person can be asked: stdin is a terminal and this is not CI. */
export function canPrompt(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.stdin.isTTY === true && !(env.CI !== undefined && env.CI !== "" && env.CI !== "false");
}
