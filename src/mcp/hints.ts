/**
 * Hints for an assistant, in MCP terms. Ops write a hint once, in the CLI's words (`run \`mcp-orchestration
 * init\``, `give --env X=VALUE`, `publish-config --client cursor`), and both doors render it from the same
 * specs that define their arguments: the CLI prints it as written; over MCP this module names the tool and
 * its arguments instead (`initialize_keys`, `env_vars: {"X":"VALUE"}`, `publish_config
 * {"client_id":"cursor"}`), and each full step becomes an entry of the result's `next: [{tool, arguments}]`
 * (of an error's `details.next`) when MCP takes all of it, it names every required argument and no value
 * is left to fill in (`ID`).
 *
 * Only the prose of a result is rendered (messages, hints, warnings, recommendations, notes, a usage
 * example's command): data (a server's entry, a payload, a diff) is never touched.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderText } from "./hints.ts";
 * const r = renderText("No signing key: run `mcp-orchestration init` first");
 * assert.equal(r.text, "No signing key: call initialize_keys first");
 * assert.deepEqual(r.next, [{ tool: "initialize_keys", arguments: {} }]);
 * ```
 */
import { AppError } from "../core/errors.ts";
import { type Field, isAbsent, type McpField, type McpSpec } from "../ops/spec.ts";
import { TOOLS } from "./tools/mod.ts";

/** A step the assistant can take: a tool and its arguments. */
export interface Next {
  tool: string;
  arguments: Record<string, unknown>;
}

interface Arg {
  field: Field;
  /** The CLI flag (`--env`) or the positional's name (`<id>`). */
  flag: string;
  /** The MCP argument; null when MCP does not take it. */
  mcp: McpField | null;
  takesValue: boolean;
}

interface Command {
  spec: McpSpec;
  flags: Map<string, Arg>;
  positionals: Arg[];
}

let index: { byName: Map<string, Command>; all: Command[]; re: RegExp } | undefined;

function commands() {
  if (index) return index;
  const byName = new Map<string, Command>();
  for (const op of TOOLS) {
    const { spec } = op;
    if (isAbsent(spec.cli)) continue;
    const c: Command = { spec, flags: new Map(), positionals: [] };
    for (const f of Object.values(spec.input)) {
      if (!f.cli || isAbsent(f.cli)) continue;
      const [flag, value] = f.cli.flag.split(" ");
      const arg: Arg = {
        field: f,
        flag,
        mcp: f.mcp && !isAbsent(f.mcp) ? f.mcp : null,
        takesValue: value !== undefined,
      };
      if (flag.startsWith("--")) c.flags.set(flag, arg);
      else c.positionals.push(arg);
    }
    byName.set(spec.cli.command, c);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/-/g, "\\-"));
  const re = new RegExp(
    `(\`?)(mcp-orchestration )?(?<![\\w-])(${names.join("|")})(?![\\w-])|(?<![\\w-])(--[a-z][a-z0-9-]*)`,
    "g",
  );
  return index = { byName, all: [...byName.values()], re };
}

/** Arguments whose values are plain names (`--client cursor --profile work`). */
const NAMES = new Set(["client_id", "client_ids", "profile_id"]);

const TOKEN = /^ ("(?:[^"\\]|\\.)*"|'[^']*'|[^\s`,;()]+)/;
const unquote = (t: string) => /^(".*"|'.*')$/.test(t) ? t.slice(1, -1) : t;

/** Puts a CLI value into `args` under the MCP name, as the MCP schema types it. */
function put(args: Record<string, unknown>, a: Arg, value: string | true): void {
  const name = a.mcp!.name;
  const k = a.field.kind;
  if (value === true || k === "flag") args[name] = true;
  else if (k === "number" && /^\d+(\.\d+)?$/.test(value)) args[name] = Number(value);
  else if (k === "texts") args[name] = [...(args[name] as string[] ?? []), value];
  else if (k === "pairs" || k === "params") {
    const sep = (a.field.cli && !isAbsent(a.field.cli) && a.field.cli.sep) || "=";
    const at = value.indexOf(sep);
    const obj = (args[name] ?? {}) as Record<string, string>;
    if (at > 0) obj[value.slice(0, at)] = value.slice(at + sep.length);
    args[name] = obj;
  } else args[name] = value;
}

/** True when `tok` reads as the value of a lone `--flag` in prose (not the next English word). */
function looksLikeValue(a: Arg, tok: string): boolean {
  const f = a.field;
  if (/^["']/.test(tok) || /^[A-Z][A-Z0-9_]*(=.*)?$/.test(tok)) return true;
  if (f.choices) return f.choices.includes(tok);
  if (f.kind === "pairs" || f.kind === "params") return /[=:]/.test(tok);
  return /[=/.$~{}:0-9_<>]/.test(tok);
}

/** A value still to be filled in (`ID`, `FILE`, `VALUE`): the step is not one to take as it stands. */
const placeholder = (v: unknown): boolean =>
  typeof v === "string"
    ? /^[A-Z][A-Z0-9_]*$/.test(v)
    : typeof v === "object" && v !== null && Object.values(v).some(placeholder);

const takes = (spec: McpSpec, name: string) =>
  Object.values(spec.input).some((f) => f.mcp && !isAbsent(f.mcp) && f.mcp.name === name);

const argText = (name: string, v: unknown) => v === undefined ? name : `${name}: ${JSON.stringify(v)}`;

/** A hint's text in MCP terms, and the full steps it names. `current`: the tool whose result it is (a
 * lone `--flag` is first looked up among its arguments). */
export function renderText(text: string, current?: McpSpec): { text: string; next: Next[] } {
  const { byName, all, re } = commands();
  const next: Next[] = [];
  let out = "";
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let rendered: string | undefined;
    if (m[3]) {
      const tick = m[1] === "`";
      const prefixed = tick || m[2] !== undefined;
      const c = byName.get(m[3])!;
      const args: Record<string, unknown> = {};
      const cliOnly: string[] = [];
      /** Options named without a value. */
      const named: string[] = [];
      let flags = 0;
      let pos = 0;
      let i = end;
      for (;;) {
        const t = TOKEN.exec(text.slice(i));
        if (!t) break;
        const tok = t[1];
        if (tok === "...") {
          i += t[0].length;
          continue;
        }
        let a: Arg | undefined;
        let value: string | true = true;
        let used = t[0].length;
        if (tok.startsWith("--")) {
          const [flag, inline] = tok.split(/=(.*)/s);
          a = c.flags.get(flag);
          if (!a) break;
          flags++;
          if (a.takesValue) {
            const v = inline === undefined ? TOKEN.exec(text.slice(i + used)) : null;
            if (inline !== undefined) value = inline;
            // In prose (no `mcp-orchestration ` or backquote before the command) the next word is a
            // value only when it reads as one: "rollback --restore puts back ..." names the option.
            else if (
              v && !v[1].startsWith("--") &&
              (prefixed || looksLikeValue(a, v[1]) || NAMES.has(a.mcp?.name ?? "") ||
                TOKEN.exec(text.slice(i + used + v[0].length))?.[1].startsWith("--"))
            ) {
              value = unquote(v[1]);
              used += v[0].length;
            } else {
              i += used;
              if (a.mcp) named.push(a.mcp.name);
              else cliOnly.push(a.flag.replace(/^--/, ""));
              continue;
            }
          }
        } else {
          a = c.positionals[pos++];
          if (!a) break;
          value = unquote(tok);
        }
        i += used;
        // A positional with one possible value is the command's own word (`registry import`).
        if (a.field.choices?.length === 1) continue;
        if (a.mcp) put(args, a, value);
        else cliOnly.push(a.flag.replace(/^--|[<>[\]]/g, ""));
      }
      if (prefixed || flags > 0) {
        end = i;
        // One value of a repeatable option the tool also takes alone (`--client x`: client_id, not client_ids).
        for (const [name, v] of Object.entries(args)) {
          const one = name.endsWith("_ids") ? name.slice(0, -1) : "";
          if (Array.isArray(v) && v.length === 1 && one && takes(c.spec, one)) {
            delete args[name];
            args[one] = v[0];
          }
        }
        if (tick && text[end] === "`") end++;
        const tool = c.spec.mcp.tool;
        const empty = Object.keys(args).length === 0;
        rendered = (empty ? tool : `${tool} ${JSON.stringify(args)}`) +
          (named.length ? ` with ${named.join(", ")}` : "") +
          (cliOnly.length ? ` (${cliOnly.join(", ")}: on the command line only)` : "");
        // A step the assistant can take as it stands: MCP takes all of it, and it names every required argument.
        const required = Object.values(c.spec.input).flatMap((f) =>
          f.mcp && !isAbsent(f.mcp) && f.mcp.required ? [f.mcp.name] : []
        );
        if (!cliOnly.length && !named.length && required.every((r) => r in args) && !placeholder(args)) {
          next.push({ tool, arguments: args });
        }
        // "run `mcp-orchestration init`": a tool is called, not run.
        if (/\brun $/.test(out + text.slice(last, start))) {
          out += text.slice(last, start).replace(/\brun $/, "call ");
          last = start;
        }
      } else if (m[3].includes("-")) {
        // A bare mention of a command (`add-server/remove-server`): its tool's name.
        end = start + m[0].length;
        rendered = m[1] + c.spec.mcp.tool;
      }
    } else if (m[4]) {
      const flag = m[4];
      const own = current ? byName.get(isAbsent(current.cli) ? "" : current.cli.command) : undefined;
      const found = all.map((c) => [c, c.flags.get(flag)] as const).filter(([, x]) => x !== undefined);
      // The current tool's option, else the first tool that takes it over MCP, else the first that has it.
      const [from, a] = own?.flags.get(flag)
        ? [own, own.flags.get(flag)] as const
        : found.find(([, x]) => x!.mcp) ?? found[0] ?? [undefined, undefined];
      if (a && from) {
        let value: unknown;
        if (a.takesValue) {
          const v = TOKEN.exec(text.slice(end));
          if (v && !v[1].startsWith("--") && looksLikeValue(a, v[1])) {
            const one: Record<string, unknown> = {};
            if (a.mcp) put(one, a, unquote(v[1]));
            value = a.mcp ? one[a.mcp.name] : undefined;
            end += v[0].length;
          }
        } else value = true;
        let name = a.mcp?.name;
        const one = name?.endsWith("_ids") ? name.slice(0, -1) : "";
        if (
          one && takes(from.spec, one) &&
          (value === undefined || (Array.isArray(value) && value.length === 1))
        ) {
          name = one;
          if (Array.isArray(value)) value = value[0];
        }
        rendered = name ? argText(name, value) : `${flag.slice(2)} (on the command line only)`;
      }
    }
    if (rendered === undefined) continue;
    out += text.slice(last, start) + rendered;
    last = end;
    re.lastIndex = end;
  }
  return { text: out + text.slice(last), next };
}

/** Keys whose text is prose for the reader; everything else is data and stays as it is. */
const PROSE = new Set([
  "message",
  "hint",
  "hints",
  "recommendation",
  "warning",
  "warnings",
  "note",
  "notes",
  "restart_hint",
  "command",
  "examples",
  "fix",
  "reason",
]);
/** Data that may hold command lines of its own (a server's args): never rendered. */
const DATA = new Set(["entry", "payload", "snippet", "mcpServers", "diff", "before", "after", "args"]);
/** Quick test: nothing to render in a document without any of these. */
const TRIGGER =
  /mcp-orchestration |--[a-z]|\b[a-z]+-(server|config|clients|profiles|servers|draft|install)\b/;

function walk(
  v: unknown,
  key: string | undefined,
  prose: boolean,
  current: McpSpec | undefined,
  next: Next[],
): unknown {
  if (typeof v === "string") {
    if (!prose) return v;
    const r = renderText(v, current);
    next.push(...r.next);
    return r.text;
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, key, prose, current, next));
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = DATA.has(k) ? x : walk(x, k, PROSE.has(k) || (prose && typeof x !== "object"), current, next);
    }
    return out;
  }
  return v;
}

function unique(next: Next[]): Next[] {
  const seen = new Set<string>();
  return next.filter((n) => {
    const k = JSON.stringify(n);
    return !seen.has(k) && (seen.add(k), true);
  });
}

/** A tool's result in MCP terms: its prose rendered, and `next` added when it names steps. */
export function renderResult(value: unknown, current?: McpSpec): unknown {
  const text = JSON.stringify(value ?? {});
  if (!TRIGGER.test(text)) return value;
  const next: Next[] = [];
  const out = walk(JSON.parse(text), undefined, false, current, next) as Record<string, unknown>;
  if (next.length && typeof out === "object" && out !== null && !Array.isArray(out) && !("next" in out)) {
    out.next = unique(next);
  }
  return out;
}

/** A tool's error in MCP terms: message and details rendered, the steps in `details.next`. */
export function renderError(e: unknown, current?: McpSpec): unknown {
  if (!(e instanceof AppError)) return e;
  // A step only the user may take, on the command line (a new registry source): shown as written.
  if ((e.details as Record<string, unknown> | undefined)?.user_step === true) return e;
  if (!TRIGGER.test(e.message) && !TRIGGER.test(JSON.stringify(e.details))) return e;
  const next: Next[] = [];
  const m = renderText(e.message, current);
  next.push(...m.next);
  const details = walk(e.details, undefined, false, current, next) as Record<string, unknown>;
  if (next.length && !("next" in details)) details.next = unique(next);
  const r = new AppError(e.code, m.text, details);
  r.stack = e.stack;
  return r;
}
