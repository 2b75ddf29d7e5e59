/**
 * The official MCP registry (or a mirror of its API) as a source of the catalogue: what `registry sync`
 * keeps in `<home>/registry/synced/`, and how the catalogue reads it back.
 *
 * ```
 * registry/synced/<source>.json        the sync state of one URL: {url, updated_since, last_sync_at, ...}
 * registry/synced/<source>/<id>.json   one server.json per server (the latest version), as served,
 *                                      with the registry's own metadata (status) under
 *                                      _meta["io.modelcontextprotocol.registry/official"]
 * ```
 *
 * `<source>` is the URL's host (and port, and path) made a file name; `<id>` is the server's name made a
 * catalogue id (`io.github.user/weather` -> `io.github.user.weather`), so no name (`/`, `..`) ever names
 * a path outside the folder. The API (GET /v0.1/servers): `limit`, `cursor`, `updated_since`,
 * `version=latest`, `include_deleted`; each page `{servers: [{server, _meta}], metadata: {count,
 * nextCursor}}`; `_meta["io.modelcontextprotocol.registry/official"]` holds `status` (active, deprecated,
 * deleted), `statusMessage`, `updatedAt`, `isLatest`.
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import type { Deps } from "../platform/deps.ts";
import { join } from "../platform/path.ts";
import { layout } from "../store/layout.ts";
import type { CatalogEntry } from "./catalog.ts";
import {
  CATALOG_META_KEY,
  catalogMeta,
  ID_PATTERN,
  parseServerJsonText,
  type ServerJson,
} from "./server_json.ts";

export const DEFAULT_REGISTRY_URL = "https://registry.modelcontextprotocol.io";
/** The registry's own metadata of a server (in an API response's `_meta`, beside `server`). */
export const OFFICIAL_META_KEY = "io.modelcontextprotocol.registry/official";

export type UpstreamStatus = "active" | "deprecated" | "deleted";

/** The registry's metadata we keep: status and the times. */
export interface OfficialMeta {
  status: UpstreamStatus;
  statusMessage?: string;
  updatedAt?: string;
  publishedAt?: string;
  isLatest?: boolean;
}

/** The state of the syncs of one URL (`registry/synced/<source>.json`). */
export interface SyncState {
  url: string;
  /** Sent as `updated_since` next time: the newest `updatedAt` received (the registry's clock), else
   * the start of the last complete sync. */
  updated_since: string;
  /** When the last complete sync started (this machine's clock). */
  last_sync_at: string;
}

/** The folders and files of one source. */
export function sourcePaths(home: string, source: string) {
  const dir = join(layout(home).registryDir, "synced");
  return { syncedDir: dir, dir: join(dir, source), state: join(dir, `${source}.json`) };
}

/** The registry's base URL, checked: http(s), no credentials, no query or fragment, no trailing `/`. */
export function normalizeRegistryUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError("invalid_input", `Not a URL: ${JSON.stringify(raw.slice(0, 200))}`, {
      url: raw.slice(0, 200),
    });
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw new AppError("invalid_input", `The registry URL must be http(s): ${u.protocol}`, { url: u.origin });
  }
  if (u.username || u.password) {
    throw new AppError(
      "invalid_input",
      "The registry URL holds credentials: they would be stored in the sync state; use a mirror that needs none",
      { host: u.host },
    );
  }
  if (u.search || u.hash) {
    throw new AppError("invalid_input", "Give the registry's base URL, without a query or fragment", {
      url: u.origin + u.pathname,
    });
  }
  u.pathname = u.pathname.replace(/\/+$/, "").replace(/\/v0(\.1)?\/servers$/, "");
  return u;
}

/** The text form of a normalised URL (the key of its sync state). */
export const urlText = (u: URL) => u.origin + u.pathname.replace(/\/+$/, "");

/** The file name of a URL's source: host, port and path, e.g. `registry.modelcontextprotocol.io`,
 * `127.0.0.1_8080`, `mirror.example.com_mcp`. */
export function sourceKey(u: URL): string {
  const parts = [u.hostname, u.port, u.pathname.replace(/^\/+|\/+$/g, "")].filter(Boolean);
  const key = parts.join("_").toLowerCase().replace(/[^a-z0-9.-]+/g, "_").replace(/\.{2,}/g, ".")
    .replace(/^[^a-z0-9]+/, "").slice(0, 120);
  return key || "registry";
}

/** The catalogue id of a registry name: lowercase, `/` as `.`, anything else outside the id alphabet as
 * `-` (`io.github.User/Weather` -> `io.github.user.weather`). */
export function idOfName(name: string): string {
  const id = name.toLowerCase().replace(/\//g, ".").replace(/[^a-z0-9._-]+/g, "-").replace(/\.{2,}/g, ".")
    .replace(/^[^a-z0-9]+/, "").slice(0, 180);
  return ID_PATTERN.test(id) ? id : `server-${id.replace(/[^a-z0-9]+/g, "")}`;
}

/** The id, made unique when another name already holds it: `<id>-<8 hex of the name's hash>`. */
export async function uniqueId(name: string, taken: (id: string) => Promise<string | null>): Promise<string> {
  const id = idOfName(name);
  const holder = await taken(id);
  if (holder === null || holder === name) return id;
  return `${id}-${(await sha256Hex(new TextEncoder().encode(name))).slice(0, 8)}`;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Text from upstream shown to people: control characters out, at most 300 characters. */
export function plainText(s: string): string {
  // deno-lint-ignore no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ").trim().slice(0, 300);
}

/** The registry metadata of an API entry (`_meta` beside `server`), or null when it has none. */
export function officialOf(meta: unknown): OfficialMeta | null {
  const o = isObj(meta) ? meta[OFFICIAL_META_KEY] : undefined;
  if (!isObj(o)) return null;
  const status = o.status === "deprecated" || o.status === "deleted" ? o.status : "active";
  const out: OfficialMeta = { status };
  if (typeof o.statusMessage === "string" && o.statusMessage) out.statusMessage = plainText(o.statusMessage);
  if (typeof o.updatedAt === "string" && !Number.isNaN(Date.parse(o.updatedAt))) out.updatedAt = o.updatedAt;
  if (typeof o.publishedAt === "string") out.publishedAt = o.publishedAt;
  if (typeof o.isLatest === "boolean") out.isLatest = o.isLatest;
  return out;
}

/** The upstream status a server file records, or null (active, or none recorded). */
export function upstreamStatusOf(
  server: ServerJson,
): { status: "deprecated" | "deleted"; message?: string } | null {
  const o = officialOf(server._meta);
  if (!o || o.status === "active") return null;
  return o.statusMessage ? { status: o.status, message: o.statusMessage } : { status: o.status };
}

/** The entry with its upstream status as catalogue metadata: `deprecated` (what list-servers flags,
 * describe-server shows and validate-config warns about as DEPRECATED_SERVER) and `upstream`. */
export function flagged(
  e: CatalogEntry,
  up: { status: "deprecated" | "deleted"; message?: string },
  where: string,
): CatalogEntry {
  const meta = catalogMeta(e.server);
  const reason =
    (up.status === "deleted"
      ? `deleted from the MCP registry (${where})`
      : `deprecated in the MCP registry (${where})`) +
    (up.message ? `: ${up.message}` : "");
  const ours = {
    ...meta,
    deprecated: meta.deprecated ?? { reason },
    upstream: { status: up.status, source: where, ...(up.message ? { message: up.message } : {}) },
  };
  return { ...e, server: { ...e.server, _meta: { ...(e.server._meta ?? {}), [CATALOG_META_KEY]: ours } } };
}

/** The synced servers of every source, as catalogue entries (`source: "synced"`); a file that does not
 * parse is skipped with a warning. */
export async function readSyncedEntries(
  deps: Deps,
): Promise<{ entries: CatalogEntry[]; warnings: string[] }> {
  const { syncedDir } = sourcePaths(deps.home, "");
  const entries: CatalogEntry[] = [];
  const warnings: string[] = [];
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (const source of await deps.fs.readDir(syncedDir)) {
    if (source.endsWith(".json") || source.startsWith(".")) continue;
    const dir = join(syncedDir, source);
    for (const file of await deps.fs.readDir(dir)) {
      if (!file.endsWith(".json") || file.startsWith(".")) continue;
      const path = join(dir, file);
      try {
        const [server] = parseServerJsonText(dec.decode(await deps.fs.readFile(path)), path);
        const id = file.slice(0, -5);
        if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is no catalogue id`);
        entries.push({ id, server, source: "synced", path });
      } catch (e) {
        warnings.push(`Skipped the synced registry file "${path}": ${(e as Error).message}`);
      }
    }
  }
  return { entries, warnings };
}

/** The name of a source as shown in reasons: the host of its file's folder. */
export function sourceOfPath(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.at(-2) ?? "registry";
}
