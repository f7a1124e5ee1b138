const voidElements = new Set(["meta", "link", "br", "hr", "img", "input"]);
const tagPattern =
  /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(\/?)>/;

/**
 * Problems that would make `html` not well-formed, as a strict reader sees it: a `<` that does not start a
 * well-formed tag (so text holding an unescaped `<` fails), unquoted attribute values, an `&` that starts
 * no entity, and elements that are not closed or closed out of order. An empty list means well-formed.
 * (No HTML parser is among the dev dependencies; this is enough to catch broken or injected markup.)
 */
export function checkHtml(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let rest = html.replace(/^<!DOCTYPE html>\s*/i, "");
  let offset = html.length - rest.length;
  while (rest.length > 0) {
    const next = rest.indexOf("<");
    const text = next === -1 ? rest : rest.slice(0, next);
    if (/&(?!(?:amp|lt|gt|quot|#\d+);)/.test(text))
      problems.push(`bare & at ${offset}: ${text.slice(0, 40)}`);
    if (text.includes(">")) problems.push(`bare > at ${offset}: ${text.slice(0, 40)}`);
    if (next === -1) break;
    rest = rest.slice(next);
    offset += next;
    const tag = tagPattern.exec(rest);
    if (tag === null) {
      problems.push(`not a well-formed tag at ${offset}: ${rest.slice(0, 60)}`);
      rest = rest.slice(1);
      offset += 1;
      continue;
    }
    const [whole, closing, name = "", , selfClosing] = tag;
    const element = name.toLowerCase();
    if (closing) {
      const expected = open.pop();
      if (expected !== element) problems.push(`</${element}> at ${offset} closes <${expected ?? "nothing"}>`);
    } else if (!selfClosing && !voidElements.has(element)) {
      open.push(element);
      if (element === "style") {
        const end = rest.indexOf("</style>");
        rest = rest.slice(end === -1 ? rest.length : end);
        offset += end;
        continue;
      }
    }
    rest = rest.slice(whole.length);
    offset += whole.length;
  }
  if (open.length > 0) problems.push(`never closed: ${open.join(" > ")}`);
  return problems;
}
