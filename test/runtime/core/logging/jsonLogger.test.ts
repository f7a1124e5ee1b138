import { describe, expect, it, vi } from "vitest";
import { jsonLineLog } from "../../../../runtime/core/logging/jsonLogger.ts";

describe("jsonLineLog", () => {
  it("writes one JSON line per entry, fields kept", () => {
    // Prepare
    const lines: string[] = [];
    const log = jsonLineLog((line) => lines.push(line));

    // Act
    log({ level: "info", msg: "tenant migrations", applied: ["0001_init"], skipped: 2 });
    log({ level: "warn", msg: "ledger swept", expired: 1 });

    // Assess
    expect(lines).toEqual([
      '{"level":"info","msg":"tenant migrations","applied":["0001_init"],"skipped":2}\n',
      '{"level":"warn","msg":"ledger swept","expired":1}\n',
    ]);
  });

  it("leaves out fields that are undefined", () => {
    const lines: string[] = [];
    const log = jsonLineLog((line) => lines.push(line));

    log({ level: "info", msg: "authorizer decision", detail: undefined });

    expect(lines).toEqual(['{"level":"info","msg":"authorizer decision"}\n']);
  });

  it("writes to stdout by default, each line in one write", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      jsonLineLog()({ level: "error", msg: "request failed", requestId: "r-1" });

      expect(write).toHaveBeenCalledTimes(1);
      expect(write).toHaveBeenCalledWith('{"level":"error","msg":"request failed","requestId":"r-1"}\n');
    } finally {
      write.mockRestore();
    }
  });
});
