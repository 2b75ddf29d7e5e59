/** remove-server: takes one server out of a client/profile draft. */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { type DraftSummary, summarize, updateDraft } from "../store/drafts.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/remove_server.ts";

export interface RemoveServerResult extends DraftSummary {
  action: "removed";
  server: string;
}

/** Removes `name` from the draft; `server_not_found` listing the draft's names when absent. */
export async function removeServer(
  deps: Deps,
  input: InputOf<typeof spec>,
): Promise<RemoveServerResult> {
  const client = input.client ?? "claude-desktop";
  const profile = input.profile ?? "default";
  const { draft } = await updateDraft(deps, client, profile, (d) => {
    if (!d.servers.some((s) => s.name === input.name)) {
      throw new AppError(
        "server_not_found",
        `No server "${input.name}" in the draft of "${client}/${profile}"`,
        {
          name: input.name,
          known: d.servers.map((s) => s.name),
        },
      );
    }
    return { draft: { ...d, servers: d.servers.filter((s) => s.name !== input.name) }, result: null };
  });
  return { action: "removed", server: input.name, ...summarize(draft) };
}
