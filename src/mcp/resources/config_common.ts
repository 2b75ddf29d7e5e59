/** What the four `config://{client_id}/{profile_id}/...` templates share: their completions and the
 * concrete URIs `resources/list` shows (a draft where one exists; latest, history and deployed for
 * every published profile). */
import type { Deps } from "../../platform/deps.ts";
import { completers, profilesWithState } from "../complete.ts";
import type { ResourceSpec } from "../resource.ts";

/** The last part of a config URI. */
export type ConfigKind = "draft" | "latest" | "deployed" | "history";

/** `list` and `complete` of the config template of `kind`. */
export function configTemplate(deps: Deps, kind: ConfigKind): Pick<ResourceSpec, "list" | "complete"> {
  const c = completers(deps);
  return {
    list: async () =>
      (await profilesWithState(deps))
        .filter((s) => (kind === "draft" ? s.draft : s.published))
        .map((s) => ({
          uri: `config://${s.client}/${s.profile}/${kind}`,
          name: `${s.client}/${s.profile} ${kind}`,
        })),
    complete: { client_id: c.client, profile_id: c.profile },
  };
}
