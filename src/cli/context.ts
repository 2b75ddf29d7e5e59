/** What every command's action receives: the resolved deps, the output format and the io. */
import type { Deps } from "../platform/deps.ts";
import { type Format, type Io, printError, printResult } from "./output.ts";
import type { Command } from "./parser.ts";
import { AppError } from "../core/errors.ts";
import { ready } from "../core/lazy.ts";
import { makeStyle, type Style } from "./style.ts";

export interface GlobalOptions {
  home?: string;
  format: Format;
}

export interface CliEnv {
  io: Io;
  /** Builds the deps for a state folder (undefined: MCP_ORCHESTRATION_HOME, then ~/.mcp-orchestration). */
  makeDeps(home: string | undefined): Promise<Deps>;
  version: string;
  /** Set by an action: the exit code. */
  exitCode: number;
  /** Whether stdout and stderr may get colour (terminals, NO_COLOR unset); text format only. */
  color?: { out: boolean; err: boolean };
  /** stderr is a terminal: long commands (doctor) show progress there. */
  progress?: boolean;
}

/** The styles of stdout and stderr for `format`: colour only in text format, only where allowed. */
export function stylesFor(env: CliEnv, format: Format): { out: Style; err: Style } {
  return {
    out: makeStyle(format === "text" && !!env.color?.out),
    err: makeStyle(format === "text" && !!env.color?.err),
  };
}

/** Wraps an operation as a command action: parse globals, build deps, run, print, set the exit code. */
export function action<A extends unknown[], R>(
  env: CliEnv,
  run: (deps: Deps, ...args: A) => Promise<R>,
  text: (r: R, s: Style) => string,
  exitFor?: (r: R) => number,
) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const g = cmd.optsWithGlobals() as GlobalOptions;
    const format = checkFormat(g.format);
    const style = stylesFor(env, format);
    try {
      const deps = await env.makeDeps(g.home);
      const r = await run(deps, ...(args.slice(0, -1) as A));
      // The JSON document holds every lazy field (a deploy's diff): load what they need first.
      if (format === "json") await ready(r);
      printResult(env.io, format, r, text, style.out);
      env.exitCode = exitFor ? exitFor(r) : 0;
    } catch (e) {
      env.exitCode = printError(env.io, format, e, style.err);
    }
  };
}

export function checkFormat(f: unknown): Format {
  if (f === "text" || f === "json") return f;
  throw new AppError("usage", `Unknown --format ${JSON.stringify(f)}: use text or json`);
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
