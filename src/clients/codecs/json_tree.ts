/**
 * Reading side of the JSON/JSONC codecs: parses with jsonc-parser (comments and trailing commas
 * accepted, every syntax error reported), turns tree nodes into prototype-safe data and finds the
 * servers container along a key path.
 */
import { createScanner, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { ServersLocation } from "../types.ts";
import { countParse, parseErrorAt, setOwn, showPath } from "./shared.ts";

/** "an array", "a string"... */
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

const REASONS: Record<string, string> = {
  InvalidSymbol: "invalid character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a property name in double quotes was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected (the object is not closed)",
  CloseBracketExpected: "']' was expected (the array is not closed)",
  EndOfFileExpected: "the document should end here",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

/** Deepest nesting of objects and arrays a config file may have (real ones stay under 20). */
export const MAX_DEPTH = 500;

/** Throws `config_parse_error` at the bracket that opens level MAX_DEPTH + 1 (before any recursion). */
function checkDepth(format: string, text: string): void {
  const s = createScanner(text, true);
  let depth = 0;
  for (let kind = s.scan(); kind !== 17; kind = s.scan()) {
    if (kind === 1 || kind === 3) {
      if (++depth > MAX_DEPTH) {
        throw parseErrorAt(format, text, s.getTokenOffset(), `nested more than ${MAX_DEPTH} levels deep`);
      }
    } else if (kind === 2 || kind === 4) depth--;
  }
}

/** Throws `config_parse_error` at the second of two members of one object with the same key, in `n` and
 * everything inside it: which one a client uses is not defined, so we neither read nor edit such a file. */
export function checkUniqueKeys(format: string, text: string, n: Node): void {
  if (n.type === "object") {
    const seen = new Set<string>();
    for (const p of n.children ?? []) {
      const key = p.children?.[0];
      if (!key) continue;
      if (seen.has(key.value)) {
        throw parseErrorAt(format, text, key.offset, `duplicate key ${JSON.stringify(key.value)}`);
      }
      seen.add(key.value);
    }
  }
  for (const c of n.children ?? []) {
    checkUniqueKeys(format, text, c.type === "property" ? c.children?.[1] ?? c : c);
  }
}

/** Parses `text` (BOM already removed, not blank) and returns the root object node. */
export function parseRoot(format: string, text: string): Node {
  countParse();
  checkDepth(format, text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, OPTIONS);
  if (errors.length > 0) {
    const e = errors[0];
    const code = printParseErrorCode(e.error);
    throw parseErrorAt(format, text, e.offset, REASONS[code] ?? code);
  }
  if (!root || root.type !== "object") {
    throw parseErrorAt(
      format,
      text,
      root?.offset ?? 0,
      `the root is ${root ? article(root.type) : "empty"}, expected an object`,
    );
  }
  return root;
}

/** Plain data of a node; object keys become own properties (so `__proto__` is an ordinary key). */
export function nodeValue(n: Node): unknown {
  if (n.type === "object") {
    const out: Record<string, unknown> = {};
    for (const p of n.children ?? []) {
      if (p.children?.length === 2) setOwn(out, p.children[0].value, nodeValue(p.children[1]));
    }
    return out;
  }
  if (n.type === "array") return (n.children ?? []).map(nodeValue);
  return n.value;
}

/** Property nodes of `obj` whose key is `key`, in document order. */
export function propsNamed(obj: Node, key: string): Node[] {
  return (obj.children ?? []).filter((p) => p.children?.[0]?.value === key);
}

/**
 * The fast way to read a strict-JSON document: `JSON.parse` (native, ~50x faster than building the
 * tree above) when it can stand for the tree walk exactly. Returns undefined, and the caller takes the
 * slow path, whenever the slow path could answer differently: the text is not strict JSON (comments,
 * trailing commas, any syntax error: the tree parser reports those with their position), it is nested
 * deeper than MAX_DEPTH, or any object in it repeats a key. Repeated keys are found by counting: in a
 * text `JSON.parse` accepts, every `"` outside a string opens one, so a left-to-right match of string
 * tokens stays in step with the document, and those followed by `:` are exactly its keys; each key
 * makes at most one property, so a text with fewer properties than keys repeats one.
 */
export function parseStrict(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  countParse();
  let keys = 0;
  for (const m of text.matchAll(KEY_TOKENS)) if (m[1] !== undefined) keys++;
  let props = 0;
  // Iterative walk (no recursion before the depth is known): properties and the deepest nesting.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push([x, depth + 1]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        props++;
        const x = o[k];
        if (typeof x === "object" && x !== null) stack.push([x, depth + 1]);
      }
    }
  }
  return props === keys ? { value } : undefined;
}

/** A JSON string token, with the `:` that makes it a key captured. */
const KEY_TOKENS = /"(?:[^"\\]|\\.)*"([ \t\r\n]*:)?/g;

/** Where a key path leads in the tree. */
export interface Located {
  /** Deepest object node reached; it stands for `path.slice(0, depth)`. */
  obj: Node;
  depth: number;
  /** The value node at `path[depth]` when it exists but is `null` (to be replaced on write). */
  nullNode?: Node;
  /** The container node when the whole path exists. */
  container?: Node;
}

/** Follows `loc.path` from the root, checking each step is an object and the container's type. */
export function locate(format: string, text: string, root: Node, loc: ServersLocation): Located {
  let obj = root;
  for (let depth = 0; depth < loc.path.length; depth++) {
    const props = propsNamed(obj, loc.path[depth]);
    if (props.length > 1) {
      throw parseErrorAt(format, text, props[1].offset, `duplicate key ${JSON.stringify(loc.path[depth])}`);
    }
    const v = props.at(-1)?.children?.[1];
    if (!v) return { obj, depth };
    if (v.type === "null") return { obj, depth, nullNode: v };
    const last = depth === loc.path.length - 1;
    const want = last && loc.shape === "list" ? "array" : "object";
    if (v.type !== want) {
      const where = showPath(loc.path.slice(0, depth + 1));
      throw parseErrorAt(
        format,
        text,
        v.offset,
        `${where} is ${article(v.type)}, expected ${want === "array" ? "a list" : "an object"}`,
      );
    }
    if (last) {
      checkUniqueKeys(format, text, v);
      return { obj, depth, container: v };
    }
    obj = v;
  }
  return { obj: root, depth: 0, container: root };
}
