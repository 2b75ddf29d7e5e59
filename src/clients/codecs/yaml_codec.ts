/**
 * YAML codec (Continue `config.yaml` with an `mcpServers:` list, Goose `config.yaml` with an
 * `extensions:` map). Reads with `yaml`'s parseDocument; edits by splicing the text at the parsed
 * nodes' source ranges, never through `Document.toString()`, so every other byte stays as it was.
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { Codec, NativeEntry, ServersLocation } from "../types.ts";
import {
  deepEqual,
  detectEol,
  expectedAfter,
  guardDepth,
  listItem,
  parseError,
  parseErrorAt,
  selfCheck,
  serversFrom,
  setOwn,
  showPath,
  splitBom,
  toPlain,
} from "./shared.ts";
import { detectYamlUnit } from "./yaml_emit.ts";
import {
  blockInsert,
  blockRemove,
  flowInsert,
  flowRemove,
  insertUnder,
  type Member,
  memberOf,
  replaceMember,
} from "./yaml_edit.ts";

/** Parses `body` (no BOM), throwing config_parse_error on any error or a root that is not a mapping. */
function parseDoc(body: string): Document {
  const doc = parseDocument(body, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const first = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const reason = /call stack/i.test(first) ? "the document is nested too deeply to read" : first;
    if (pos) throw parseError("yaml", pos.line, pos.col, reason);
    throw parseErrorAt("yaml", body, err.pos[0], reason);
  }
  const root = doc.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    throw parseErrorAt("yaml", body, root.range?.[0] ?? 0, "the root is not a mapping");
  }
  return doc;
}

function isNullish(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && (n as Scalar).value === null);
}

/** Where a key path leads: the container, or the deepest mapping reached (and a null-valued pair). */
interface Found {
  container?: YAMLMap | YAMLSeq;
  parent: YAMLMap | null;
  depth: number;
  nullPair?: { key: Node; value: Node | null };
  /** The pair holding the container (when it exists). */
  pair?: { key: Node; value: Node | null };
}

function locate(doc: Document, body: string, loc: ServersLocation): Found {
  let map: YAMLMap | null = isMap(doc.contents) ? doc.contents : null;
  for (let depth = 0; depth < loc.path.length; depth++) {
    if (!map) return { parent: null, depth };
    const pair = map.items.findLast((p) => isScalar(p.key) && String(p.key.value) === loc.path[depth]);
    if (!pair) return { parent: map, depth };
    if (isNullish(pair.value)) {
      return { parent: map, depth, nullPair: { key: pair.key as Node, value: pair.value as Node } };
    }
    const v = pair.value as Node;
    const last = depth === loc.path.length - 1;
    const wantSeq = last && loc.shape === "list";
    if (wantSeq ? !isSeq(v) : !isMap(v)) {
      const what = isSeq(v) ? "a list" : isMap(v) ? "a mapping" : "a scalar";
      throw parseErrorAt(
        "yaml",
        body,
        v.range?.[0] ?? 0,
        `${showPath(loc.path.slice(0, depth + 1))} is ${what}, expected ${wantSeq ? "a list" : "a mapping"}`,
      );
    }
    if (last) {
      return {
        container: v as YAMLMap | YAMLSeq,
        parent: map,
        depth,
        pair: { key: pair.key as Node, value: v },
      };
    }
    map = v as YAMLMap;
  }
  return { parent: map, depth: loc.path.length };
}

function readBody(body: string, loc: ServersLocation): Record<string, NativeEntry> {
  if (body.trim() === "") return {};
  const doc = parseDoc(body);
  const found = locate(doc, body, loc);
  const data = found.container ? toPlain(found.container.toJS(doc)) : undefined;
  return serversFrom("yaml", data, loc);
}

/** The members of the container holding entry `name`. */
function hitsOf(container: YAMLMap | YAMLSeq, loc: ServersLocation, name: string): Member[] {
  const out: Member[] = [];
  container.items.forEach((it: unknown, index: number) => {
    const m = memberOf(container, index);
    if (loc.shape === "map") {
      if (isScalar(m.key) && String(m.key.value) === name) out.push(m);
    } else if (isMap(it)) {
      const p = it.items.findLast((q) => isScalar(q.key) && q.key.value === loc.nameKey);
      if (p && isScalar(p.value) && p.value.value === name) out.push(m);
    }
  });
  return out;
}

function applyOne(body: string, loc: ServersLocation, name: string, entry: NativeEntry | null): string {
  const doc = parseDoc(body);
  const found = locate(doc, body, loc);
  const eol = detectEol(body);
  const unit = detectYamlUnit(body);
  const value = entry === null ? null : loc.shape === "list" ? listItem(name, entry, loc.nameKey) : entry;
  const c = found.container;
  const emptyFlow = c?.flow && c.items.length === 0 && found.pair && !found.parent?.flow;
  if (!c || emptyFlow) {
    if (value === null) return body;
    let v: unknown = [value];
    if (loc.shape === "map") setOwn((v = {}) as Record<string, unknown>, name, value);
    for (let i = loc.path.length - 1; i > found.depth && !emptyFlow; i--) {
      const o: Record<string, unknown> = {};
      setOwn(o, loc.path[i], v);
      v = o;
    }
    const under = found.nullPair ?? (emptyFlow ? found.pair : undefined);
    if (under) return insertUnder(body, found.parent!, under, v, unit, eol);
    const parent = found.parent;
    if (parent?.flow) return flowInsert(body, parent, loc.path[found.depth], v);
    return blockInsert(body, parent, loc.path[found.depth], v, unit, eol);
  }
  const hits = hitsOf(c, loc, name);
  if (value === null || hits.length > 1) {
    let out = body;
    for (const h of [...hits].reverse()) out = c.flow ? flowRemove(out, c, h.index) : blockRemove(out, h);
    return value === null ? out : applyOne(out, loc, name, entry);
  }
  if (hits.length === 1) {
    const old = toPlain(hits[0].node?.toJS(doc) ?? null);
    if (deepEqual(old, value)) return body;
    return replaceMember(body, c, hits[0], value, unit, eol);
  }
  return c.flow
    ? flowInsert(body, c, loc.shape === "map" ? name : null, value)
    : blockInsert(body, c, loc.shape === "map" ? name : null, value, unit, eol);
}

/** The YAML codec. */
export const yamlCodec: Codec = guardDepth({
  format: "yaml",
  parse(text: string): unknown {
    const { body } = splitBom(text);
    if (body.trim() === "") return {};
    const js = toPlain(parseDoc(body).toJS());
    return js === null ? {} : js;
  },
  readServers(text: string, loc: ServersLocation): Record<string, NativeEntry> {
    return readBody(splitBom(text).body, loc);
  },
  writeServers(text: string, loc: ServersLocation, changes: Record<string, NativeEntry | null>): string {
    const { bom, body } = splitBom(text);
    const before = readBody(body, loc);
    const names = Object.keys(changes);
    if (body.trim() === "" && names.every((n) => changes[n] === null)) return text;
    let out = body.trim() === "" ? "" : body;
    for (const name of names) out = applyOne(out, loc, name, changes[name]);
    selfCheck("yaml", () => readBody(out, loc), expectedAfter(before, changes, loc));
    return bom + out;
  },
});
