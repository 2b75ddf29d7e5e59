/**
 * YAML codec (Continue `config.yaml` with an `mcpServers:` list, Goose `config.yaml` with an
 * `extensions:` map). Reads with `yaml`'s parseDocument; edits by splicing the text at the parsed
 * nodes' source ranges, never through `Document.toString()`, so every other byte stays as it was.
 * A batch of changes is planned on one parse (see `Run`), with the bytes of applying them one by one.
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  type Scalar,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { AppError } from "../../core/errors.ts";
import type { Codec, NativeEntry, ServersLocation } from "../types.ts";
import {
  countParse,
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
  trimBack,
} from "./shared.ts";
import { detectYamlUnit, itemLines, pairLines } from "./yaml_emit.ts";
import {
  afterMember,
  blockRemove,
  column,
  dashBefore,
  type Edit,
  flowEnd,
  flowMember,
  insertUnder,
  insertUnderFlow,
  linesAt,
  type Member,
  memberOf,
  replaceMember,
} from "./yaml_edit.ts";

/** Parses `body` (no BOM), throwing config_parse_error on any error or a root that is not a mapping. */
function parseDoc(body: string): Document {
  countParse();
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

function serversIn(doc: Document, body: string, loc: ServersLocation): Record<string, NativeEntry> {
  const found = locate(doc, body, loc);
  const data = found.container ? toPlain(found.container.toJS(doc)) : undefined;
  return serversFrom("yaml", data, loc);
}

function readBody(body: string, loc: ServersLocation): Record<string, NativeEntry> {
  if (body.trim() === "") return {};
  return serversIn(parseDoc(body), body, loc);
}

/** Entry name -> the indexes of the container's members holding it (a list may repeat a name). */
function membersByName(container: YAMLMap | YAMLSeq, loc: ServersLocation): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (name: string, index: number) => {
    const list = out.get(name);
    if (list) list.push(index);
    else out.set(name, [index]);
  };
  container.items.forEach((it: unknown, index: number) => {
    if (loc.shape === "map") {
      const key = (it as Pair).key;
      if (isScalar(key)) add(String(key.value), index);
    } else if (isMap(it)) {
      const p = it.items.findLast((q) => isScalar(q.key) && q.key.value === loc.nameKey);
      if (p && isScalar(p.value) && typeof p.value.value === "string") add(p.value.value, index);
    }
  });
  return out;
}

/** Thrown inside a run when two planned edits overlap: the run is then done one change at a time. */
class Overlap extends Error {}

/**
 * The edits of a run of changes, all planned on one parse of `text`, in that text's coordinates. A
 * change is taken into the run only when its bytes are those it would have after re-reading the text
 * edited by the changes before it; otherwise the run ends there and the next run parses again. For a
 * block container (the usual case) one run takes every change: removals and replacements are
 * independent spans, and additions go together after the last member still there at the first one.
 */
class Run {
  private readonly doc: Document;
  private readonly found: Found;
  private readonly eol: string;
  private readonly unit: string;
  private readonly edits: Edit[] = [];
  /** Original members still there (index -> member), in order. */
  private readonly alive = new Map<number, Member>();
  private byName = new Map<string, number[]>();
  private removedAny = false;
  /** Additions so far: block lines or flow members after `anchor`, or values of a new container. */
  private anchor?: { pos: number; text: string; indent?: string };
  private created?: Record<string, unknown> | unknown[];
  private flowParentCreated = false;

  constructor(private readonly text: string, private readonly loc: ServersLocation, doc?: Document) {
    this.doc = doc ?? parseDoc(text);
    this.found = locate(this.doc, text, loc);
    this.eol = detectEol(text);
    this.unit = detectYamlUnit(text);
    const c = this.container;
    if (c) {
      c.items.forEach((_: unknown, i: number) => this.alive.set(i, memberOf(c, i)));
      this.byName = membersByName(c, loc);
    }
  }

  /** The container when it holds or can hold members in place (an empty `{}` under a block key is
   * replaced by block lines instead). */
  private get container(): YAMLMap | YAMLSeq | undefined {
    const c = this.found.container;
    const emptyFlow = c?.flow && c.items.length === 0 && this.found.pair && !this.found.parent?.flow;
    return emptyFlow ? undefined : c;
  }

  /** Takes change `name` into the run; false (nothing planned) when it must start a new run. */
  take(name: string, entry: NativeEntry | null): boolean {
    const loc = this.loc;
    const value = entry === null ? null : loc.shape === "list" ? listItem(name, entry, loc.nameKey) : entry;
    const c = this.container;
    if (!c) {
      if (value === null) return true;
      if (this.flowParentCreated) return false;
      this.create(name, value);
      return true;
    }
    const hits = (this.byName.get(name) ?? []).flatMap((i) => this.alive.get(i) ?? []);
    if (value !== null && hits.length === 1) {
      const old = toPlain(hits[0].node?.toJS(this.doc) ?? null);
      if (!deepEqual(old, value)) {
        this.checkAnchors(name, hits[0]);
        this.edits.push(replaceMember(this.text, !!c.flow, hits[0], value, this.unit, this.eol));
      }
      return true;
    }
    if (hits.length > 0) {
      if (c.flow && (this.anchor || (hits.length === this.alive.size && this.removedAny))) return false;
      for (const h of hits) this.checkAnchors(name, h);
      for (const h of [...hits].reverse()) this.remove(c, h);
    }
    if (value === null) return true;
    // An emptied container reads as null, or as an empty `{}` under a block key: re-read, then create.
    const emptied = !c.flow || (this.found.pair && !this.found.parent?.flow);
    if (this.alive.size === 0 && !this.anchor && emptied) return false;
    this.add(c, loc.shape === "map" ? name : null, value);
    return true;
  }

  /** Refuses to drop a member holding an anchor that an alias elsewhere uses (the file would break). */
  private checkAnchors(name: string, m: Member): void {
    const anchors = new Set<string>();
    const own = new Set<string>();
    for (const n of [m.key, m.node]) {
      if (!n) continue;
      visit(n, {
        Node(_, x) {
          if (x.anchor) anchors.add(x.anchor);
        },
        Alias(_, a) {
          own.add(a.source);
        },
      });
    }
    if (anchors.size === 0) return;
    const used = new Set<string>();
    visit(this.doc, {
      Alias(_, a) {
        used.add(a.source);
      },
    });
    const shared = [...anchors].filter((a) => used.has(a) && !own.has(a));
    if (shared.length > 0) {
      throw new AppError(
        "invalid_input",
        `Cannot change the server ${JSON.stringify(name)}: other parts of the file use its anchor ${
          shared.map((a) => `&${a}`).join(", ")
        } (as ${shared.map((a) => `*${a}`).join(", ")}); move the anchored value out of it by hand first`,
        { server: name, anchors: shared },
      );
    }
  }

  private remove(c: YAMLMap | YAMLSeq, m: Member): void {
    this.alive.delete(m.index);
    this.removedAny = true;
    if (!c.flow) {
      this.edits.push(blockRemove(this.text, m));
      return;
    }
    const rest = [...this.alive.values()];
    const next = rest.find((x) => x.index > m.index);
    const prev = rest.findLast((x) => x.index < m.index);
    const end = trimBack(this.text, m.end, m.start);
    if (next) this.edits.push({ start: m.start, end: next.start, text: "" });
    else if (prev) this.edits.push({ start: trimBack(this.text, prev.end, prev.start), end, text: "" });
    else {
      let e = end;
      while (/[ \t\r\n]/.test(this.text[e] ?? "")) e++;
      this.edits.push({ start: m.start, end: this.text[e] === "," ? e + 1 : end, text: "" });
    }
  }

  private add(c: YAMLMap | YAMLSeq, key: string | null, value: unknown): void {
    const text = this.text;
    if (c.flow) {
      if (!this.anchor) {
        const at = flowEnd(text, c);
        const sep = this.alive.size === 0 ? "" : text[at - 1] === "," ? " " : ", ";
        this.anchor = { pos: at, text: sep + flowMember(key, value) };
      } else this.anchor.text += ", " + flowMember(key, value);
      return;
    }
    if (!this.anchor) {
      const last = [...this.alive.values()].at(-1)!;
      const first = memberOf(c, 0);
      const indent = " ".repeat(column(text, isSeq(c) ? dashBefore(text, first.start) : first.start));
      this.anchor = { pos: afterMember(text, last), text: "", indent };
    }
    const a = this.anchor;
    const lines = key === null
      ? itemLines(value, a.indent!, this.unit)
      : pairLines(key, value, a.indent!, this.unit);
    a.text += linesAt(
      a.text === "" ? (a.pos > 0 ? text[a.pos - 1] : undefined) : a.text.at(-1),
      lines,
      this.eol,
    );
  }

  /** A missing, null or empty-flow container: every addition of the run goes into one new one. */
  private create(name: string, value: unknown): void {
    if (this.loc.shape === "map") {
      const created = (this.created ??= {}) as Record<string, unknown>;
      setOwn(created, name, value);
    } else {
      const created = (this.created ??= []) as unknown[];
      created.push(value);
    }
    const f = this.found;
    const parent = f.parent;
    const under = f.nullPair ?? (f.container ? f.pair : undefined);
    if (under ? parent!.flow : parent?.flow) this.flowParentCreated = true;
  }

  /** The edits of a created container (planned once its last addition is known). */
  private creation(): Edit[] {
    const f = this.found;
    const loc = this.loc;
    const text = this.text;
    const emptyFlow = !!f.container;
    let v: unknown = this.created;
    for (let i = loc.path.length - 1; i > f.depth && !emptyFlow; i--) {
      const o: Record<string, unknown> = {};
      setOwn(o, loc.path[i], v);
      v = o;
    }
    const under = f.nullPair ?? (emptyFlow ? f.pair : undefined);
    const parent = f.parent;
    if (under) {
      return parent!.flow ? [insertUnderFlow(under, v)] : insertUnder(text, under, v, this.unit, this.eol);
    }
    const key = loc.path[f.depth];
    if (parent?.flow) {
      const at = flowEnd(text, parent);
      const sep = parent.items.length === 0 ? "" : text[at - 1] === "," ? " " : ", ";
      return [{ start: at, end: at, text: sep + flowMember(key, v) }];
    }
    if (!parent || parent.items.length === 0) {
      const pos = text.length;
      return [{
        start: pos,
        end: pos,
        text: linesAt(text[pos - 1], pairLines(key, v, "", this.unit), this.eol),
      }];
    }
    const first = memberOf(parent, 0);
    const last = memberOf(parent, parent.items.length - 1);
    const pos = afterMember(text, last);
    const lines = pairLines(key, v, " ".repeat(column(text, first.start)), this.unit);
    return [{ start: pos, end: pos, text: linesAt(pos > 0 ? text[pos - 1] : undefined, lines, this.eol) }];
  }

  /** The text with every planned edit applied (throws Overlap when two of them touch the same bytes). */
  result(): string {
    const edits = [...this.edits];
    if (this.created) edits.push(...this.creation());
    if (this.anchor) edits.push({ start: this.anchor.pos, end: this.anchor.pos, text: this.anchor.text });
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    let out = "";
    let at = 0;
    for (const e of edits) {
      if (e.start < at) throw new Overlap();
      out += this.text.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.text.slice(at);
  }
}

/** Applies the changes in order, in as few runs (parses) as their kinds allow; `doc` is `body` parsed. */
function applyAll(
  body: string,
  loc: ServersLocation,
  changes: Record<string, NativeEntry | null>,
  doc?: Document,
): string {
  const names = Object.keys(changes);
  let out = body;
  for (let i = 0; i < names.length;) {
    const start = i;
    const run = new Run(out, loc, out === body ? doc : undefined);
    while (i < names.length && run.take(names[i], changes[names[i]])) i++;
    try {
      out = run.result();
    } catch (e) {
      if (!(e instanceof Overlap)) throw e;
      // Never expected: the same changes again, one run each.
      for (let k = start; k < Math.max(i, start + 1); k++) {
        for (let done = false; !done;) {
          const one = new Run(out, loc);
          done = one.take(names[k], changes[names[k]]);
          out = one.result();
        }
      }
    }
  }
  return out;
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
    const names = Object.keys(changes);
    if (body.trim() === "") {
      if (names.every((n) => changes[n] === null)) return text;
      const out = applyAll("", loc, changes);
      selfCheck("yaml", () => readBody(out, loc), expectedAfter({}, changes, loc));
      return bom + out;
    }
    const doc = parseDoc(body);
    const before = serversIn(doc, body, loc);
    const out = applyAll(body, loc, changes, doc);
    selfCheck("yaml", () => readBody(out, loc), expectedAfter(before, changes, loc));
    return bom + out;
  },
});
