/**
 * Which servers a doctor run checks, each as the client will see it: the entries of a client's file
 * (default), of a draft, or of an artifact. A draft or artifact entry is rendered for the client as a
 * deploy would write it (secret values from secrets.json where the client has no reference syntax) and
 * read back, so the check starts what the deploy will make the client start.
 */
import { ALL_CLIENTS, canonicalClientId, getClient } from "../clients/registry.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import type { Deps } from "../platform/deps.ts";
import { resolveArtifactId } from "../store/artifacts.ts";
import { type Draft, readDraft } from "../store/drafts.ts";
import { trustedKeys } from "../store/keys.ts";
import { layout } from "../store/layout.ts";
import { secretValue } from "../store/secrets.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";

export interface Target {
  client: ClientRecord;
  name: string;
  /** The entry as the client reads it (parsed from its form); null when it cannot be read. */
  entry: NeutralEntry | null;
  /** Why `entry` is null. */
  invalid?: string;
  /** The entry in the file is an `npx mcp-remote URL` bridge (checked at its URL). */
  bridged: boolean;
  /** Names whose values the render took from secrets.json. */
  fromSecrets: Set<string>;
  /** The draft server (draft checks: for the catalogue's required inputs). */
  draft?: Draft["servers"][number];
  /** Required inputs (catalogue `isRequired`) with no value in the draft, secrets.json or environment. */
  missingInputs?: string[];
}

export interface Source {
  kind: "file" | "draft" | "artifact";
  /** The file read (file checks). */
  path?: string;
  artifact_id?: string;
}

/** True when a native entry starts a command (so a remote parse means an mcp-remote bridge). */
function hasCommand(n: NativeEntry): boolean {
  return typeof n.command === "string" || Array.isArray(n.command) || typeof n.cmd === "string";
}

function usable(e: NeutralEntry): string | undefined {
  const x = e as Record<string, unknown>;
  if (typeof x.url === "string" && x.url !== "") return undefined;
  if (typeof x.command === "string" && x.command.trim() !== "") return undefined;
  return "it has neither a command nor a url";
}

/** A file entry as the client reads it. */
export function fromNative(client: ClientRecord, name: string, native: NativeEntry): Target {
  try {
    const entry = client.parse(name, native);
    const bad = usable(entry);
    const bridged = hasCommand(native) && typeof (entry as { url?: unknown }).url === "string";
    return bad
      ? { client, name, entry: null, invalid: bad, bridged: false, fromSecrets: new Set() }
      : { client, name, entry, bridged, fromSecrets: new Set() };
  } catch (e) {
    return {
      client,
      name,
      entry: null,
      invalid: (e as Error).message,
      bridged: false,
      fromSecrets: new Set(),
    };
  }
}

/** A neutral entry as the client will read it once deployed (rendered by reference, read back). */
export function fromNeutral(
  client: ClientRecord,
  name: string,
  neutral: NeutralEntry,
  os: Deps["os"],
  secrets: Record<string, string>,
): Target {
  const fromSecrets = new Set<string>();
  const resolveSecret = (n: string) => {
    const v = secretValue(secrets, n);
    if (v !== undefined) fromSecrets.add(n);
    return v;
  };
  try {
    const native = client.render(name, neutral, { os, secrets: "reference", resolveSecret });
    const t = fromNative(client, name, native);
    return { ...t, fromSecrets };
  } catch (e) {
    return { client, name, entry: null, invalid: (e as Error).message, bridged: false, fromSecrets };
  }
}

/** Clients that have a draft of `profile`. */
async function clientsWithDraft(deps: Deps, profile: string): Promise<ClientRecord[]> {
  const dir = layout(deps.home).draftsDir;
  const out: ClientRecord[] = [];
  for (const c of ALL_CLIENTS) {
    if ((await deps.fs.readDir(`${dir}/${c.id}`).catch(() => [] as string[])).includes(`${profile}.json`)) {
      out.push(c);
    }
  }
  return out;
}

/** The named clients (checked; `Claude-Code` is claude-code), or undefined when none were named. */
export function namedClients(ids: string[] | undefined): ClientRecord[] | undefined {
  if (!ids || ids.length === 0) return undefined;
  return [...new Set(ids.map(canonicalClientId))].map((id) => getClient(checkName("client", id)));
}

/** Draft checks: every server of each client's draft of `profile`. */
export async function draftTargets(
  deps: Deps,
  clients: ClientRecord[] | undefined,
  profile: string,
  secrets: Record<string, string>,
): Promise<{ targets: Target[]; sources: Source[] }> {
  const list = clients ?? await clientsWithDraft(deps, profile);
  const targets: Target[] = [];
  for (const c of list) {
    const d = await readDraft(deps, c.id, profile);
    for (const s of d.servers) {
      targets.push({ ...fromNeutral(c, s.name, s.entry, deps.os, secrets), draft: s });
    }
  }
  return { targets, sources: [{ kind: "draft" }] };
}

/** Artifact checks: the artifact rendered for each named client (default: the client it was published for). */
export async function artifactTargets(
  deps: Deps,
  clients: ClientRecord[] | undefined,
  ref: string,
  secrets: Record<string, string>,
): Promise<{ targets: Target[]; sources: Source[] }> {
  const id = await resolveArtifactId(deps, ref);
  const a = await verifyArtifact(deps, id, await trustedKeys(deps));
  const list = clients ?? [getClient(a.client_id)];
  const targets: Target[] = [];
  for (const c of list) {
    for (const [name, e] of Object.entries(a.payload.mcpServers)) {
      targets.push(fromNeutral(c, name, e as NeutralEntry, deps.os, secrets));
    }
  }
  return { targets, sources: [{ kind: "artifact", artifact_id: id }] };
}

/** Keeps the servers named with --server; a name no client has is `server_not_found`. */
export function filterServers(targets: Target[], names: string[] | undefined): Target[] {
  if (!names || names.length === 0) return targets;
  const missing = names.filter((n) => !targets.some((t) => t.name === n));
  if (missing.length > 0) {
    throw new AppError(
      "server_not_found",
      `No server named ${missing.map((n) => `"${n}"`).join(", ")} in what was checked`,
      { servers: missing, known: [...new Set(targets.map((t) => t.name))] },
    );
  }
  return targets.filter((t) => names.includes(t.name));
}
