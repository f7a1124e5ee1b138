import { readFile, writeFile } from "node:fs/promises";
import { withIdentityProfileTable } from "./renderIdentityProfileTable.ts";

// Regenerates the profile table of docs/identity.md: `npx tsx runtime/authorizer/identity/writeIdentityProfileTable.ts`.
const docs = new URL("../../../docs/identity.md", import.meta.url);
await writeFile(docs, withIdentityProfileTable(await readFile(docs, "utf8")));
