import * as z from "zod";
import { timestamp } from "./common.ts";

// The health check is the one unauthenticated route, so it says only whether the silo works, never how
// it is configured.

/** The result of one dependency check. */
export const healthCheckStatus = z.enum(["ok", "failing"]);

/** `GET /v1/health`: whether the tenant's silo is up (`ok`) or running with a failing dependency. */
export const healthSchema = z
  .strictObject({
    status: z.enum(["ok", "degraded"]).describe("degraded when any check is failing"),
    checks: z.strictObject({
      database: healthCheckStatus.describe("The tenant's database answers"),
      ledger: healthCheckStatus.describe("The usage ledger accepts writes"),
    }),
    version: z.string().max(64).describe("The silo-kit version the silo runs"),
    time: timestamp,
  })
  .meta({ id: "Health" });
