/**
 * The unified diff of a client file for `--dry-run` and the deploy result: jsdiff (`npm:diff`) computes
 * the hunks, in the format `git apply` and `patch` read (`\ No newline at end of file`, `-0,0` for an
 * empty side, CR kept inside a CRLF file's lines, a BOM as part of the first line).
 *
 * Two things are added around jsdiff. The common first and last lines are cut before it runs (keeping
 * `context` lines of each), so two edits far apart in a long file cost the distance between them, not
 * the file. And when the rest needs more than {@link MAX_EDIT} line edits (Myers' algorithm is
 * quadratic in them: ~0.8 s for 2,000 changed lines), the rest is shown as one block removed and
 * added: still exact and applicable, only not minimal.
 *
 * @example One line changed
 * ```ts
 * import assert from "node:assert/strict";
 * import { unifiedDiff } from "./text_diff.ts";
 * const diff = unifiedDiff("a\nb\nc\n", "a\nB\nc\n", "mcp.json");
 * assert.equal(diff, "--- mcp.json\n+++ mcp.json\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
 * ```
 * @module
 */
import { formatPatch, structuredPatch } from "diff/lib/patch/create.js";

/** Above this many line edits between the first and the last change, the change is one block. */
export const MAX_EDIT = 500;

type Hunk = { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] };

/** The lines of `t`, each with its own line break ("\n" or "\r\n"; the last may have none). */
function splitLines(t: string): string[] {
  return t.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Unified diff of `oldText` -> `newText` with `context` lines around each change, headed
 * `--- label` / `+++ label`; "" when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, label: string, context = 3): string {
  if (oldText === newText) return "";
  const a = splitLines(oldText), b = splitLines(newText);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    suf++;
  }
  // The window jsdiff sees: the changed middle and `context` unchanged lines on each side.
  const skip = Math.max(0, pre - context);
  const keep = Math.min(suf, context);
  const oldWin = a.slice(skip, a.length - suf + keep), newWin = b.slice(skip, b.length - suf + keep);
  const oldMid = a.length - pre - suf, newMid = b.length - pre - suf;
  const patch = oldMid && newMid
    ? structuredPatch(label, label, oldWin.join(""), newWin.join(""), undefined, undefined, {
      context,
      maxEditLength: MAX_EDIT,
    })
    : undefined;
  const hunks: Hunk[] = patch ? patch.hunks : [blockHunk(oldWin, newWin, pre - skip, keep)];
  const shifted = hunks.map((h) => ({ ...h, oldStart: h.oldStart + skip, newStart: h.newStart + skip }));
  const names = { oldFileName: label, newFileName: label, oldHeader: undefined, newHeader: undefined };
  return formatPatch({ ...names, hunks: shifted }, {
    includeIndex: false,
    includeUnderline: false,
    includeFileHeaders: true,
  });
}

/** One hunk: `head` context lines, every other old line removed, every other new line added, `tail`
 * context lines; lines without a final line break get git's marker after them. */
function blockHunk(oldWin: string[], newWin: string[], head: number, tail: number): Hunk {
  const marked: string[] = [];
  const push = (sign: string, line: string) => {
    if (line.endsWith("\n")) marked.push(sign + line.slice(0, -1));
    else marked.push(sign + line, "\\ No newline at end of file");
  };
  for (const l of oldWin.slice(0, head)) push(" ", l);
  for (const l of oldWin.slice(head, oldWin.length - tail)) push("-", l);
  for (const l of newWin.slice(head, newWin.length - tail)) push("+", l);
  for (const l of oldWin.slice(oldWin.length - tail)) push(" ", l);
  return { oldStart: 1, oldLines: oldWin.length, newStart: 1, newLines: newWin.length, lines: marked };
}
