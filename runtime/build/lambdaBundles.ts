/** A Lambda function the kit ships, and the source file esbuild bundles for it. */
export interface LambdaBundleSpec {
  /** Bundle name: the folder under the output directory and part of the Lambda's name. */
  readonly name: string;
  /** Entry module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** Size budget of the minified bundle, checked by `npm run build` and printed by `npm run bench`. */
  readonly maxBytes: number;
}

/**
 * Every Lambda bundle the kit builds. The Pulumi programs deploy these, `npm run build` writes them to
 * `dist/lambda/<name>/index.mjs`, and the benchmarks measure their size and cold load time.
 */
export const lambdaBundles: readonly LambdaBundleSpec[] = [
  { name: "authorizer", entry: "runtime/authorizer/handler.ts", maxBytes: 60 * 1024 },
  { name: "chat", entry: "runtime/api/handlers/chatHandler.ts", maxBytes: 600 * 1024 },
  { name: "data", entry: "runtime/api/handlers/dataHandler.ts", maxBytes: 600 * 1024 },
  { name: "admin", entry: "runtime/api/handlers/adminHandler.ts", maxBytes: 600 * 1024 },
  { name: "migrate", entry: "runtime/api/handlers/migrateHandler.ts", maxBytes: 600 * 1024 },
  { name: "ledger-admin", entry: "runtime/ledgerAdmin/handler.ts", maxBytes: 600 * 1024 },
];
