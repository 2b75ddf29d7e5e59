/**
 * diff-config: compares the latest publish of a client/profile with the draft (default), a local
 * client file, a stored artifact, or the last deployed artifact. The report says what the
 * recommended action would change (`from` -> `to`), with secret values redacted (`***`).
 *
 * status: `up-to-date` (same servers), `outdated` (the other side is an older published version, or
 * only lacks servers the latest adds), `diverged` (it holds changes no published version has),
 * `unknown` (nothing to compare with).
 */
import { getClient } from "../clients/registry.ts";
import { artifactIdOf } from "../core/digest.ts";
import { diffServers, type ServersDiff } from "../core/diff.ts";
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import type { Deps } from "../platform/deps.ts";
import { resolveArtifactId } from "../store/artifacts.ts";
import { deploymentsOf } from "../deploy/pending.ts";
import { readDraft } from "../store/drafts.ts";
import { trustedKeys } from "../store/keys.ts";
import { type IndexEntry, readIndex } from "../store/profile_index.ts";
import { readSecrets, secretValue } from "../store/secrets.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { clientFilePath, readClientServers } from "../deploy/client_file.ts";
import { payloadOf } from "../store/drafts.ts";
import { makeRedactor } from "../deploy/redact.ts";

export type DiffMode = "draft" | "file" | "artifact" | "deployed" | "payload";

export interface DiffInput {
  client: string;
  profile?: string;
  mode?: DiffMode;
  file?: string;
  artifactId?: string;
  /** mode "payload": an inline `{mcpServers}` (object or JSON text) in the artifact's form. */
  payload?: string | Record<string, unknown>;
}

/** The servers of an inline payload: `{mcpServers: {...}}` (or the JSON text of one). */
function payloadServers(p: string | Record<string, unknown> | undefined): Servers {
  let v: unknown = p;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new AppError("invalid_input", `Cannot parse local_payload as JSON: ${(e as Error).message}`, {
        argument: "local_payload",
      });
    }
  }
  const servers = (v as { mcpServers?: unknown } | null)?.mcpServers;
  if (typeof servers !== "object" || servers === null || Array.isArray(servers)) {
    throw new AppError("invalid_input", 'local_payload must be an object with an "mcpServers" object', {
      argument: "local_payload",
    });
  }
  for (const [n, e] of Object.entries(servers)) {
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
      throw new AppError("invalid_input", `local_payload: server "${n}" must be an object`, {
        argument: "local_payload",
        server: n,
      });
    }
  }
  return servers as Servers;
}

export interface DiffSide {
  kind: "published" | "draft" | "file" | "artifact" | "deployed" | "payload";
  artifact_id?: string;
  version?: number;
  path?: string;
}

export interface DiffReport extends ServersDiff {
  client_id: string;
  profile_id: string;
  mode: DiffMode;
  status: "up-to-date" | "outdated" | "diverged" | "unknown";
  from: DiffSide | null;
  to: DiffSide | null;
  summary: string;
  recommendation: string;
}

type Servers = Record<string, NeutralEntry>;

async function otherSide(
  deps: Deps,
  i: Required<Pick<DiffInput, "client" | "profile" | "mode">> & DiffInput,
  trusted: Map<string, string>,
) {
  if (i.mode === "draft") {
    const d = await readDraft(deps, i.client, i.profile);
    return {
      side: { kind: "draft" } as DiffSide,
      servers: payloadOf(d).mcpServers,
      empty: d.servers.length === 0,
    };
  }
  if (i.mode === "payload") {
    return { side: { kind: "payload" } as DiffSide, servers: payloadServers(i.payload), empty: false };
  }
  if (i.mode === "file") {
    const client = getClient(i.client);
    const path = await clientFilePath(deps, client, { configPath: i.file });
    const natives = await readClientServers(deps, client, path);
    const servers: Servers = Object.fromEntries(
      Object.entries(natives).map(([n, e]) => [n, client.parse(n, e)]),
    );
    return { side: { kind: "file", path } as DiffSide, servers, empty: false };
  }
  let id: string | undefined;
  if (i.mode === "artifact") id = await resolveArtifactId(deps, i.artifactId ?? "");
  else {
    const recs = (await deploymentsOf(deps, i.client)).filter((r) =>
      r.profile_id === i.profile && r.artifact_id
    );
    id = recs.at(-1)?.artifact_id ?? undefined;
    if (!id) return { side: null, servers: {}, empty: true };
  }
  const a = await verifyArtifact(deps, id, trusted);
  return { side: { kind: i.mode, artifact_id: id } as DiffSide, servers: a.payload.mcpServers, empty: false };
}

/** Renders published entries as the client file would hold them, then reads them back. */
function asDeployed(
  client: string,
  servers: Servers,
  os: Deps["os"],
  secrets: Record<string, string>,
): Servers {
  const rec = getClient(client);
  const ctx = { os, secrets: "reference" as const, resolveSecret: (n: string) => secretValue(secrets, n) };
  const sw = rec.disabledSwitch.kind;
  const off = (e: unknown) => (e as { disabled?: unknown }).disabled === true;
  return Object.fromEntries(
    Object.entries(servers)
      // A disabled server is left out of a client without a switch, and read back from a client's list
      // of switched-off names (Gemini CLI's mcp.excluded) as `disabled: true`, as readClientServers does.
      .filter(([, e]) => !(sw === "none" && off(e)))
      .map(([n, e]) => {
        const back = rec.parse(n, rec.render(n, e, ctx));
        return [n, sw === "list" && off(e) ? { ...back, disabled: true } : back];
      }),
  );
}

/** The diff report. */
export async function diffConfig(deps: Deps, input: DiffInput): Promise<DiffReport> {
  const client = checkName("client", input.client);
  const profile = checkName("profile", input.profile ?? "default");
  const mode = input.mode ?? "draft";
  if (mode === "file" && !input.file) {
    throw new AppError("invalid_input", "Give --file FILE to compare a local file");
  }
  if (mode === "artifact" && !input.artifactId) throw new AppError("invalid_input", "Give --artifact-id ID");
  const trusted = await trustedKeys(deps);
  const history: IndexEntry[] = (await readIndex(deps, client, profile, trusted))?.entries ?? [];
  const latest = history.at(-1);
  const other = await otherSide(deps, { ...input, client, profile, mode }, trusted);
  const secrets = await readSecrets(deps);
  let published: Servers = latest
    ? (await verifyArtifact(deps, latest.artifact_id, trusted)).payload.mcpServers
    : {};
  if (mode === "file") published = asDeployed(client, published, deps.os, secrets);
  const pubSide: DiffSide | null = latest
    ? { kind: "published", artifact_id: latest.artifact_id, version: latest.version }
    : null;
  const [fromS, toS, from, to] = mode === "draft"
    ? [published, other.servers, pubSide, other.side]
    : [other.servers, published, other.side, pubSide];
  const diff = diffServers(fromS, toS, makeRedactor(secrets));
  const base = { client_id: client, profile_id: profile, mode, from, to, ...diff };
  const changed = diff.servers_added.length + diff.servers_removed.length + diff.servers_modified.length;
  const counts =
    `${diff.servers_added.length} added, ${diff.servers_removed.length} removed, ${diff.servers_modified.length} modified, ${diff.servers_unchanged.length} unchanged`;
  const where = `--client ${client} --profile ${profile}`;
  if (!latest || !other.side || (mode === "draft" && other.empty)) {
    const why = !latest
      ? `nothing is published for "${client}/${profile}"`
      : mode === "deployed"
      ? "nothing of this profile was deployed"
      : "the draft is empty";
    const rec = !latest
      ? `Build a draft and publish it: mcp-orchestration publish-config ${where}`
      : mode === "deployed"
      ? `Deploy it: mcp-orchestration deploy-config ${where}`
      : `Add servers with add-server or import-config ${where}`;
    const none = { servers_added: [], servers_removed: [], servers_modified: [], servers_unchanged: [] };
    return { ...base, ...none, status: "unknown", summary: `Cannot compare: ${why}`, recommendation: rec };
  }
  if (changed === 0) {
    return {
      ...base,
      status: "up-to-date",
      summary: `Same servers as published version ${latest.version} (${counts})`,
      recommendation: "Nothing to do",
    };
  }
  const otherId = other.side.artifact_id ??
    (mode === "file" ? null : await artifactIdOf({ mcpServers: other.servers }));
  const older = history.find((h) => h.artifact_id === otherId && h !== latest);
  // Only missing what the latest adds (nothing of its own): behind the publish, not diverged.
  const behind = mode !== "draft" && diff.servers_removed.length === 0 && diff.servers_modified.length === 0;
  const status = older || behind ? "outdated" : "diverged";
  const label = {
    draft: "The draft",
    file: "The file",
    payload: "The payload",
    artifact: "The artifact",
    deployed: "The deployed configuration",
  }[mode];
  const summary = older
    ? `${label} is published version ${older.version}; the latest is version ${latest.version} (${counts})`
    : behind
    ? `${label} lacks servers of published version ${latest.version} (${counts})`
    : `${label} differs from published version ${latest.version} (${counts})`;
  let recommendation: string;
  if (mode === "draft") {
    recommendation = older
      ? `The draft matches an older version; rebuild it with add-server/remove-server or publish it to go back: mcp-orchestration publish-config ${where}`
      : `Publish the draft: mcp-orchestration publish-config ${where}`;
  } else if (status === "outdated" || mode !== "file") {
    recommendation = `Deploy the latest version: mcp-orchestration deploy-config ${where}`;
  } else {
    recommendation =
      `The file holds changes that are not published: keep them with import-config ${where} then publish, or deploy the latest to replace the managed entries`;
  }
  return { ...base, status, summary, recommendation };
}
