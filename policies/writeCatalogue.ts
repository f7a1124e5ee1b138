// Regenerates docs/policies.md from the rules: `npx tsx policies/writeCatalogue.ts`.
import { writeFileSync } from "node:fs";
import { policyCatalogue } from "./catalogue.ts";
import { allRules } from "./rules/allRules.ts";

writeFileSync(new URL("../docs/policies.md", import.meta.url), policyCatalogue(allRules));
