/**
 * Rows of docs/secrets.md for secrets that no stack creates and the local platform does not write: they
 * live with the identity provider, the Pulumi backend, CI or finance, and the kit only refers to them. The
 * docs test accepts a row id only if a stack rule (stackSecrets.ts), a local data-directory entry
 * (runtime/local/localSecretFiles.ts) or this list names it, so the inventory cannot drift from the code.
 */
export const outsideSecretIds: readonly string[] = [
  "idp-signing-keys",
  "idp-tenant-client-secrets",
  "idp-admin-access",
  "pulumi-secrets-provider",
  "pulumi-access-tokens",
  "ci-deploy-credentials",
  "ledger-finance-logins",
];
