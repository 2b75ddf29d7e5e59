/**
 * registry sync [--url URL]: reads the official MCP registry API (GET /v0.1/servers, page by page with
 * `cursor`) or a mirror of it into `<home>/registry/synced/<source>/`, one server.json per server, and
 * remembers per URL what it read up to: the next sync sends `updated_since` and gets only what changed
 * (deprecated and deleted servers included: the registry always includes them with `updated_since`).
 * Layout and naming: src/registry/upstream.ts.
 *
 * Untrusted input throughout: an entry that is not a valid server.json, holds a literal secret, or
 * claims our own catalogue metadata is skipped (or stripped) with a warning and the sync goes on; a page
 * that is not the API's shape, an HTTP error, a redirect or a repeated cursor stops the sync with
 * `io_error`, keeping the servers already written and the previous `updated_since` (the next sync reads
 * the same changes again). Ids come from the server names with no `/`, so nothing is written outside the
 * source's folder.
 */
import { AppError } from "../core/errors.ts";
import type { Progress } from "./spec.ts";
import type { Deps } from "../platform/deps.ts";
import { tempNameFor } from "../platform/atomic.ts";
import { withLock } from "../platform/lock.ts";
import { join } from "../platform/path.ts";
import { literalSecretsIn } from "../registry/literal_secrets.ts";
import { CATALOG_META_KEY, normalizeServerJson } from "../registry/server_json.ts";
import {
  DEFAULT_REGISTRY_URL,
  normalizeRegistryUrl,
  OFFICIAL_META_KEY,
  officialOf,
  plainText,
  sourceKey,
  sourcePaths,
  type SyncState,
  uniqueId,
  urlText,
} from "../registry/upstream.ts";
import { readJson, serialize, writeJson } from "../store/json_file.ts";
import { layout } from "../store/layout.ts";

/** Servers asked for per page (the registry's maximum is 100). */
const PAGE_LIMIT = 100;
/** A page larger than this is refused (a page of 100 servers is well under 1 MB). */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** More pages than this in one sync is a registry that never ends. */
const MAX_PAGES = 5000;
const PAGE_TIMEOUT_MS = 30_000;
/** Warnings listed one by one; the rest are counted. */
const MAX_WARNINGS = 50;

export interface RegistrySyncResult {
  action: "sync";
  url: string;
  /** The folder the servers are in. */
  folder: string;
  /** "full": everything was read; "incremental": only what changed since `updated_since`. */
  mode: "full" | "incremental";
  updated_since: string | null;
  pages: number;
  /** Entries received (every version and status). */
  received: number;
  /** Server files written (new or changed). */
  written: number;
  unchanged: number;
  /** Catalogue ids of servers now deprecated / deleted upstream (of this sync's entries). */
  deprecated: string[];
  deleted: string[];
  /** Entries skipped: malformed, a literal secret, an older version. */
  skipped: number;
  /** Servers this source holds now. */
  servers: number;
  /** The `updated_since` the next sync sends. */
  next_updated_since: string;
  warnings: string[];
}

/** What a progress report of a sync carries: one per page read. */
export interface SyncPage {
  page: number;
  entries: number;
  written: number;
}

export interface RegistrySyncInput {
  url?: string;
  /** Read everything, not only what changed since the last sync. */
  full?: boolean;
  /** A URL never synced before may be used (the CLI); the MCP tool syncs the official registry and the
   * sources the user synced from the CLI only. */
  newSource?: boolean;
  /** The HTTP client (tests: none; the real fetch). */
  fetch?: typeof fetch;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Why a fetch failed, with its cause: Deno says only "fetch failed" and keeps the reason (DNS,
 * refused connection, TLS) in `cause`, minus the URL it repeats. */
function fetchFailure(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : "";
  const why = cause.replace(/^error sending request for url \([^)]*\): /, "");
  return why && !msg.includes(why) ? `${msg} (${why})` : msg;
}

/** Reads one page: the API's shape or `io_error` saying what came instead. A page (answer and body) must
 * arrive within PAGE_TIMEOUT_MS. */
async function getPage(
  f: typeof fetch,
  url: URL,
  signal?: AbortSignal,
): Promise<{ servers: unknown[]; next: string | null }> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new Error(`no answer within ${PAGE_TIMEOUT_MS / 1000} s`)),
    PAGE_TIMEOUT_MS,
  );
  try {
    return await readPage(
      f,
      url,
      signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
      signal,
    );
  } finally {
    clearTimeout(timer);
  }
}

async function readPage(
  f: typeof fetch,
  url: URL,
  both: AbortSignal,
  signal?: AbortSignal,
): Promise<{ servers: unknown[]; next: string | null }> {
  const where = `${url.origin}${url.pathname}`;
  let res: Response;
  let bytes: Uint8Array;
  try {
    res = await f(url, {
      headers: { accept: "application/json", "user-agent": "mcp-orchestration" },
      redirect: "manual",
      signal: both,
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const to = res.headers.get("location") ?? "?";
      throw new AppError(
        "io_error",
        `The registry at ${where} redirects (HTTP ${res.status}) to ${
          to.slice(0, 200)
        }: give that URL with --url`,
        { url: where, status: res.status },
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new AppError("io_error", `The registry at ${where} answered HTTP ${res.status}`, {
        url: where,
        status: res.status,
      });
    }
    bytes = await readCapped(res, where);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (e instanceof AppError) throw e;
    throw new AppError("io_error", `Cannot read the registry at ${where}: ${fetchFailure(e)}`, {
      url: where,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("io_error", `The registry at ${where} answered something that is not JSON`, {
      url: where,
    });
  }
  if (!isObj(doc) || !Array.isArray(doc.servers)) {
    throw new AppError(
      "io_error",
      `The registry at ${where} answered JSON without a "servers" list: not the MCP registry API (GET /v0.1/servers)`,
      { url: where },
    );
  }
  const next = isObj(doc.metadata) && typeof doc.metadata.nextCursor === "string" && doc.metadata.nextCursor
    ? doc.metadata.nextCursor
    : null;
  return { servers: doc.servers, next };
}

async function readCapped(res: Response, where: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of res.body ?? new ReadableStream<Uint8Array>()) {
    size += c.length;
    if (size > MAX_PAGE_BYTES) {
      throw new AppError(
        "io_error",
        `A page of the registry at ${where} is larger than ${MAX_PAGE_BYTES} bytes`,
        {
          url: where,
        },
      );
    }
    chunks.push(c);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) out.set(c, (off += c.length) - c.length);
  return out;
}

/** Syncs one registry URL into `<home>/registry/synced/`. */
export async function registrySync(
  deps: Deps,
  input: RegistrySyncInput = {},
  ctx: { signal?: AbortSignal; progress?: (p: Progress<SyncPage>) => void } = {},
): Promise<RegistrySyncResult> {
  const signal = ctx.signal;
  const base = normalizeRegistryUrl(input.url ?? DEFAULT_REGISTRY_URL);
  const url = urlText(base);
  const source = sourceKey(base);
  const paths = sourcePaths(deps.home, source);
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("registry"), async () => {
    const state = (await readJson<SyncState>(deps.fs, paths.state).catch(() => null))?.value ?? null;
    const known = isObj(state) && typeof state.url === "string";
    if (!known && !input.newSource && url !== urlText(normalizeRegistryUrl(DEFAULT_REGISTRY_URL))) {
      throw new AppError(
        "invalid_input",
        `"${url}" was never synced: a new registry source is added by the user, from the CLI (registry sync --url ${url})`,
        // The step is the user's, on the command line: over MCP too it is shown as written (src/mcp/hints.ts).
        { url, user_step: true },
      );
    }
    const since = !input.full && known && typeof state.updated_since === "string"
      ? state.updated_since
      : null;
    const startedAt = deps.now().toISOString();
    // Made with the first entry (or at the end of a sync that got none): a sync that fails before it
    // receives anything leaves no folder behind.
    let made = false;
    const ensureDir = async () => {
      if (!made) await deps.fs.mkdir(paths.dir, 0o700);
      made = true;
    };
    const r: RegistrySyncResult = {
      action: "sync",
      url,
      folder: paths.dir,
      mode: since ? "incremental" : "full",
      updated_since: since,
      pages: 0,
      received: 0,
      written: 0,
      unchanged: 0,
      deprecated: [],
      deleted: [],
      skipped: 0,
      servers: 0,
      next_updated_since: since ?? startedAt,
      warnings: [],
    };
    let extraWarnings = 0;
    const warn = (w: string) => r.warnings.length < MAX_WARNINGS ? r.warnings.push(w) : extraWarnings++;
    let newest: { text: string; ms: number } | null = null;
    const seen = new Set<string>();
    let cursor: string | null = null;
    const f = input.fetch ?? fetch;
    do {
      if (r.pages >= MAX_PAGES) {
        throw new AppError("io_error", `The registry at ${url} sent more than ${MAX_PAGES} pages: stopped`, {
          url,
        });
      }
      const page = new URL(`${base.href.replace(/\/$/, "")}/v0.1/servers`);
      page.searchParams.set("limit", String(PAGE_LIMIT));
      page.searchParams.set("version", "latest");
      page.searchParams.set("include_deleted", "true");
      if (since) page.searchParams.set("updated_since", since);
      if (cursor) page.searchParams.set("cursor", cursor);
      const got = await getPage(f, page, signal);
      r.pages++;
      for (const [i, item] of got.servers.entries()) {
        r.received++;
        const at = `page ${r.pages}, entry ${i + 1}`;
        const official = isObj(item) ? officialOf(item._meta) : null;
        if (official?.updatedAt) {
          const ms = Date.parse(official.updatedAt);
          if (!newest || ms > newest.ms) newest = { text: official.updatedAt, ms };
        }
        await ensureDir();
        const done = await storeEntry(deps, paths.dir, item, official, at, warn);
        if (done === "skipped") r.skipped++;
        else if (done.written) r.written++;
        else r.unchanged++;
        if (done !== "skipped" && official?.status === "deprecated") r.deprecated.push(done.id);
        if (done !== "skipped" && official?.status === "deleted") r.deleted.push(done.id);
      }
      cursor = got.next;
      if (cursor !== null) {
        if (seen.has(cursor)) {
          throw new AppError("io_error", `The registry at ${url} sent the same cursor twice: stopped`, {
            url,
          });
        }
        seen.add(cursor);
      }
      ctx.progress?.({
        done: r.pages,
        message: `page ${r.pages}: ${got.servers.length} entries (${r.written} written so far)`,
        item: { page: r.pages, entries: got.servers.length, written: r.written },
      });
    } while (cursor !== null);
    await ensureDir();
    await deps.fs.syncDir(paths.dir);
    r.next_updated_since = newest?.text ?? (since ?? startedAt);
    if (since && newest && Date.parse(since) > newest.ms) r.next_updated_since = since;
    await writeJson(
      deps.fs,
      paths.state,
      {
        url,
        updated_since: r.next_updated_since,
        last_sync_at: startedAt,
      } satisfies SyncState,
    );
    r.servers = (await deps.fs.readDir(paths.dir)).filter((n) =>
      n.endsWith(".json") && !n.startsWith(".")
    ).length;
    if (extraWarnings) r.warnings.push(`... and ${extraWarnings} more entries skipped`);
    return r;
  });
}

/** Validates one API entry and writes its server file; "skipped" (with a warning) when it cannot be. */
async function storeEntry(
  deps: Deps,
  dir: string,
  item: unknown,
  official: ReturnType<typeof officialOf>,
  at: string,
  warn: (w: string) => void,
): Promise<"skipped" | { id: string; written: boolean }> {
  if (!isObj(item)) {
    warn(`Skipped ${at}: not an object`);
    return "skipped";
  }
  if (official?.isLatest === false) return "skipped"; // an older version: the latest one is kept
  const raw = isObj(item.server) ? item.server : item;
  const label = typeof raw.name === "string" && raw.name ? plainText(raw.name).slice(0, 100) : at;
  let server;
  try {
    [server] = normalizeServerJson(raw, label);
  } catch (e) {
    warn(`Skipped ${at}: ${(e as Error).message}`);
    return "skipped";
  }
  // Text shown in a terminal: no control characters from upstream.
  server = {
    ...server,
    description: plainText(server.description) || "-",
    ...(server.title ? { title: plainText(server.title) } : {}),
  };
  const secrets = literalSecretsIn(server);
  if (secrets.length) {
    warn(
      `Skipped ${at} ("${server.name}"): it holds a literal secret in ${
        secrets.map((s) => s.field).join(", ")
      }`,
    );
    return "skipped";
  }
  // Our own catalogue metadata and the registry's status come from us and from the registry's answer,
  // never from what a publisher put inside `server`.
  const { [CATALOG_META_KEY]: claimed, [OFFICIAL_META_KEY]: _forged, ...own } = { ...(server._meta ?? {}) };
  if (claimed !== undefined) {
    warn(`${at} ("${server.name}"): its own "${CATALOG_META_KEY}" metadata was dropped`);
  }
  const id = await uniqueId(server.name, async (id) => {
    const got = await readJson<{ name?: unknown }>(deps.fs, join(dir, `${id}.json`)).catch(() => null);
    return got ? String(got.value?.name ?? "") : null;
  });
  const meta: Record<string, unknown> = { ...own, [CATALOG_META_KEY]: { id } };
  if (official) meta[OFFICIAL_META_KEY] = official;
  const value = { ...server, _meta: meta };
  const path = join(dir, `${id}.json`);
  const before = await deps.fs.readFile(path).then((b) => new TextDecoder().decode(b)).catch(() => null);
  if (before === serialize(value)) return { id, written: false };
  await writeQuick(deps, path, serialize(value));
  return { id, written: true };
}

/** Replaces a server file atomically (a temp file renamed over it) without flushing it: a full sync
 * writes thousands, and one fsync each made it disk-bound (~10 ms a file). The folder is flushed once
 * before the sync's mark moves; a file a power cut damaged anyway is skipped with a warning by the
 * catalogue and rewritten by `registry sync --full`. */
async function writeQuick(deps: Deps, path: string, text: string): Promise<void> {
  const tmp = tempNameFor(path);
  try {
    await deps.fs.writeFile(tmp, new TextEncoder().encode(text), {
      mode: 0o644,
      createNew: true,
      sync: false,
    });
    await deps.fs.chmod(tmp, 0o644);
    await deps.fs.rename(tmp, path);
  } catch (e) {
    await deps.fs.remove(tmp).catch(() => {});
    throw e;
  }
}
