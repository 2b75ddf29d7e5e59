/** clear-draft: deletes a client/profile draft (published artifacts and stored secrets stay). */
import type { Deps } from "../platform/deps.ts";
import { type DraftSummary, summarize, updateDraft } from "../store/drafts.ts";

export interface ClearDraftResult extends DraftSummary {
  action: "cleared";
  removed: string[];
}

/** Removes every server of the draft (the draft file is deleted). */
export async function clearDraft(
  deps: Deps,
  input: { client?: string; profile?: string },
): Promise<ClearDraftResult> {
  const client = input.client ?? "claude-desktop";
  const profile = input.profile ?? "default";
  const { result: removed, draft } = await updateDraft(deps, client, profile, (d) => ({
    draft: null,
    result: d.servers.map((s) => s.name),
  }));
  return { action: "cleared", removed, ...summarize(draft) };
}
