import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import * as z from "zod";
import { type TenantConfig, tenantConfigSchema } from "../../../tenants/schema.ts";
import { type ConfigProblem, fieldName } from "./configProblem.ts";
import { describeIssue } from "./describeIssue.ts";
import { suggestKey } from "./suggestKey.ts";

/** What parsing one tenant file produced: a config, or every problem found in it. */
export type TenantFileResult = (
  | { readonly ok: true; readonly config: TenantConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] }
) & {
  /** The `id` the file declares when it is a string, valid or not, for checks across files. */
  readonly declaredId?: string;
  /** Line and column of the value at `path`, for problems found later (e.g. across files). */
  readonly locate: (path: ReadonlyArray<PropertyKey>) => { line: number; column: number };
};

/**
 * Parses and validates the text of one tenant file, reporting every problem at once, each located at the
 * line and column of the offending key or value. Pure: the caller reads the file.
 *
 * @example
 * const result = parseTenantFile("tenants/acme.yaml", await readFile("tenants/acme.yaml", "utf8"));
 * if (!result.ok) console.error(result.problems.map(formatProblem).join("\n"));
 */
export function parseTenantFile(file: string, text: string): TenantFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: Math.max(pos.line, 1), column: Math.max(pos.col, 1) };
  };

  const locateStart = () => ({ line: 1, column: 1 });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      locate: locateStart,
      problems: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        field: "(yaml)",
        message: `YAML syntax error: ${error.message.split("\n")[0]}; fix the syntax (indentation, quotes, colons)`,
      })),
    };
  }
  if (!isMap(doc.contents)) {
    const what = doc.contents === null ? "empty" : "not a mapping";
    return {
      ok: false,
      locate: locateStart,
      problems: [
        {
          file,
          ...at(doc.contents?.range?.[0] ?? 0),
          field: "(file)",
          message: `the file is ${what}; a tenant file is a mapping with id, displayName, tier, contacts and models (run: silo tenants new <id>)`,
        },
      ],
    };
  }

  const root = doc.contents;
  const raw: unknown = doc.toJS();
  const rawId = (raw as { id?: unknown }).id;
  const found = {
    declaredId: typeof rawId === "string" ? rawId : undefined,
    locate: (path: ReadonlyArray<PropertyKey>) => at(offsetOf(root, path)),
  };
  const parsed = tenantConfigSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data, ...found };

  const problems: ConfigProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyNode = keyNodeAt(doc.contents, [...issue.path, key]);
        problems.push({
          file,
          ...at(keyNode?.range?.[0] ?? 0),
          field: fieldName([...issue.path, key]),
          message: unknownKeyMessage(key, issue.path),
        });
      }
      continue;
    }
    problems.push({
      file,
      ...at(offsetOf(doc.contents, issue.path)),
      field: fieldName(issue.path),
      message: describeIssue(issue),
    });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems, ...found };
}

function unknownKeyMessage(key: string, path: ReadonlyArray<PropertyKey>): string {
  const known = knownKeysAt(path);
  const suggestion = suggestKey(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
  return `"${key}" is not a known key; ${hint}allowed here: ${known.join(", ")}`;
}

/** The keys the schema allows in the object at `path` (array indices skipped). */
function knownKeysAt(path: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.core.$ZodType = tenantConfigSchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodObject && typeof part === "string") {
      const next = schema.shape[part];
      if (!next) return [];
      schema = next;
    }
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}

/** One step down a YAML tree: the pair holding `part` in a map, or the item at `part` in a sequence. */
function childOf(node: unknown, part: PropertyKey): { key?: Node; value: unknown } {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
    return { key: pair?.key as Node | undefined, value: pair?.value };
  }
  if (isSeq(node) && typeof part === "number") return { value: node.items[part] };
  return { value: undefined };
}

/** Offset of the node at `path`; for a missing node, the nearest existing ancestor (where to add it). */
function offsetOf(root: Node, path: ReadonlyArray<PropertyKey>): number {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (const part of path) {
    const child = childOf(node, part);
    if (child.value === undefined || child.value === null) {
      // A key present with an empty value (`tier:`) is located at the key.
      return child.key?.range?.[0] ?? offset;
    }
    node = child.value;
    offset = (node as Node).range?.[0] ?? offset;
  }
  return offset;
}

function keyNodeAt(root: Node, path: ReadonlyArray<PropertyKey>): Node | undefined {
  let node: unknown = root;
  for (const part of path.slice(0, -1)) node = childOf(node, part).value;
  const last = path.at(-1);
  return last === undefined ? undefined : childOf(node, last).key;
}
