/**
 * Completions (`completion/complete`) for the arguments of the resource templates and prompts: client
 * ids, profile ids, catalogue server ids and the server names of a draft, each filtered by the prefix
 * typed so far, through the ops (list_profiles' folder listing: no signature is checked to complete a
 * name; view_draft; list_servers); a profile or server name completion narrows to the client (and
 * profile) already chosen in `context.arguments`.
 */
import type { Deps } from "../platform/deps.ts";
import type { ProfileState } from "../ops/list_profiles.ts";

/** The most values one completion returns (the protocol's own cap). */
const MAX = 100;

/** Arguments already resolved in the same reference (`context.arguments`). */
export type Context = { arguments?: Record<string, string> } | undefined;

/** A completer: the value typed so far and the context, to the matching values. */
export type Completer = (value: string, context?: Context) => Promise<string[]>;

function matching(values: Iterable<string>, prefix: string): string[] {
  const p = prefix.toLowerCase();
  return [...new Set(values)].filter((v) => v.toLowerCase().startsWith(p)).sort().slice(0, MAX);
}

/** Every client/profile with a draft or a publish (folder listings only; the list_profiles op module). */
export async function profilesWithState(deps: Deps): Promise<ProfileState[]> {
  return (await (await import("../ops/list_profiles.ts")).stateListing(deps)).profiles;
}

/** The completers, over one server's deps. */
export function completers(deps: Deps) {
  const clientOf = (c: Context) => c?.arguments?.client_id;
  return {
    /** Every supported client id. */
    client: async (value: string): Promise<string[]> =>
      matching((await import("../clients/registry.ts")).clientIds(), value),
    /** Profile ids with a draft or a publish (of the chosen client, if any; "default" always offered). */
    profile: async (value: string, context?: Context): Promise<string[]> => {
      const client = clientOf(context);
      const states = (await profilesWithState(deps)).filter((s) => !client || s.client === client);
      return matching(["default", ...states.map((s) => s.profile)], value);
    },
    /** Catalogue server ids (built-in and the user's server.json files). */
    server: async (value: string): Promise<string[]> => {
      const { listServers } = await import("../ops/list_servers.ts");
      return matching((await listServers(deps, {})).servers.map((s) => s.id), value);
    },
    /** The server names in the draft of the chosen client/profile (default claude-desktop/default). */
    draftServer: async (value: string, context?: Context): Promise<string[]> => {
      const { viewDraft } = await import("../ops/view_draft.ts");
      const d = await viewDraft(deps, {
        client: clientOf(context) || "claude-desktop",
        profile: context?.arguments?.profile_id || "default",
      }).catch(() => null);
      return matching(d?.servers ?? [], value);
    },
  };
}

export type Completers = ReturnType<typeof completers>;
