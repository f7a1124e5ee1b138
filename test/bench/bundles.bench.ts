/**
 * Every Lambda bundle's size and cold load time (median of fresh processes importing it, with the
 * environment its function gets). Targets: authorizer <= 60 KB and <= 60 ms; tenant handler bundles
 * <= 600 KB and <= 150 ms. Loading a tenant bundle builds its handler but opens no connection.
 */
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { bundleLambda, repositoryRoot } from "../../runtime/build/bundleLambda.ts";
import { lambdaBundles } from "../../runtime/build/lambdaBundles.ts";
import { loadTenant } from "../../runtime/core/tenants/loadTenants.ts";
import { toRuntimeTenant } from "../../tenants/toRuntimeTenant.ts";

const loads = 7;

async function environmentFor(name: string): Promise<Record<string, string>> {
  if (name === "authorizer") {
    return {
      SILO_JWT_ISSUER: "https://idp.example.com/",
      SILO_JWT_AUDIENCE: "silo-api",
      SILO_JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
    };
  }
  const tenant = await loadTenant("globex");
  const database = (prefix: string, name: string) => ({
    [`${prefix}HOST`]: "db.example.internal",
    [`${prefix}NAME`]: name,
    [`${prefix}SECRET_ID`]: `/silo/globex/${name}`,
  });
  return {
    SILO_TENANT_ID: tenant.id,
    SILO_TENANT_CONFIG: JSON.stringify(toRuntimeTenant(tenant)),
    SILO_MODEL_PROFILE_ARNS: JSON.stringify({
      "nova-micro": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
      haiku: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/def456",
    }),
    SILO_EXPORT_DOWNLOAD_BASE_URL: "https://api.example.com/globex/exports",
    AWS_REGION: "us-east-1",
    ...database("SILO_DB_", "silo"),
    ...database("SILO_LEDGER_DB_", "ledger"),
  };
}

export async function run(): Promise<void> {
  // Inside the repository, so the AWS SDK (left out of bundles: the Lambda runtime provides it) resolves
  // from node_modules as it would from the runtime.
  const outDir = join(repositoryRoot, "node_modules", ".cache", "silo-bench-bundles");
  for (const spec of lambdaBundles) {
    const built = await bundleLambda(spec, outDir);
    const env = { ...process.env, ...(await environmentFor(spec.name)) };
    // The Lambda runtime defines the global `awslambda` before it loads a handler; the chat bundle
    // (a response-streaming function) needs it at load time.
    const awslambda = "globalThis.awslambda={streamifyResponse:(h)=>h,HttpResponseStream:{from:(s)=>s}};";
    const script = `${awslambda}const t=performance.now();await import(${JSON.stringify(built.file)});process.stdout.write(String(performance.now()-t));`;
    const times = Array.from({ length: loads }, () =>
      // --no-warnings: on Node 20 the AWS SDK warns that it will soon need Node 22 (formatting that warning
      // and its stack costs ~20 ms); the Lambda runtime is nodejs22.x, where it does not.
      Number(
        execFileSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", script], {
          env,
        }).toString(),
      ),
    ).sort((a, b) => a - b);
    const loadTarget = spec.name === "authorizer" ? 60 : 150;
    console.log(
      `${spec.name.padEnd(13)} ${(built.bytes / 1024).toFixed(1).padStart(6)} KB (target <= ${(spec.maxBytes / 1024).toFixed(0)} KB)` +
        `  cold load ${(times[Math.floor(loads / 2)] ?? 0).toFixed(1).padStart(6)} ms (target <= ${loadTarget} ms)`,
    );
  }
  await rm(outDir, { recursive: true, force: true });
}
