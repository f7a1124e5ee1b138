/**
 * A Lambda function's inputs with one more environment variable: the shape of the environment rules'
 * `mutations` (siloPolicy.ts).
 *
 * @example
 * withVariable({ environment: { variables: { A: "1" } } }, "B", "2"); // { environment: { variables: { A: "1", B: "2" } } }
 */
export function withVariable(
  inputs: Readonly<Record<string, unknown>>,
  name: string,
  value: string,
): Record<string, unknown> {
  const environment = (inputs.environment ?? {}) as { variables?: Record<string, unknown> };
  return {
    ...inputs,
    environment: { ...environment, variables: { ...environment.variables, [name]: value } },
  };
}
