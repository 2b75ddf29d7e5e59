/**
 * connect: add mcp-orchestration itself (`serve`) to a client's config, as an entry deploys never
 * remove. Written by the same protocol (lock, backup, compare-and-swap, log).
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { checkName } from "../core/names.ts";
import { codecFor } from "../clients/codecs/mod.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { appendDeployment, newDeploymentId, readDeployments } from "../store/deployments.ts";
import { layout } from "../store/layout.ts";
import { readSecrets } from "../store/secrets.ts";
import { backup, compareAndSwap, readConfigFile } from "./config_file.ts";
import { resolveTarget, type TargetOptions } from "./deploy_target.ts";
import { entryHash } from "./deploy_plan.ts";

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

export async function connect(deps: Deps, input: TargetOptions & { client: string; name?: string; force?: boolean }) {
  const client = getClient(checkName("client", input.client));
  const name = input.name ?? SELF_NAME;
  const target = resolveTarget(deps, client, input);
  const self = deps.selfCommand();
  const args = [...self.args];
  // Keep the state folder this command used, so the client's server sees the same store.
  if (!args.includes("--home")) args.push("--home", deps.home);
  const entry = client.render(name, { command: self.command, args }, {
    os: deps.os,
    secrets: "reference",
    resolveSecret: () => undefined,
  });
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  const real = await deps.policy.resolveReal(target.path);
  return await withLock(deps.fs, l.lock(`config-${(await sha256Hex(real)).slice(0, 16)}`), async (): Promise<ConnectResult> => {
    const before = await readConfigFile(deps, target.path);
    const codec = codecFor(client.format);
    const current = codec.readServers(before.text, client.servers);
    const history = (await readDeployments(deps, client.id)).filter((r) => r.config_path === target.path);
    const ours = history.some((r) => r.pinned?.includes(name));
    const base = { client_id: client.id, config_path: target.path, server_name: name, command: self.command, args, restart_hint: client.restartHint };
    if (name in current && (await entryHash(current[name])) === (await entryHash(entry))) {
      return { ...base, status: "unchanged", deployment_id: null };
    }
    if (name in current && !ours && !input.force) {
      throw new AppError("drift_detected", `Cannot connect "${client.id}": it already has a server named "${name}" that we did not write`, {
        config_path: target.path,
        hint: "use --force to replace it, or --name to choose another name",
      });
    }
    const newText = codec.writeServers(before.text, client.servers, { [name]: entry });
    await backup(deps, before, await readSecrets(deps));
    const after = new TextEncoder().encode(newText);
    await compareAndSwap(deps, before, after, 0o644);
    const last = history.at(-1);
    const rec = {
      deployment_id: newDeploymentId(deps.now()),
      action: "connect" as const,
      client_id: client.id,
      profile_id: last?.profile_id ?? "default",
      artifact_id: last?.artifact_id ?? null,
      config_path: target.path,
      scope: target.scope,
      deployed_at: deps.now().toISOString(),
      managed: last?.managed ?? {},
      changes: { added: name in current ? [] : [name], updated: name in current ? [name] : [], removed: [] },
      pre_image_sha256: before.sha256,
      post_image_sha256: await sha256Hex(after),
      forced: !!input.force,
      secrets: last?.secrets ?? "reference",
      pinned: [name],
    };
    await appendDeployment(deps, rec);
    return { ...base, status: "connected", deployment_id: rec.deployment_id };
  });
}
