/** What a generator yields first to be primed by {@link primeGenerator}; never reaches its consumer. */
export const primed: unique symbol = Symbol("primed");

/**
 * Runs an async generator up to its first `yield primed`, inside its `try`, and returns it. A generator
 * that was never started ignores `return()`: its `finally` does not run. A primed one is already inside,
 * so a consumer that stops before reading anything (a client gone before the first byte) still runs the
 * generator's cleanup: stopping the provider, settling the ledger.
 *
 * @example
 * async function* body() { try { yield primed; yield "a"; } finally { cleanup(); } }
 * const stream = await primeGenerator(body());
 * await stream.return(undefined); // cleanup() ran
 */
export async function primeGenerator<T>(
  generator: AsyncGenerator<T | typeof primed, void, undefined>,
): Promise<AsyncGenerator<T, void, undefined>> {
  const first = await generator.next();
  if (first.done === true || first.value !== primed) {
    throw new Error("primeGenerator: the generator must yield `primed` first, inside its try");
  }
  return generator as AsyncGenerator<T, void, undefined>;
}
