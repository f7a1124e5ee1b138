import { chmod, mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSilo } from "../captureContext.ts";

describe("silo local, started the way npm start does", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "silo-local-cli-"));
    await chmod(folder, 0o755);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("fails on a taken gateway port with one line naming the port and the fix, before Postgres starts", async () => {
    // Prepare
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;

    // Act
    const result = await runSilo(
      "local",
      "--port",
      String(port),
      "--data-dir",
      join(folder, "taken"),
      "--quiet",
    );
    holder.close();

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split("\n").at(-2)).toBe(
      `error [LOCAL_PORT_IN_USE]: port ${port} on 127.0.0.1 is already in use (another silo local?), so the ` +
        "gateway cannot listen on it; stop what uses it, or pass --port N (SILO_PORT; 0 picks a free port)",
    );
    expect(result.stderr).not.toContain("starting embedded Postgres");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
