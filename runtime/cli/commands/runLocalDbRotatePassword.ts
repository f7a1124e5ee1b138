import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureLoginRole } from "../../core/db/ensureLoginRole.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import type { CliContext } from "../cliContext.ts";
import {
  findLocalPostgres,
  localDatabaseOf,
  readLocalSecrets,
  tenantLogin,
  withClient,
  writeLocalSecrets,
} from "./localDbConnection.ts";

/** The options of `silo local-db rotate-password`, as parsed. */
export interface LocalDbRotateOptions {
  tenant: string;
  secret: "database" | "ledger";
  endSessions?: boolean;
  dataDir: string;
}

/**
 * The action of `silo local-db rotate-password` (runtime/cli/commands/localDbRotatePassword.ts): the new
 * password goes to the secret store first, then onto the role; the old one is then checked refused.
 */
export async function runLocalDbRotatePassword(
  options: LocalDbRotateOptions,
  context: CliContext,
): Promise<void> {
  const postgres = await findLocalPostgres(options.dataDir);
  const secrets = await readLocalSecrets(options.dataDir);
  const old = tenantLogin(secrets, options.tenant, options.secret);
  const login = { user: old.user, password: randomBytes(18).toString("base64url") };

  const entry = secrets[options.tenant];
  if (entry === undefined) throw new Error(`no local secrets for ${options.tenant}`);
  secrets[options.tenant] =
    options.secret === "database"
      ? { ...entry, databasePassword: login.password }
      : { ...entry, ledgerPassword: login.password };
  await writeLocalSecrets(options.dataDir, secrets);
  const published = await publishToTenantSecretsFile(options, login);
  await withClient(postgres.connection("postgres"), async (admin) => {
    await ensureLoginRole(admin, login.user, login.password);
    if (options.endSessions) {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [
        login.user,
      ]);
    }
  });

  const database = localDatabaseOf(options.secret === "ledger" ? "ledger" : options.tenant);
  const oldRefused = await withClient(postgres.connection(database, old), async () => false).catch(
    (error: { code?: string }) => error.code === "28P01",
  );
  if (!oldRefused) {
    throw new SiloError(
      "LOCAL_ROTATION_INCOMPLETE",
      `role ${login.user} still accepts its old password; run the command again`,
    );
  }
  await withClient(postgres.connection(database, login), async () => undefined);
  context.out(
    `rotated the ${options.secret} password of tenant ${options.tenant} (role ${login.user}): ` +
      `old password refused, new password accepted${options.endSessions ? ", open sessions ended" : ""}\n`,
  );
  if (!published) {
    context.err(
      "this platform passes secrets to the tenant's process at start only: restart it (Ctrl-C, then npm start)\n",
    );
  }
}

/**
 * Replaces the password in the tenant process's own secrets file, in one step (write, then rename). False
 * when the platform keeps no such file (it then reads the password at start only).
 */
async function publishToTenantSecretsFile(
  options: LocalDbRotateOptions,
  login: { user: string; password: string },
): Promise<boolean> {
  const file = join(options.dataDir, "secrets", `${options.tenant}.json`);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return false;
  const values = JSON.parse(text) as Record<string, string>;
  const secretId = `/silo/${options.tenant}/${options.secret}`;
  values[secretId] = JSON.stringify({ username: login.user, password: login.password });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(values, null, 2), { mode: 0o600 });
  await rename(temporary, file);
  return true;
}
