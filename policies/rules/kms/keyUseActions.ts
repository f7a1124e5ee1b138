/** The KMS actions that use a key on data or hand that use on (a grant), lower-case. */
const useActions = [
  "kms:decrypt",
  "kms:encrypt",
  "kms:reencryptfrom",
  "kms:reencryptto",
  "kms:generatedatakey",
  "kms:generatedatakeywithoutplaintext",
  "kms:generatedatakeypair",
  "kms:generatedatakeypairwithoutplaintext",
  "kms:generatemac",
  "kms:sign",
  "kms:derivesharedsecret",
  "kms:creategrant",
];

/**
 * The actions of a statement that use the key, as written: a use action itself, or a wildcard that covers
 * one (`kms:*`, `kms:Re*`, `*`). Administration (`kms:DescribeKey`, `kms:PutKeyPolicy`) is not use.
 *
 * @example
 * keyUseActions(["kms:Describe*", "kms:Decrypt", "kms:GenerateDataKey*"]); // ["kms:Decrypt", "kms:GenerateDataKey*"]
 */
export function keyUseActions(actions: readonly string[]): string[] {
  return actions.filter((action) => {
    const glob = action
      .toLowerCase()
      .replace(/[.+^$()[\]{}|\\]/g, "\\$&")
      .replaceAll("*", ".*")
      .replaceAll("?", ".");
    const pattern = new RegExp(`^${glob}$`);
    return useActions.some((use) => pattern.test(use));
  });
}

/** Whether every one of `actions` is `kms:CreateGrant`, exactly. */
export function onlyCreatesGrants(actions: readonly string[]): boolean {
  return actions.every((action) => action.toLowerCase() === "kms:creategrant");
}
