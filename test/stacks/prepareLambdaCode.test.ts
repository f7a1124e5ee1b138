import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LambdaBundleSpec } from "../../runtime/build/lambdaBundles.ts";
import { bundleSpec, prepareLambdaCode } from "../../stacks/prepareLambdaCode.ts";

let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), "silo-lambda-code-"));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("prepareLambdaCode", () => {
  it("builds each bundle in build mode and hashes what was built", async () => {
    // Prepare
    const built: string[] = [];
    const bundle = async (spec: LambdaBundleSpec, directory: string) => {
      built.push(spec.name);
      const file = join(directory, spec.name, "index.mjs");
      await mkdir(join(directory, spec.name), { recursive: true });
      await writeFile(file, `export const handler = "${spec.name}";`);
      return { file };
    };

    // Act
    const code = await prepareLambdaCode(
      { auth: bundleSpec("authorizer") },
      { mode: "build", outDir, bundle },
    );

    // Assess
    expect(built).toEqual(["authorizer"]);
    expect(code.auth).toEqual({
      file: join(outDir, "authorizer", "index.mjs"),
      sha256: sha256('export const handler = "authorizer";'),
    });
  });

  it("uses prebuilt bundles as they are, and names a missing one with the fix", async () => {
    // Prepare
    await mkdir(join(outDir, "chat"));
    await writeFile(join(outDir, "chat", "index.mjs"), "chat");

    // Act
    const code = await prepareLambdaCode({ chat: bundleSpec("chat") }, { mode: "prebuilt", outDir });
    const missing = prepareLambdaCode({ data: bundleSpec("data") }, { mode: "prebuilt", outDir });

    // Assess
    expect(code.chat.sha256).toBe(sha256("chat"));
    await expect(missing).rejects.toMatchObject({ code: "LAMBDA_BUNDLE_MISSING" });
    await expect(missing).rejects.toThrow(/the data bundle is missing at .*; run npm run build/);
  });

  it("names the known bundles when asked for an unknown one", () => {
    // Assess
    expect(() => bundleSpec("nope")).toThrow(/no Lambda bundle named nope .* known: authorizer, chat/);
  });
});
