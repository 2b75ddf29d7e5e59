/**
 * connect: add mcp-orchestration itself (`serve`) to a client's config, as an entry deploys never
 * remove. Written by the same protocol (lock, backup, compare-and-swap, log).
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { checkName } from "../core/names.ts";
import { checkEntryName } from "../core/payload.ts";
import { checkServerNameFor } from "../clients/server_names.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import {
  authenticate,
  type DeploymentRecord,
  newDeploymentId,
  readDeployments,
} from "../store/deployments.ts";
import { hasOwn } from "../clients/codecs/shared.ts";
import { readConfigFile } from "../deploy/config_file.ts";
import { commitFileWrite } from "../deploy/file_commit.ts";
import { withConfigLock } from "../deploy/pending.ts";
import { resolveTarget, type TargetOptions } from "../deploy/deploy_target.ts";
import { entryHash, startText } from "../deploy/deploy_plan.ts";

export const SELF_NAME = "mcp-orchestration";

export interface ConnectResult {
  status: "connected" | "unchanged";
  client_id: string;
  config_path: string;
  server_name: string;
  command: string;
  args: string[];
  deployment_id: string | null;
  restart_hint: string;
}

export async function connect(
  deps: Deps,
  input: TargetOptions & { client: string; name?: string; force?: boolean },
) {
  const client = getClient(checkName("client", input.client));
  const name = checkServerNameFor(client, checkEntryName(input.name ?? SELF_NAME));
  const target = await resolveTarget(deps, client, input);
  const self = deps.selfCommand();
  const args = [...self.args];
  // Keep the state folder this command used, so the client's server sees the same store.
  if (!args.includes("--home")) args.push("--home", deps.home);
  const entry = client.render(name, { command: self.command, args, ...(self.env ? { env: self.env } : {}) }, {
    os: deps.os,
    secrets: "reference",
    resolveSecret: () => undefined,
  });
  return await withConfigLock(deps, target.path, async (lockName): Promise<ConnectResult> => {
    const before = await readConfigFile(deps, target.path);
    const codec = await loadCodec(client.format);
    const current = codec.readServers(before.text, client.servers);
    const history = (await readDeployments(deps, client.id)).filter((r) => r.config_path === target.path);
    // The records it acts on (the managed set it carries over, the names already ours) must be signed.
    for (const r of history) if (r === history.at(-1) || r.pinned?.length) await authenticate(r);
    const ours = history.some((r) => r.pinned?.includes(name));
    const base = {
      client_id: client.id,
      config_path: target.path,
      server_name: name,
      command: self.command,
      args,
      restart_hint: client.restartHint,
    };
    if (hasOwn(current, name) && (await entryHash(current[name])) === (await entryHash(entry))) {
      return { ...base, status: "unchanged", deployment_id: null };
    }
    if (hasOwn(current, name) && !ours && !input.force) {
      throw new AppError(
        "drift_detected",
        `Cannot connect "${client.id}": it already has a server named "${name}" that we did not write`,
        {
          config_path: target.path,
          hint: "use --force to replace it, or --name to choose another name",
        },
      );
    }
    const newText = codec.writeServers(startText(before.text, client.newFile), client.servers, {
      [name]: entry,
    });
    const after = new TextEncoder().encode(newText);
    const last = history.at(-1);
    const rec: DeploymentRecord = {
      deployment_id: newDeploymentId(deps.now()),
      action: "connect",
      client_id: client.id,
      profile_id: last?.profile_id ?? "default",
      artifact_id: last?.artifact_id ?? null,
      config_path: target.path,
      scope: target.scope,
      deployed_at: deps.now().toISOString(),
      managed: last?.managed ?? {},
      changes: {
        added: hasOwn(current, name) ? [] : [name],
        updated: hasOwn(current, name) ? [name] : [],
        removed: [],
      },
      pre_image_sha256: before.sha256,
      post_image_sha256: await sha256Hex(after),
      forced: !!input.force,
      secrets: last?.secrets ?? "reference",
      pinned: [name],
    };
    await commitFileWrite(deps, lockName, before, after, rec, { newFileMode: 0o644 });
    return { ...base, status: "connected", deployment_id: rec.deployment_id };
  });
}
