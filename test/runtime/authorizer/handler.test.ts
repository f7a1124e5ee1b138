import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("authorizer Lambda entry", () => {
  it("fails at cold start, naming the variables, when its environment is incomplete", async () => {
    vi.stubEnv("SILO_JWT_ISSUER", "");
    vi.stubEnv("SILO_JWKS_URL", "https://idp.example.com/jwks.json");

    await expect(import("../../../runtime/authorizer/handler.ts")).rejects.toThrow(
      /SILO_JWT_AUDIENCE is required/,
    );
  });

  it("exports a handler built from the environment", async () => {
    vi.stubEnv("SILO_JWT_ISSUER", "https://idp.example.com/");
    vi.stubEnv("SILO_JWT_AUDIENCE", "silo-api");
    vi.stubEnv("SILO_JWKS_URL", "https://idp.example.com/jwks.json");

    const { handler } = await import("../../../runtime/authorizer/handler.ts");

    expect(typeof handler).toBe("function");
  });
});
