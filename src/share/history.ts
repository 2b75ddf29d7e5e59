/** How two signed histories of one profile relate: the same, one extending the other, or diverged. */
import type { IndexEntry } from "../store/profile_index.ts";

export type Relation = "same" | "ahead" | "behind" | "diverged";

const sameEntry = (a: IndexEntry, b: IndexEntry) =>
  a.version === b.version && a.artifact_id === b.artifact_id && a.changelog === b.changelog &&
  a.created_at === b.created_at && a.server_count === b.server_count;

/** How `mine` relates to `theirs`: "ahead" when mine extends theirs, "behind" when theirs extends mine. */
export function relate(mine: IndexEntry[], theirs: IndexEntry[]): Relation {
  const n = Math.min(mine.length, theirs.length);
  for (let i = 0; i < n; i++) if (!sameEntry(mine[i], theirs[i])) return "diverged";
  return mine.length === theirs.length ? "same" : mine.length > theirs.length ? "ahead" : "behind";
}
