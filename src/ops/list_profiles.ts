/** list-profiles: every profile of a client with a draft or a publish. */
import { checkName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { trustedKeys } from "../store/keys.ts";
import { layout } from "../store/layout.ts";
import { indexedProfiles, readIndex } from "../store/profile_index.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/list_profiles.ts";

export interface ProfileSummary {
  profile_id: string;
  has_draft: boolean;
  published_versions: number;
  latest_artifact_id: string | null;
  latest_published_at: string | null;
}

export async function listProfiles(deps: Deps, input: InputOf<typeof spec>): Promise<{
  client_id: string;
  count: number;
  profiles: ProfileSummary[];
}> {
  const client = getClient(checkName("client", input.client)).id;
  const trusted = await trustedKeys(deps);
  const drafts = (await deps.fs.readDir(`${layout(deps.home).draftsDir}/${client}`))
    .filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
  const published = await indexedProfiles(deps, client);
  const names = [...new Set([...drafts, ...published])].sort();
  const profiles = await Promise.all(names.map(async (p): Promise<ProfileSummary> => {
    const idx = published.includes(p) ? await readIndex(deps, client, p, trusted) : null;
    const latest = idx?.entries.at(-1);
    return {
      profile_id: p,
      has_draft: drafts.includes(p),
      published_versions: idx?.entries.length ?? 0,
      latest_artifact_id: latest?.artifact_id ?? null,
      latest_published_at: latest?.created_at ?? null,
    };
  }));
  return { client_id: client, count: profiles.length, profiles };
}

/** One client/profile with state: a draft, a published index, or both. */
export interface ProfileState {
  client: string;
  profile: string;
  draft: boolean;
  published: boolean;
}

/** Every client/profile with a draft or a published index, and the user's catalogue files, from
 * folder listings only (no signature is checked): what MCP completions and change notices need. */
export async function stateListing(deps: Deps): Promise<{ profiles: ProfileState[]; registry: string[] }> {
  const l = layout(deps.home);
  const out = new Map<string, ProfileState>();
  const visit = async (dir: string, key: "draft" | "published") => {
    for (const client of await deps.fs.readDir(dir)) {
      for (const f of await deps.fs.readDir(`${dir}/${client}`)) {
        if (!f.endsWith(".json")) continue;
        const profile = f.slice(0, -5);
        const id = `${client}/${profile}`;
        const s = out.get(id) ?? { client, profile, draft: false, published: false };
        s[key] = true;
        out.set(id, s);
      }
    }
  };
  await visit(l.draftsDir, "draft");
  await visit(l.indexDir, "published");
  const profiles = [...out.values()].sort((a, b) =>
    a.client === b.client ? (a.profile < b.profile ? -1 : 1) : a.client < b.client ? -1 : 1
  );
  return { profiles, registry: await deps.fs.readDir(l.registryDir) };
}
