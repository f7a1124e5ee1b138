import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** What a tenant's offboarding has done so far; kept in a file so a re-run resumes where it stopped. */
export interface OffboardingState {
  readonly tenantId: string;
  /**
   * When this offboarding began (ISO time): its snapshots are named after it, so a tenant onboarded again
   * and offboarded a second time never finds, and takes for its own, the first time's snapshots. Absent in
   * records of offboardings begun before it existed, which keep the names they began with.
   */
  readonly startedAt?: string;
  /** Step name to when it finished. */
  readonly done: Readonly<Record<string, string>>;
  /** What the stack said before it was destroyed. */
  readonly stack?: {
    readonly region: string;
    readonly url?: string;
    readonly keyArn?: string;
    /** The key the retained snapshot copy is encrypted with. */
    readonly retentionKeyArn: string;
  };
  readonly export?: { readonly exportId: string; readonly file?: string; readonly sha256?: string };
}

/**
 * Reads the state file, or a fresh state when there is none yet.
 *
 * @example
 * const state = await readOffboardingState(".silo/offboard/acme/state.json", "acme");
 */
export async function readOffboardingState(file: string, tenantId: string): Promise<OffboardingState> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as OffboardingState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { tenantId, done: {} };
    throw error;
  }
}

/** Writes the state file atomically (a crash mid-write must not lose what was done). */
export async function writeOffboardingState(file: string, state: OffboardingState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
