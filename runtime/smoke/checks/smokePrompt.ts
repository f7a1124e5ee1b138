/** A short prompt, and a small cap on the answer: the suite spends next to nothing on a real model. */
export const smokePrompt = "silo smoke test: reply with the word ok";

/** The cap on each answer of the chat checks, in tokens. */
export const smokeMaxTokens = 32;

/**
 * The answer of the deterministic echo provider (the local platform's, see docs/models.md) to
 * {@link smokePrompt}. Seeing it tells the suite the model is deterministic, so it may also compare answers
 * exactly; a real model never answers this.
 */
export const echoAnswer = `echo: ${smokePrompt}`;
