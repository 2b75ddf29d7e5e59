/**
 * disable-server / enable-server: switch one server of a draft off or on. A disabled server stays in the
 * draft and in what is published (`disabled: true` in its neutral entry, signed with the rest); a deploy
 * writes it with the client's own switch, or leaves it out of a client that has none (src/clients/).
 */
import { getClient } from "../clients/registry.ts";
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { type DraftSummary, summarize, updateDraft } from "../store/drafts.ts";

export interface SwitchServerInput {
  name: string;
  client?: string;
  profile?: string;
}

export interface SwitchServerResult extends DraftSummary {
  action: "disabled" | "enabled" | "unchanged";
  server: string;
  /** The draft's disabled servers after this call. */
  disabled: string[];
}

/** Sets or clears `disabled` on one server of the draft; `server_not_found` listing the names when absent. */
export async function switchServer(
  deps: Deps,
  input: SwitchServerInput,
  disabled: boolean,
): Promise<SwitchServerResult> {
  const client = getClient(input.client ?? "claude-desktop").id;
  const profile = input.profile ?? "default";
  const { result, draft } = await updateDraft(deps, client, profile, (d) => {
    const at = d.servers.findIndex((s) => s.name === input.name);
    if (at < 0) {
      throw new AppError(
        "server_not_found",
        `No server "${input.name}" in the draft of "${client}/${profile}"`,
        { name: input.name, known: d.servers.map((s) => s.name) },
      );
    }
    if (!!d.servers[at].disabled === disabled) return { draft: d, result: "unchanged" as const };
    const servers = [...d.servers];
    const { disabled: _, ...rest } = servers[at];
    servers[at] = disabled ? { ...rest, disabled: true } : rest;
    return { draft: { ...d, servers }, result: disabled ? "disabled" as const : "enabled" as const };
  });
  return {
    action: result,
    server: input.name,
    ...summarize(draft),
    disabled: draft.servers.filter((s) => s.disabled).map((s) => s.name),
  };
}

export const disableServer = (deps: Deps, input: SwitchServerInput) => switchServer(deps, input, true);
export const enableServer = (deps: Deps, input: SwitchServerInput) => switchServer(deps, input, false);
