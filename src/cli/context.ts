/** What every command's action receives: the resolved deps, the output format and the io. */
import type { Deps } from "../platform/deps.ts";
import type { Format, Io } from "./output.ts";
import { AppError } from "../core/errors.ts";
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
}

/** The styles of stdout and stderr for `format`: colour only in text format, only where allowed. */
export function stylesFor(env: CliEnv, format: Format): { out: Style; err: Style } {
  return {
    out: makeStyle(format === "text" && !!env.color?.out),
    err: makeStyle(format === "text" && !!env.color?.err),
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
