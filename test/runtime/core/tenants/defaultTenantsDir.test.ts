import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultTenantsDir } from "../../../../runtime/core/tenants/defaultTenantsDir.ts";

describe("defaultTenantsDir", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is the repository's tenants/ folder, relative to a working directory inside the repository", () => {
    vi.stubEnv("SILO_TENANTS_DIR", "");

    const dir = defaultTenantsDir();

    expect(dir).toBe("tenants");
    expect(existsSync(join(dir, "acme-health.yaml"))).toBe(true);
  });

  it("is SILO_TENANTS_DIR when set", () => {
    vi.stubEnv("SILO_TENANTS_DIR", "/srv/silo/tenants");

    expect(defaultTenantsDir()).toBe("/srv/silo/tenants");
  });
});
