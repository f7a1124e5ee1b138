/**
 * Rules the mutation test does not change a recorded resource for, by name, each with why. Keep it empty
 * where possible: every rule should list the inputs it reasons about as `mutations` (policies/README.md).
 */
export const mutationExemptRules: Readonly<Record<string, string>> = {};
