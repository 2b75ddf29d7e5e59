/**
 * A spec's CLI door on the parser: its arguments and options declared on a command (with defaults,
 * required options, repeatable values, choices, what completion offers, examples), and a parse turned
 * into the op's typed input (`inputFrom`). `register` adds one command module (src/cli/commands/) to
 * the program: parse, build the deps, run the op, print its text or JSON, set the exit code.
 *
 * @example
 * register(program, { op, text: (r) => r.clients.map((c) => c.client_id).join("\n") }, env);
 */
import { Argument, type Command, type Complete, makeOption, type OptionValues } from "./parser.ts";
import { checkFormat, type CliEnv, collect, type GlobalOptions, stylesFor } from "./context.ts";
import { printError, printResult } from "./output.ts";
import { parseKv, parseParams } from "./kv.ts";
import { ready } from "../core/lazy.ts";
import type { Style } from "./style.ts";
import {
  call,
  type CliField,
  type CliSpec,
  type Field,
  type InputOf,
  isAbsent,
  type Op,
  type Progress,
  type ProgressItemOf,
  type ResultOf,
  type RunContext,
} from "../ops/spec.ts";

/** What a command module (src/cli/commands/<command>.ts) exports. An operation's command exports `op`,
 * and `text` when its result has a text form (otherwise text output is the JSON); a command that is no
 * operation (serve, completions) exports its `spec` and an `action`. */
export interface CommandModule {
  op?: Op<CliSpec>;
  spec?: CliSpec;
  text?: (r: any, s: Style) => string;
  /** The exit code of a result (default 0). */
  exitCode?: (r: any) => number;
  /** The line of a progress report (default: its message), styled for stderr. */
  progress?: (p: Progress<any>, s: Style) => string;
  action?: (input: any, ctx: ActionContext) => void | Promise<void>;
}

export interface ActionContext {
  env: CliEnv;
  program: Command;
  cmd: Command;
}

/** The text form of an operation's result. */
export type TextOf<O> = (r: ResultOf<O>, s: Style) => string;
/** The exit code of an operation's result. */
export type ExitCodeOf<O> = (r: ResultOf<O>) => number;
/** The progress line of an operation (after its `[done/total]`). */
export type ProgressOf<O> = (p: Progress<ProgressItemOf<O>>, s: Style) => string;
/** The action of a command that is no operation. */
export type ActionOf<S extends CliSpec> = (input: InputOf<S>, ctx: ActionContext) => void | Promise<void>;

/** The fields the CLI takes, in order. */
export function cliFields(spec: CliSpec): [key: string, field: Field, cli: CliField][] {
  const out: [string, Field, CliField][] = [];
  for (const [key, f] of Object.entries(spec.input)) if (f.cli && !isAbsent(f.cli)) out.push([key, f, f.cli]);
  return out;
}

const positional = (c: CliField) => c.flag.startsWith("<") || c.flag.startsWith("[");
/** `--artifact-id <id>` -> `--artifact-id`. */
const longOf = (c: CliField) => c.flag.split(/\s/)[0];

function completeOf(f: Field, c: CliField): Complete | undefined {
  const words = f.choices ?? f.suggest;
  if (words) return { words };
  if (c.complete) return c.complete;
  const value = c.flag.match(/[<[]([^<>[\]]+)[>\]]$/)?.[1];
  return value === "dir" ? "dir" : value === "file" || value === "path" ? "file" : undefined;
}

const toNumber = (v: string) => Number(v);

/** Declares `spec`'s command on `program`; returns the command. */
export function declare(program: Command, spec: CliSpec): Command {
  const cmd = program.command(spec.cli.command).description(spec.cli.description).examples(spec.cli.examples);
  for (const [, f, c] of cliFields(spec)) {
    if (positional(c)) {
      const a = new Argument(c.flag, c.description, c.default as string | undefined);
      if (f.choices) a.choices([...f.choices]);
      else a.complete = completeOf(f, c);
      cmd.addArgument(a);
      continue;
    }
    const many = f.kind === "texts" || f.kind === "pairs" || f.kind === "params";
    const parser = many ? collect : f.kind === "number" ? toNumber : undefined;
    const o = parser
      ? makeOption(c.flag, c.description, parser, c.default, c.required === true)
      : makeOption(c.flag, c.description, c.default, undefined, c.required === true);
    cmd.addOption(o.valueName ? { ...o, complete: completeOf(f, c) } : o);
  }
  return cmd;
}

/** The op's input from a parse of `spec`'s command: the positional values in order, and the options. */
export function inputFrom<S extends CliSpec>(spec: S, operands: unknown[], opts: OptionValues): InputOf<S> {
  const input: Record<string, unknown> = {};
  let k = 0;
  for (const [key, f, c] of cliFields(spec)) {
    const long = longOf(c);
    let v = positional(c) ? operands[k++] : opts[makeOption(c.flag, "").key];
    if (f.kind === "pairs") v = parseKv(v as string[] | undefined, c.sep ?? "=", long);
    else if (f.kind === "params") v = parseParams(v as string[] | undefined);
    if (v !== undefined) input[key] = v;
  }
  return input as InputOf<S>;
}

/** Adds a command module's command to `program`. */
export function register(program: Command, m: CommandModule, env: CliEnv): void {
  const spec = m.op?.spec ?? m.spec;
  if (!spec) throw new Error("A command module exports op, spec or register");
  const cmd = declare(program, spec);
  cmd.action(async (...args: unknown[]) => {
    const c = args[args.length - 1] as Command;
    const opts = args[args.length - 2] as OptionValues;
    const operands = args.slice(0, -2);
    if (m.action) return await m.action(inputFrom(spec, operands, opts), { env, program, cmd: c });
    const g = c.optsWithGlobals() as GlobalOptions;
    const format = checkFormat(g.format);
    const style = stylesFor(env, format);
    try {
      const deps = await env.makeDeps(g.home);
      const r = await call(
        m.op!,
        deps,
        inputFrom(spec, operands, opts),
        runContext(env, format, m, style.err),
      );
      // The JSON document holds every lazy field (a deploy's diff): load what they need first.
      if (format === "json") await ready(r);
      printResult(env.io, format, r, m.text ?? asJson, style.out);
      env.exitCode = m.exitCode ? m.exitCode(r) : 0;
    } catch (e) {
      env.exitCode = printError(env.io, format, e, style.err);
    }
  });
}

/** What the CLI hands a running op: each progress report as a line on stderr (`[2/5] ...`), only when
 * stderr is a terminal and the output is text (never with --format json). No signal: an interrupt
 * ends the process (and src/platform/process_group.ts the process groups it started). */
function runContext(env: CliEnv, format: string, m: CommandModule, style: Style): RunContext {
  if (env.progress !== true || format === "json") return { door: "cli" };
  const line = m.progress ?? ((p: Progress) => p.message);
  return {
    door: "cli",
    progress: (p) =>
      env.io.err(`[${p.done}${p.total === undefined ? "" : `/${p.total}`}] ${line(p, style)}\n`),
  };
}

const asJson = (r: unknown) => JSON.stringify(r, null, 2);
