import type pg from "pg";
import type { QueryOptions } from "./sqlDatabase.ts";

/** The `pg` query of a {@link SqlDatabase} call: a named prepared statement when `options.prepare` says so. */
export function queryConfig(
  text: string,
  values: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
): pg.QueryConfig {
  return {
    text,
    ...(values === undefined ? {} : { values: [...values] }),
    ...(options?.prepare === undefined ? {} : { name: options.prepare }),
  };
}
