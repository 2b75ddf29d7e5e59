/** view-draft: the servers of a client/profile draft, with whether each referenced secret is stored. A
 * literal secret left in a draft by an older version is shown as `***` (verify --all reports it). */
import { redactEntry, replaceSpans } from "../core/secret_extract.ts";
import { secretSpans } from "../core/secret_spans.ts";
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

/** `***` for each literal secret inside the values of a params or env map. */
function hideIn<T extends Record<string, string | string[]>>(m: T, env = false): T {
  const one = (k: string, v: string) =>
    typeof v === "string"
      ? replaceSpans(v, secretSpans(v, env ? { kind: "env", key: k } : { kind: "arg" }), () => "***")
      : v;
  return Object.fromEntries(
    Object.entries(m ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => one(k, x)) : one(k, v)]),
  ) as T;
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
      entry: redactEntry(s.entry),
      params: hideIn(s.params),
      env: hideIn(s.env, true),
      secret_refs: s.secret_refs.map((n) => ({ name: n, stored: Object.hasOwn(secrets, n) })),
    })),
  };
}
