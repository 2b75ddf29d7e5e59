/** push: one profile (--client/--profile) or all (--all) to a remote (src/share/push.ts). */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { trustedKeys } from "../store/keys.ts";
import { indexedProfiles } from "../store/profile_index.ts";
import { resolveRemote } from "../store/remotes.ts";
import { type PushOutcome, pushProfiles } from "../share/push.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/push.ts";

export async function push(deps: Deps, input: InputOf<typeof spec>): Promise<PushOutcome> {
  const remote = await resolveRemote(deps, input.remote);
  let targets: { client: string; profile: string }[];
  if (input.all) {
    if (input.client !== undefined || input.profile !== undefined) {
      throw new AppError("invalid_input", "Give either --all or --client (and --profile), not both");
    }
    targets = [];
    for (const c of (await deps.fs.readDir(layout(deps.home).indexDir)).sort()) {
      for (const p of (await indexedProfiles(deps, c)).sort()) targets.push({ client: c, profile: p });
    }
    if (targets.length === 0) {
      throw new AppError(
        "profile_not_found",
        "Nothing published in this state folder: run publish-config first",
      );
    }
  } else {
    if (input.client === undefined) {
      throw new AppError("invalid_input", "Give --client ID (with --profile) or --all");
    }
    const client = getClient(checkName("client", input.client)).id;
    targets = [{ client, profile: checkName("profile", input.profile ?? "default") }];
  }
  return await pushProfiles(deps, remote, targets, await trustedKeys(deps));
}
