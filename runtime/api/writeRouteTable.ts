import { writeFile } from "node:fs/promises";
import { apiRoutes } from "./apiRoutes.ts";
import { renderRouteTable } from "./renderRouteTable.ts";

// Regenerates routes.ts from the route definitions: `npx tsx runtime/api/writeRouteTable.ts`.
await writeFile(new URL("./routes.ts", import.meta.url), renderRouteTable(apiRoutes));
