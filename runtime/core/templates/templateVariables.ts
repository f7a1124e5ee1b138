// Prompt templates are text with `{{variable}}` placeholders (spaces inside the braces allowed), rendered
// by plain substitution: no logic, no escapes, so a template can never run code or read other data.

/** A `{{name}}` placeholder; global, so use it with `matchAll` or `replace`, never `exec` in a loop. */
export const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/**
 * The variable names a template body uses, each once, in order of first use.
 *
 * @example
 * templateVariables("Hello {{name}}, about {{ topic }}: {{name}}"); // ["name", "topic"]
 */
export function templateVariables(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(placeholderPattern), (match) => match[1] as string))];
}
