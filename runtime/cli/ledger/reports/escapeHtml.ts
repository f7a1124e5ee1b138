const replacements: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML and SVG element content and for quoted attribute values. Every string the finance
 * report puts into markup goes through it, so a tenant id or model key can never become markup.
 *
 * @example
 * escapeHtml('<b title="x">A & B</b>'); // "&lt;b title=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}
