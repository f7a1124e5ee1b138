import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { SiloError } from "../errors/siloError.ts";
import type { ConfigProblem } from "./configProblem.ts";
import { defaultTenantsDir } from "./defaultTenantsDir.ts";
import { parseTenantFile } from "./parseTenantFile.ts";
import { TenantConfigError } from "./tenantConfigError.ts";

/** Every tenant in a directory, and every problem found across its files. */
export interface LoadedTenants {
  /** Valid tenants, sorted by id. */
  readonly tenants: readonly TenantConfig[];
  /** Problems, sorted by file and line; empty when every file is valid. */
  readonly problems: readonly ConfigProblem[];
  /** The tenant files read. */
  readonly files: readonly string[];
}

const tenantFileExtensions = new Set([".yaml", ".yml"]);

/**
 * Reads and validates every `*.yaml` tenant file in `dir`, then checks across files: each file's name is a
 * valid tenant id equal to its `id`, no id appears twice, and no two tenants name the same identity-provider
 * organisation (its tokens would be accepted by both). Never throws for bad files: they come back
 * as problems, so one run reports them all.
 *
 * @example
 * const { tenants, problems } = await loadTenants("tenants");
 */
export async function loadTenants(dir: string = defaultTenantsDir()): Promise<LoadedTenants> {
  const files = await listTenantFiles(dir);
  const problems: ConfigProblem[] = [];
  const firstFileById = new Map<string, string>();
  const configs: Array<{ config: TenantConfig; file: string; locate: (path: string[]) => Location }> = [];

  for (const file of files) {
    const result = parseTenantFile(file, await readFile(file, "utf8"));
    if (!result.ok) problems.push(...result.problems);
    problems.push(...checkFileName(file, result.declaredId, result.locate));
    if (result.declaredId === undefined) continue;
    const earlier = firstFileById.get(result.declaredId);
    if (earlier) {
      problems.push({
        file,
        ...result.locate(["id"]),
        field: "id",
        message: `"${result.declaredId}" is already used by ${earlier}; tenant ids must be unique`,
      });
      continue;
    }
    firstFileById.set(result.declaredId, file);
    if (result.ok) configs.push({ config: result.config, file, locate: result.locate });
  }
  problems.push(...checkOrganizationsUnique(configs));

  const invalidFiles = new Set(problems.map((problem) => problem.file));
  const tenants = configs
    .filter((entry) => !invalidFiles.has(entry.file))
    .map((entry) => entry.config)
    .sort((a, b) => a.id.localeCompare(b.id));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { tenants, problems, files };
}

type Location = Pick<ConfigProblem, "line" | "column">;

/** Two tenants mapped to one IdP organisation would both accept its tokens: the second one is refused. */
function checkOrganizationsUnique(
  configs: ReadonlyArray<{ config: TenantConfig; file: string; locate: (path: string[]) => Location }>,
): ConfigProblem[] {
  const firstFileByOrganization = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { config, file, locate } of configs) {
    const organizationId = config.identity.organizationId;
    if (organizationId === undefined) continue;
    const earlier = firstFileByOrganization.get(organizationId);
    if (earlier === undefined) {
      firstFileByOrganization.set(organizationId, file);
      continue;
    }
    problems.push({
      file,
      ...locate(["identity", "organizationId"]),
      field: "identity.organizationId",
      message: `"${organizationId}" is already the organisation of ${earlier}; each organisation maps to one tenant`,
    });
  }
  return problems;
}

/**
 * Like {@link loadTenants}, but throws a {@link TenantConfigError} listing every problem when any file is
 * invalid. For programs that must not run on a half-valid fleet (stacks, the local platform).
 */
export async function loadTenantsOrThrow(
  dir: string = defaultTenantsDir(),
): Promise<readonly TenantConfig[]> {
  const { tenants, problems } = await loadTenants(dir);
  if (problems.length > 0) throw new TenantConfigError(problems);
  return tenants;
}

/** One tenant by id, validated together with the rest of its directory. */
export async function loadTenant(id: string, dir: string = defaultTenantsDir()): Promise<TenantConfig> {
  return findTenant(await loadTenantsOrThrow(dir), id, dir);
}

/** The tenant `id` of an already loaded directory; a clear error naming the known ids when absent. */
export function findTenant(tenants: readonly TenantConfig[], id: string, dir: string): TenantConfig {
  const tenant = tenants.find((candidate) => candidate.id === id);
  if (!tenant) {
    const known = tenants.map((candidate) => candidate.id).join(", ") || "(none)";
    throw new SiloError(
      "TENANT_NOT_FOUND",
      `no tenant "${id}" in ${dir}; known tenants: ${known}. Create it with: silo tenants new ${id}`,
    );
  }
  return tenant;
}

/** A tenant file must be named `<id>.yaml`, with `<id>` a valid tenant id. */
function checkFileName(
  file: string,
  declaredId: string | undefined,
  locate: (path: ReadonlyArray<PropertyKey>) => { line: number; column: number },
): ConfigProblem[] {
  const stem = basename(file, extname(file));
  if (!isTenantId(stem)) {
    return [
      {
        file,
        line: 1,
        column: 1,
        field: "(file name)",
        message: `"${stem}" is not a valid tenant id (${tenantIdRule}); rename the file to <id>.yaml`,
      },
    ];
  }
  if (declaredId !== undefined && declaredId !== stem) {
    return [
      {
        file,
        ...locate(["id"]),
        field: "id",
        message: `"${declaredId}" does not match the file name "${stem}"; set id: ${stem} or rename the file to ${declaredId}.yaml`,
      },
    ];
  }
  return [];
}

async function listTenantFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new SiloError(
      "TENANTS_DIR_UNREADABLE",
      `cannot read the tenants directory ${resolve(dir)}: ${(error as Error).message}; pass --dir or set SILO_TENANTS_DIR`,
      { cause: error },
    );
  }
  return entries
    .filter((entry) => tenantFileExtensions.has(extname(entry)))
    .sort()
    .map((entry) => join(dir, entry));
}
