/** pull: fetch, verify everything, take new and newer profiles (src/share/pull.ts). */
import type { Deps } from "../platform/deps.ts";
import { trustedKeys } from "../store/keys.ts";
import { resolveRemote } from "../store/remotes.ts";
import { type PullOutcome, pullRemote } from "../share/pull.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/pull.ts";

export async function pull(deps: Deps, input: InputOf<typeof spec>): Promise<PullOutcome> {
  const remote = await resolveRemote(deps, input.remote);
  return await pullRemote(deps, remote, await trustedKeys(deps));
}
