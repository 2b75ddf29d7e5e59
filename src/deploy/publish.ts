/** publish-config: sign a neutral payload, store it content-addressed, append to the profile index. */
import { AppError } from "../core/errors.ts";
import { checkName, checkNewName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { buildArtifact, putArtifact } from "../store/artifacts.ts";
import { loadSigner, trustedKeys } from "../store/keys.ts";
import { layout } from "../store/layout.ts";
import { appendIndex, readIndex, signIndex } from "../store/profile_index.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { checkPayloadShape } from "../core/payload.ts";
import { checkServerNameFor } from "../clients/server_names.ts";

export interface PublishInput {
  client: string;
  profile: string;
  /** Checked here: a non-empty mcpServers map in the neutral form. */
  payload: unknown;
  changelog?: string;
  /** Extra metadata recorded with the artifact (never secrets). */
  metadata?: Record<string, unknown>;
}

export interface PublishResult {
  status: "published" | "unchanged";
  artifact_id: string;
  client_id: string;
  profile_id: string;
  server_count: number;
  changelog: string;
  created_at: string;
  version: number;
}

/** Publishes `payload` for client/profile. Re-publishing the latest payload is `unchanged`. */
export async function publish(deps: Deps, input: PublishInput): Promise<PublishResult> {
  const record = getClient(checkName("client", input.client));
  const client = record.id;
  const profile = checkName("profile", input.profile);
  const payload = checkPayloadShape(input.payload);
  for (const name of Object.keys(payload.mcpServers)) checkServerNameFor(record, name);
  const changelog = input.changelog ?? "";
  if (typeof changelog !== "string" || changelog.length > 10_000) {
    throw new AppError("invalid_input", "The changelog must be text of at most 10,000 characters");
  }
  const signer = await loadSigner(deps);
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("store"), async () => {
    const trusted = await trustedKeys(deps);
    const previous = await readIndex(deps, client, profile, trusted);
    if (previous === null) checkNewName("profile", profile);
    const created_at = deps.now().toISOString();
    const server_count = Object.keys(payload.mcpServers).length;
    const built = await buildArtifact(signer, {
      client_id: client,
      profile_id: profile,
      created_at,
      payload,
      metadata: { server_count, changelog, ...(input.metadata ?? {}) },
    });
    if (previous?.legacy) {
      // The Python tool's unsigned index is about to be signed with our key: every artifact it names
      // must verify first (payload hash and payload signature by a trusted key).
      for (const e of previous.entries) await verifyArtifact(deps, e.artifact_id, trusted);
    }
    const latest = previous?.entries.at(-1);
    if (latest && latest.artifact_id === built.artifact_id) {
      if (previous?.legacy) await signIndex(deps, signer, client, profile, previous.entries);
      return {
        status: "unchanged",
        artifact_id: latest.artifact_id,
        client_id: client,
        profile_id: profile,
        server_count: latest.server_count,
        changelog: latest.changelog,
        created_at: latest.created_at,
        version: latest.version,
      };
    }
    await putArtifact(deps, built);
    const entry = await appendIndex(deps, signer, client, profile, previous, {
      artifact_id: built.artifact_id,
      changelog,
      created_at,
      server_count,
    });
    return {
      status: "published",
      artifact_id: built.artifact_id,
      client_id: client,
      profile_id: profile,
      server_count,
      changelog,
      created_at,
      version: entry.version,
    };
  });
}
