/**
 * publish-config without --file: validate the draft against its client (refuse with
 * `validation_failed` listing every error), build the neutral payload `{mcpServers: {name: entry}}`,
 * sign and store it through `publish`. The draft stays.
 */
import { AppError } from "../core/errors.ts";
import type { Issue } from "../core/validation.ts";
import type { Deps } from "../platform/deps.ts";
import { type DraftSummary, draftsWithServers, payloadOf, readDraft } from "../store/drafts.ts";
import { publish, type PublishResult } from "../deploy/publish.ts";
import { validateDraft } from "../deploy/validate.ts";

export type { PublishResult };

export interface PublishDraftResult extends PublishResult {
  warnings: Issue[];
}

/** Publishes the draft of client/profile. */
export async function publishDraft(
  deps: Deps,
  input: { client: string; profile?: string; changelog?: string },
): Promise<PublishDraftResult> {
  const profile = input.profile ?? "default";
  const draft = await readDraft(deps, input.client, profile);
  const v = await validateDraft(deps, draft);
  if (!v.valid) {
    const list = v.errors.map((e) => `${e.code}: ${e.message}`).join("; ");
    const elsewhere = draft.servers.length ? [] : await draftsWithServers(deps);
    throw new AppError(
      "validation_failed",
      `Cannot publish the draft of "${input.client}/${profile}": ${v.errors.length} error${
        v.errors.length > 1 ? "s" : ""
      } (${list})`,
      {
        errors: v.errors,
        warnings: v.warnings,
        server_count: v.server_count,
        ...(draft.servers.length ? {} : {
          drafts: elsewhere.map((d) => ({
            client_id: d.client_id,
            profile_id: d.profile_id,
            servers: d.servers,
          })),
          hint: emptyHint(input.client, profile, elsewhere),
        }),
      },
    );
  }
  const r = await publish(deps, {
    client: input.client,
    profile,
    payload: payloadOf(draft),
    changelog: input.changelog,
    metadata: { source: "draft" },
  });
  return { ...r, warnings: v.warnings };
}

/** Where the servers are when this draft has none, and the commands that use them. */
function emptyHint(client: string, profile: string, elsewhere: DraftSummary[]): string {
  const here = `add servers to this draft with: add-server ID --client ${client}` +
    (profile === "default" ? "" : ` --profile ${profile}`);
  if (!elsewhere.length) return `no draft has servers yet: ${here}`;
  const where = elsewhere.map((d) => `${d.client_id}/${d.profile_id} (${d.servers.join(", ")})`).join("; ");
  const d = elsewhere[0];
  const opts = `--client ${d.client_id}` + (d.profile_id === "default" ? "" : ` --profile ${d.profile_id}`);
  return `the draft ${client}/${profile} is empty; drafts with servers: ${where}. Publish that one with ` +
    `publish-config ${opts} (an artifact deploys to any client: deploy-config --client ${client} ` +
    `--artifact-id ID), or ${here}`;
}
