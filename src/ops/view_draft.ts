/** view-draft: the servers of a client/profile draft, with whether each referenced secret is stored. */
import type { Deps } from "../platform/deps.ts";
import { draftExists, type DraftServer, type DraftSummary, readDraft, summarize } from "../store/drafts.ts";
import { readSecrets } from "../store/secrets.ts";

export interface ViewedServer extends Omit<DraftServer, "secret_refs"> {
  /** Each referenced secret and whether secrets.json holds a value for it (values never shown). */
  secret_refs: { name: string; stored: boolean }[];
}

export interface ViewDraftResult extends DraftSummary {
  exists: boolean;
  entries: ViewedServer[];
}

/** The draft (empty, `exists: false`, when none was started). */
export async function viewDraft(
  deps: Deps,
  input: { client?: string; profile?: string },
): Promise<ViewDraftResult> {
  const client = input.client ?? "claude-desktop";
  const profile = input.profile ?? "default";
  const d = await readDraft(deps, client, profile);
  const secrets = await readSecrets(deps);
  return {
    ...summarize(d),
    exists: await draftExists(deps, client, profile),
    entries: d.servers.map((s) => ({
      ...s,
      secret_refs: s.secret_refs.map((n) => ({ name: n, stored: Object.hasOwn(secrets, n) })),
    })),
  };
}
