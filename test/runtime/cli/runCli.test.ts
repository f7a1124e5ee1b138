import { describe, expect, it } from "vitest";
import { runCli } from "../../../runtime/cli/runCli.ts";
import { captureContext } from "./captureContext.ts";

describe("runCli", () => {
  it("prints help and exits 0", async () => {
    const context = captureContext();

    const exitCode = await runCli(["--help"], context);

    expect(exitCode).toBe(0);
    expect(context.stdout()).toContain("Usage: silo [options] [command]");
    expect(context.stdout()).toContain("tenants");
  });

  it("treats an unknown command as a usage error (exit 2)", async () => {
    const context = captureContext();

    const exitCode = await runCli(["frobnicate"], context);

    expect(exitCode).toBe(2);
    expect(context.stderr()).toContain("error: unknown command 'frobnicate'");
  });

  it("treats an unknown option of a subcommand as a usage error", async () => {
    const context = captureContext();

    const exitCode = await runCli(["tenants", "validate", "--dri", "x"], context);

    expect(exitCode).toBe(2);
    expect(context.stderr()).toContain("error: unknown option '--dri'");
  });

  it("documents silo local's options", async () => {
    const context = captureContext();

    const exitCode = await runCli(["local", "--help"], context);

    expect(exitCode).toBe(0);
    expect(context.stdout()).toContain("--reset");
    expect(context.stdout()).toContain("--data-dir <dir>");
  });
});
