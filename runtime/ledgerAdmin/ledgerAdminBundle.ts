import { type LambdaBundleSpec, lambdaBundles } from "../build/lambdaBundles.ts";

/**
 * The ledger-admin Lambda's bundle, from the kit's build list (`npm run build` writes it with the others).
 * Like the migration bundle it carries `pg` and the ledger migrations.
 */
export const ledgerAdminBundle: LambdaBundleSpec = (() => {
  const spec = lambdaBundles.find((bundle) => bundle.name === "ledger-admin");
  if (!spec) throw new Error("runtime/build/lambdaBundles.ts has no ledger-admin bundle");
  return spec;
})();
