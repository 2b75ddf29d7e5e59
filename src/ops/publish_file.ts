/**
 * publish-config --file: read a file the user named and publish its servers. A file with an
 * `mcpServers` object is the neutral form, kept field for field. A file in another client's shape
 * (VS Code's `servers`, Zed's `context_servers`, Codex's TOML, Goose's YAML...) is read through that
 * client's reader: named with `--from-client`, or recognised by where its servers live. Literal secrets
 * (the one extractor's rules) go to secrets.json before signing; the artifact holds `${VAR}` references
 * (a deploy resolves them for clients without a reference syntax).
 */
import { extname } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import { ALL_CLIENTS, getClient } from "../clients/registry.ts";
import type { ClientRecord, Format } from "../clients/types.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import { checkPayloadShape } from "../core/payload.ts";
import { type Extracted, extractSecrets } from "../core/secret_extract.ts";
import type { Deps } from "../platform/deps.ts";
import { readSecrets, setSecrets } from "../store/secrets.ts";
import { readNamedFile, userPath } from "../platform/named_file.ts";
import { publish, type PublishResult } from "../deploy/publish.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/publish_config.ts";

function formatOf(path: string): Format {
  const ext = extname(path).toLowerCase();
  return ext === ".toml" ? "toml" : ext === ".yaml" || ext === ".yml" ? "yaml" : "jsonc";
}

function has(doc: unknown, path: string[]): boolean {
  let cur = doc;
  for (const k of path) {
    if (typeof cur !== "object" || cur === null || !Object.prototype.hasOwnProperty.call(cur, k)) {
      return false;
    }
    cur = (cur as Record<string, unknown>)[k];
  }
  return typeof cur === "object" && cur !== null;
}

/** The client whose shape the document is in (VS Code first for a bare `servers` key). */
function shapeOf(doc: unknown, format: Format): ClientRecord | null {
  const candidates = ALL_CLIENTS.filter((
    c,
  ) => (format === "jsonc" ? c.format.startsWith("json") : c.format === format));
  const order = [getClient("vscode"), ...candidates];
  return order.find((c) => (c.format === format || format === "jsonc") && has(doc, c.servers.path)) ?? null;
}

/** Reads `file` into a neutral payload. */
export async function payloadFromFile(deps: Deps, file: string, fromClient?: string): Promise<unknown> {
  const path = userPath(deps, file);
  const text = await readNamedFile(deps, path, { label: `"${file}"` });
  const format = fromClient ? getClient(fromClient).format : formatOf(path);
  const codec = await loadCodec(format === "json" ? "jsonc" : format);
  const doc = codec.parse(text);
  if (
    !fromClient && format !== "toml" && has(doc, ["mcpServers"]) && !Array.isArray((doc as any).mcpServers)
  ) {
    return doc;
  }
  const client = fromClient ? getClient(fromClient) : shapeOf(doc, format);
  if (!client) {
    throw new AppError(
      "invalid_input",
      `"${file}" has no "mcpServers" object and no other client's server list`,
      {
        path,
        hint: 'give a neutral {"mcpServers": {...}} file, or --from-client CLIENT for another client\'s file',
      },
    );
  }
  const natives = codec.readServers(text, client.servers);
  // fromEntries defines own keys: a server named "__proto__" stays a key (and is refused by publish)
  // instead of becoming the prototype of the map.
  const mcpServers: Record<string, NeutralEntry> = Object.fromEntries(
    Object.entries(natives).map(([name, native]) => [name, client.parse(name, native)]),
  );
  return { mcpServers };
}

export interface PublishFileResult extends PublishResult {
  /** Names of the secrets moved from the file to secrets.json (never their values). */
  secrets_stored: string[];
  /** Where each was: server, field and the variable the artifact references instead. */
  extracted: Extracted[];
}

export async function publishFromFile(
  deps: Deps,
  o: InputOf<typeof spec>,
): Promise<PublishFileResult> {
  if (!o.file) {
    throw new AppError("invalid_input", "Give --file FILE with an mcpServers object to publish");
  }
  const payload = checkPayloadShape(await payloadFromFile(deps, o.file, o.fromClient));
  const taken = await readSecrets(deps);
  const secrets: Record<string, string> = {};
  const extracted: Extracted[] = [];
  const mcpServers: Record<string, NeutralEntry> = {};
  for (const [name, entry] of Object.entries(payload.mcpServers)) {
    const x = extractSecrets(name, entry, { ...taken, ...secrets });
    Object.assign(secrets, x.secrets);
    extracted.push(...x.extracted);
    mcpServers[name] = x.entry;
  }
  // Stored before signing: an artifact never references a value that is not there.
  await setSecrets(deps, secrets);
  const r = await publish(deps, {
    client: o.client,
    profile: o.profile ?? "default",
    payload: { ...payload, mcpServers },
    changelog: o.changelog,
  });
  return { ...r, secrets_stored: Object.keys(secrets).sort(), extracted };
}
