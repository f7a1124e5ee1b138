/**
 * A short string that a JSON Schema `pattern` (an ECMAScript regular expression) is likely to match, built
 * without randomness: every quantifier takes its minimum, every alternation its first branch, every
 * character class its first matching letter, digit or printable ASCII character. Look-arounds and
 * back-references are skipped, so the caller must test the result against the pattern; `undefined` when
 * the pattern cannot be read. Enough for the patterns schema generators emit (`^[A-Z]{3}-\d{2}$`, zod's
 * email, uuid and date patterns), not a general regex inverter.
 *
 * @example
 * exampleFromPattern("^[A-Z]{3}-\\d{2}$"); // "AAA-00"
 */
export function exampleFromPattern(pattern: string): string | undefined {
  try {
    const reader = { pattern, at: 0 };
    const example = alternation(reader);
    return reader.at === pattern.length ? example : undefined;
  } catch {
    return undefined;
  }
}

/** The most repetitions a `{n}` quantifier may ask for, so a pattern cannot build a huge string. */
const maxRepetitions = 10_000;

interface Reader {
  readonly pattern: string;
  at: number;
}

/** Printable ASCII, letters and digits first, so a class yields the most readable character it allows. */
const classCandidates = [
  ..."abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  ...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)),
];

const escapes: Readonly<Record<string, string>> = {
  d: "0",
  D: "a",
  w: "a",
  W: "-",
  s: " ",
  S: "a",
  b: "",
  B: "",
  n: "\n",
  r: "\r",
  t: "\t",
  f: "\f",
  v: "\v",
  "0": "\0",
};

function alternation(reader: Reader): string {
  const first = sequence(reader);
  while (reader.pattern[reader.at] === "|") {
    reader.at += 1;
    sequence(reader);
  }
  return first;
}

function sequence(reader: Reader): string {
  let text = "";
  while (reader.at < reader.pattern.length) {
    const next = reader.pattern[reader.at];
    if (next === "|" || next === ")") break;
    const piece = atom(reader);
    text += piece.repeat(quantifierMinimum(reader));
  }
  return text;
}

function atom(reader: Reader): string {
  const character = reader.pattern[reader.at] ?? "";
  reader.at += 1;
  switch (character) {
    case "^":
    case "$":
      return "";
    case ".":
      return "a";
    case "[":
      return characterClass(reader);
    case "\\":
      return escapeSequence(reader);
    case "(":
      return group(reader);
    default:
      return character;
  }
}

function group(reader: Reader): string {
  const rest = reader.pattern.slice(reader.at);
  const lookaround = /^\?<?[=!]/.exec(rest);
  const prefix = lookaround?.[0] ?? /^\?(?::|<[A-Za-z_$][\w$]*>)/.exec(rest)?.[0] ?? "";
  reader.at += prefix.length;
  const inner = alternation(reader);
  if (reader.pattern[reader.at] !== ")") throw new SyntaxError("unclosed group");
  reader.at += 1;
  return lookaround === null ? inner : "";
}

function escapeSequence(reader: Reader): string {
  const character = reader.pattern[reader.at] ?? "";
  reader.at += 1;
  if (character in escapes) return escapes[character] ?? "";
  if (/[1-9]/.test(character)) return "";
  if (character === "u" || character === "x") {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(reader.pattern.slice(reader.at));
    const hex = braced?.[1] ?? reader.pattern.slice(reader.at, reader.at + (character === "u" ? 4 : 2));
    reader.at += braced?.[0].length ?? hex.length;
    return String.fromCodePoint(Number.parseInt(hex, 16));
  }
  if (character === "p" || character === "P") {
    const property = /^\{[^}]*\}/.exec(reader.pattern.slice(reader.at))?.[0] ?? "";
    reader.at += property.length;
    return character === "p" ? "a" : "0";
  }
  return character;
}

/** The first candidate the class matches, tested with the class's own source so every syntax is honoured. */
function characterClass(reader: Reader): string {
  const start = reader.at;
  while (reader.pattern[reader.at] !== "]" || reader.at === start) {
    if (reader.at >= reader.pattern.length) throw new SyntaxError("unclosed class");
    reader.at += reader.pattern[reader.at] === "\\" ? 2 : 1;
  }
  const source = reader.pattern.slice(start - 1, reader.at + 1);
  reader.at += 1;
  const matcher = new RegExp(`^${source}$`, "u");
  const found = classCandidates.find((candidate) => matcher.test(candidate));
  if (found === undefined) throw new SyntaxError(`no printable ASCII character matches ${source}`);
  return found;
}

function quantifierMinimum(reader: Reader): number {
  const rest = reader.pattern.slice(reader.at);
  const match = /^(?:[*+?]|\{(\d+)(?:,\d*)?\})\??/.exec(rest);
  if (match === null) return 1;
  reader.at += match[0].length;
  const symbol = match[0][0];
  if (symbol === "+") return 1;
  if (symbol === "*" || symbol === "?") return 0;
  const count = Number(match[1]);
  if (count > maxRepetitions) throw new RangeError(`{${count}} repeats more than ${maxRepetitions} times`);
  return count;
}
