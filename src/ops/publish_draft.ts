/**
 * publish-config without --file: validate the draft against its client (refuse with
 * `validation_failed` listing every error), build the neutral payload `{mcpServers: {name: entry}}`,
 * sign and store it through `publish`. The draft stays.
 */
import { AppError } from "../core/errors.ts";
import type { Issue } from "../core/validation.ts";
import type { Deps } from "../platform/deps.ts";
import { payloadOf, readDraft } from "../store/drafts.ts";
import { publish, type PublishResult, validateDraft } from "../deploy/mod.ts";

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
    throw new AppError(
      "validation_failed",
      `Cannot publish the draft of "${input.client}/${profile}": ${v.errors.length} error${
        v.errors.length > 1 ? "s" : ""
      } (${list})`,
      { errors: v.errors, warnings: v.warnings, server_count: v.server_count },
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
