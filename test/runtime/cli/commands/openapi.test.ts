import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOpenApiDocument } from "../../../../runtime/api/openapi/buildOpenApiDocument.ts";
import { runSilo } from "../captureContext.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "silo-openapi-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silo = runSilo;

describe("silo openapi", () => {
  it("prints the document as JSON by default", async () => {
    const result = await silo("openapi");

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(buildOpenApiDocument());
  });

  it("prints the same document as YAML with --format yaml", async () => {
    const result = await silo("openapi", "--format", "yaml");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^openapi: 3\.1\.0\n/);
    expect(parse(result.stdout)).toEqual(buildOpenApiDocument());
  });

  it("writes the document to --out and says what it wrote", async () => {
    // Prepare
    const file = join(dir, "openapi.yaml");

    // Act
    const result = await silo("openapi", "--format", "yaml", "--out", file);

    // Assess
    expect(result).toMatchObject({ exitCode: 0, stdout: `wrote ${file} (OpenAPI 3.1.0, 34 operations)\n` });
    expect(parse(await readFile(file, "utf8"))).toEqual(buildOpenApiDocument());
  });

  it("rejects an unknown format as a usage error", async () => {
    const result = await silo("openapi", "--format", "xml");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("error: option '--format <format>' argument 'xml' is invalid");
  });
});
