/**
 * Colour for text output: on only when the stream is a terminal, the format is text and `NO_COLOR` is
 * unset or empty (https://no-color.org). Never in `--format json`, never into a pipe or a file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colorDiff, makeStyle } from "./style.ts";
 * const s = makeStyle(true);
 * assert.equal(s.green("Deployed"), "\x1b[32mDeployed\x1b[39m");
 * console.log(colorDiff("@@ -1,1 +1,1 @@\n-a\n+b", s)); // the hunk header cyan, -a red, +b green
 * ```
 */

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const same = (s: string) => s;

export function makeStyle(enabled: boolean): Style {
  if (!enabled) return { enabled, bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

export const PLAIN: Style = makeStyle(false);

/** Whether a stream gets colour: a terminal, and NO_COLOR unset or empty. */
export function colorFor(isTerminal: boolean, noColor: string | undefined): boolean {
  return isTerminal && (noColor === undefined || noColor === "");
}

/** `s` without colour escape sequences. */
export function stripColor(s: string): string {
  // deno-lint-ignore no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, "");
}

/** The length of `s` as shown (escape sequences take no column). */
export function visibleLength(s: string): number {
  return stripColor(s).length;
}

/** A unified diff with its lines coloured: headers bold, hunks cyan, removals red, additions green. */
export function colorDiff(diff: string, s: Style): string {
  if (!s.enabled) return diff;
  return diff.split("\n").map((l) =>
    l.startsWith("+++ ") || l.startsWith("--- ")
      ? s.bold(l)
      : l.startsWith("@@")
      ? s.cyan(l)
      : l.startsWith("+")
      ? s.green(l)
      : l.startsWith("-")
      ? s.red(l)
      : l
  ).join("\n");
}
