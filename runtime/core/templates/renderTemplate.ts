import { TemplateVariableMissingError } from "./templateVariableMissingError.ts";
import { templateVariables } from "./templateVariables.ts";

/**
 * Renders a template body by plain substitution: every `{{name}}` (spaces inside the braces allowed) becomes
 * the value of `name`. One pass, so a value that itself contains `{{...}}` is inserted as text, never
 * expanded; no logic, no escapes.
 *
 * Every variable the body uses needs a value (an empty string counts), or the render fails with
 * TEMPLATE_VARIABLE_MISSING naming all missing ones. Variables the body does not use are ignored: a client
 * may send one set of values to several templates, and keeps working when an update drops a placeholder.
 * Only own keys count, so `{{constructor}}` is never filled from `Object.prototype`.
 *
 * @example
 * renderTemplate("Hello {{ name }}", { name: "Dana", unused: "x" }); // "Hello Dana"
 */
export function renderTemplate(body: string, variables: Readonly<Record<string, string>>): string {
  const values = new Map(Object.entries(variables));
  const names = templateVariables(body);
  const missing = names.filter((name) => !values.has(name));
  if (missing.length > 0) throw new TemplateVariableMissingError(missing);
  if (names.length === 0) return body;
  // The names are letters, digits and _ (templateVariableName), so they are safe inside a pattern.
  const placeholder = new RegExp(`\\{\\{\\s*(${names.join("|")})\\s*\\}\\}`, "g");
  return body.replace(placeholder, (_match, name: string) => values.get(name) ?? "");
}
