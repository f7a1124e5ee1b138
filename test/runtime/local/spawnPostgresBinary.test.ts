import { describe, expect, it } from "vitest";
import { postgresFailureDetail, spawnPostgresBinary } from "../../../runtime/local/spawnPostgresBinary.ts";

describe("spawnPostgresBinary", () => {
  it("rejects with POSTGRES_SPAWN_FAILED, instead of an unhandled error event, when the binary cannot run", async () => {
    // Act
    const child = spawnPostgresBinary("/nonexistent/initdb", [], undefined);

    // Assess
    await expect(child.exited).rejects.toMatchObject({
      code: "POSTGRES_SPAWN_FAILED",
      message: expect.stringMatching(
        /^cannot run \/nonexistent\/initdb as you \(spawn \/nonexistent\/initdb ENOENT\); the file must be executable/,
      ),
    });
  });

  it("collects what the binary writes and its exit code", async () => {
    const child = spawnPostgresBinary("/bin/sh", ["-c", "echo 'FATAL:  out of luck' >&2; exit 3"], undefined);

    const exit = await child.exited;

    expect(exit).toEqual({ code: 3, signal: null });
    expect(child.output()).toBe("FATAL:  out of luck\n");
  });
});

describe("postgresFailureDetail", () => {
  it("keeps the server's FATAL and HINT lines, on one line", () => {
    const output = [
      "2026-12-04 15:35:00.123 UTC [4242] LOG:  starting PostgreSQL 18.4",
      '2026-12-04 15:35:00.124 UTC [4242] FATAL:  lock file "postmaster.pid" already exists',
      '2026-12-04 15:35:00.124 UTC [4242] HINT:  Is another postmaster (PID 77) running in data directory "/d"?',
      "",
    ].join("\n");

    expect(postgresFailureDetail(output)).toBe(
      'FATAL: lock file "postmaster.pid" already exists; HINT: Is another postmaster (PID 77) running in data directory "/d"?',
    );
  });

  it("keeps initdb's own error lines", () => {
    const output =
      'The files belonging to this database system will be owned by user "postgres".\n' +
      'initdb: error: could not create directory "/d": Permission denied\n';

    expect(postgresFailureDetail(output)).toBe(
      'initdb: error: could not create directory "/d": Permission denied',
    );
  });

  it("falls back to the last line, or says there was no output", () => {
    expect(postgresFailureDetail("starting\nSegmentation fault\n")).toBe("Segmentation fault");
    expect(postgresFailureDetail("")).toBe("no output");
  });
});
