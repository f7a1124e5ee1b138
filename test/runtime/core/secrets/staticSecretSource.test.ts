import { describe, expect, it } from "vitest";
import { createStaticSecretSource } from "../../../../runtime/core/secrets/staticSecretSource.ts";

describe("createStaticSecretSource", () => {
  it("returns the values it was built from", async () => {
    // Prepare
    const secrets = createStaticSecretSource({ "/silo/acme/db": '{"username":"a","password":"b"}' });

    // Act
    const value = await secrets.getSecret("/silo/acme/db");

    // Assess
    expect(value).toBe('{"username":"a","password":"b"}');
  });

  it("rejects an unknown id like Secrets Manager does, naming the ids it holds but no value", async () => {
    // Prepare
    const secrets = createStaticSecretSource({
      "/silo/acme/db": "local-only-password",
      "/silo/acme/x": undefined,
    });

    // Act
    const failure = secrets.getSecret("/silo/globex/db");

    // Assess
    await expect(failure).rejects.toMatchObject({
      name: "SecretUnavailableError",
      code: "SECRET_UNAVAILABLE",
      reason: "not_found",
      secretId: "/silo/globex/db",
      message:
        'secret "/silo/globex/db" is not in the static secret source (it holds "/silo/acme/db"): add it to the ' +
        "values the source is built from",
    });
  });

  it("takes a new value with set, as a rotation would, and accepts invalidate", async () => {
    // Prepare
    const secrets = createStaticSecretSource({ "/silo/acme/db": "before" });

    // Act
    secrets.set("/silo/acme/db", "after");
    secrets.invalidate("/silo/acme/db");

    // Assess
    expect(await secrets.getSecret("/silo/acme/db")).toBe("after");
  });

  it("copies the map it was built from", async () => {
    // Prepare
    const values: Record<string, string> = { "/silo/acme/db": "before" };
    const secrets = createStaticSecretSource(values);

    // Act
    values["/silo/acme/db"] = "changed behind its back";

    // Assess
    expect(await secrets.getSecret("/silo/acme/db")).toBe("before");
  });
});
