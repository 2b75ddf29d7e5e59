/**
 * "Did you mean": the known names closest to a mistyped one, by prefix and by edit distance, for the
 * hint of a `server_not_found` / `client_not_found` error (both doors print the same hint).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closestNames, didYouMean } from "./suggest.ts";
 * assert.deepEqual(closestNames("filsystem", ["fetch", "filesystem", "git"]), ["filesystem"]);
 * assert.deepEqual(closestNames("claude", ["claude-desktop", "claude-code", "cursor"]), [
 *   "claude-code",
 *   "claude-desktop",
 * ]);
 * assert.equal(didYouMean(["claude-code"]), 'did you mean "claude-code"?');
 * ```
 */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** Case, `_` and `-` aside: the form two names are compared in. */
export const looseName = (s: string): string => s.toLowerCase().replace(/_/g, "-");

/** Up to `max` candidates close to `word`: a candidate it is a prefix or part of (or that is part of it)
 * first, then those within an edit distance of about a third of its length; ties by name. */
export function closestNames(word: string, candidates: readonly string[], max = 3): string[] {
  const q = looseName(word);
  if (!q) return [];
  return candidates
    .map((c) => {
      const k = looseName(c);
      const part = k.startsWith(q) || (q.length > 2 && (k.includes(q) || q.includes(k)));
      return { c, d: part ? 0 : editDistance(q, k) };
    })
    .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, max)
    .map((x) => x.c);
}

/** The hint text for some suggestions ("" for none). */
export function didYouMean(names: readonly string[]): string {
  if (!names.length) return "";
  return `did you mean ${names.map((n) => JSON.stringify(n)).join(" or ")}?`;
}
