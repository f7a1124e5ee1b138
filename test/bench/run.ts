/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` in turn (or those whose name contains an argument,
 * e.g. `npm run bench -- tenant`) and prints each one's figures. Benchmarks print; they do not assert, since
 * these machines are shared and noisy. Targets are printed beside the figures.
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}; available: ${(await readdir(dir)).join(", ")}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n== ${file.replace(".bench.ts", "")} ==`);
  const bench = (await import(new URL(file, import.meta.url).href)) as { run: () => Promise<void> };
  await bench.run();
}
