/**
 * Code under test writes its structured logs (decisions, JWKS fetches, request lines) straight to
 * `process.stdout`/`process.stderr`, which vitest does not capture: they would flood the run's output. Here
 * they go through `console`, so vitest ties each line to its test and, with `silent: "passed-only"`,
 * shows it only when that test fails. A test that spies on `process.stdout.write` still sees every write.
 */
function throughConsole(log: (line: string) => void): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    log(text.endsWith("\n") ? text.slice(0, -1) : text);
    const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
    if (typeof callback === "function") queueMicrotask(() => callback());
    return true;
  }) as typeof process.stdout.write;
}

process.stdout.write = throughConsole((line) => console.log(line));
process.stderr.write = throughConsole((line) => console.error(line));
