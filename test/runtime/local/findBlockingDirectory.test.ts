import { chmod, mkdir, mkdtemp, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBlockingDirectory } from "../../../runtime/local/findBlockingDirectory.ts";

let root: string;
/** Someone who is neither the owner nor in the group of the test's folders. */
const stranger = { uid: 54_321, gid: 54_321 };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "silo-blocking-"));
  await chmod(root, 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("findBlockingDirectory", () => {
  it("finds nothing on a path every user may enter", async () => {
    // Prepare
    const open = join(root, "open", "node_modules");
    await mkdir(open, { recursive: true, mode: 0o755 });

    // Act
    const blocking = await findBlockingDirectory(open, stranger);

    // Assess
    expect(blocking).toBeUndefined();
  });

  it("names the first private folder on the way, with its mode and owner", async () => {
    // Prepare
    const home = join(root, "home");
    await mkdir(join(home, "silo-kit", "node_modules"), { recursive: true, mode: 0o755 });
    await chmod(home, 0o700);
    const { uid } = await stat(home);

    // Act
    const blocking = await findBlockingDirectory(join(home, "silo-kit", "node_modules"), stranger);

    // Assess
    expect(blocking).toBe(`${home} (mode 0700, owner uid ${uid})`);
  });

  it("judges the owner by the owner's bits and everyone else by the others' bits", async () => {
    // Prepare
    const own = join(root, "own");
    await mkdir(own, { mode: 0o700 });
    await chmod(own, 0o700);
    const { uid, gid } = await stat(own);

    // Act
    const asOwner = await findBlockingDirectory(own, { uid, gid });
    const asStranger = await findBlockingDirectory(own, stranger);

    // Assess
    expect(asOwner).toBeUndefined();
    expect(asStranger).toBe(`${own} (mode 0700, owner uid ${uid})`);
  });

  it("follows a symlink to where it leads, as the kernel does", async () => {
    // Prepare
    const hidden = join(root, "hidden");
    await mkdir(join(hidden, "target"), { recursive: true });
    await chmod(hidden, 0o700);
    await symlink(join(hidden, "target"), join(root, "link"));

    // Act
    const blocking = await findBlockingDirectory(join(root, "link"), stranger);

    // Assess
    expect(blocking).toMatch(new RegExp(`^${hidden} \\(mode 0700`));
  });

  it("names a path that does not exist, with the reason", async () => {
    const blocking = await findBlockingDirectory(join(root, "missing"), stranger);

    expect(blocking).toMatch(/missing \(ENOENT: no such file or directory/);
  });
});
