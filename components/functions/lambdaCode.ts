import * as pulumi from "@pulumi/pulumi";

/** A built Lambda bundle: one ES module that exports `handler`. */
export interface LambdaCode {
  /** Path of the bundle's `index.mjs`. */
  readonly file: string;
  /** SHA-256 of the file (hex): a deploy-time invocation runs again when its function's code changes. */
  readonly sha256: string;
}

/**
 * The deployment package of a bundle: only `index.mjs` (the build's `meta.json` stays behind), with handler
 * `index.handler`.
 *
 * @example
 * new aws.lambda.Function(name, { code: lambdaCodeArchive(code), handler: "index.handler", ... });
 */
export function lambdaCodeArchive(code: LambdaCode): pulumi.asset.AssetArchive {
  return new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.FileAsset(code.file) });
}
