/**
 * The catalogue: built-in servers plus the user's server.json files (given as already-read
 * `{path, text}`; this module does no I/O). A user server with the same id replaces the built-in.
 *
 * @example
 * ```ts
 * import { buildCatalog } from "./catalog.ts";
 * const catalog = buildCatalog(); // the built-ins; pass the user's files as [{ path, text }]
 * console.log(catalog.list({ search: "git", transport: "stdio" }).map((s) => s.id));
 * console.log(catalog.describe("filesystem").options.map((o) => o.installHint));
 * ```
 */
import { AppError } from "../core/errors.ts";
import { closestNames, didYouMean } from "../core/suggest.ts";
import { BUILTIN_FILES } from "./builtin.ts";
import type { BuiltinFile } from "./builtin.ts";
import { inputsOf, sourcesOf } from "./inputs.ts";
import type { InputSpec, Source, Transport } from "./inputs.ts";
import { catalogMeta, ID_PATTERN, normalizeServerJson, parseServerJsonText } from "./server_json.ts";
import type { CatalogMeta, ServerJson } from "./server_json.ts";

/** One catalogue server and where it came from. */
export interface CatalogEntry {
  id: string;
  server: ServerJson;
  /** builtin: embedded; user: `registry import`; synced: `registry sync` (registry/synced/). */
  source: "builtin" | "user" | "synced";
  path: string;
}

/** A row of `list`. */
export interface CatalogSummary {
  id: string;
  name: string;
  title?: string;
  description: string;
  tags: string[];
  transports: Transport[];
  deprecated: boolean;
  /** Deprecated or deleted upstream, in the MCP registry a `registry sync` read. */
  upstream_status?: "deprecated" | "deleted";
  source: "builtin" | "user" | "synced";
}

/** Filters of `list`; all given filters must match. */
export interface ListFilter {
  /** Words matched case-insensitively against id, name, title, description and tags. */
  search?: string;
  transport?: Transport;
  tag?: string;
}

/** One launch option as `describe` shows it. */
export interface DescribedOption {
  transport: Transport;
  kind: "package" | "remote";
  /** Package identifier (npm/PyPI name, image) or remote URL. */
  target: string;
  registryType?: string;
  version?: string;
  installHint: string;
  inputs: InputSpec[];
}

/** Everything a user needs to decide on and configure a server. */
export interface ServerDescription extends CatalogSummary {
  version: string;
  websiteUrl?: string;
  repository?: string;
  examples: string[];
  deprecation?: { reason: string; successor?: string };
  options: DescribedOption[];
}

/** The install hint of one launch option. */
export function installHint(s: Source): string {
  if (s.kind === "remote") return `Hosted at ${s.remote.url}; nothing to install`;
  const id = s.pkg.identifier;
  switch (s.pkg.registryType) {
    case "npm":
      return `npx downloads ${id} on first run; needs Node.js (npx)`;
    case "pypi":
      return `uvx downloads ${id} from PyPI on first run; needs uv (uvx)`;
    case "oci":
      return `docker pulls ${id} on first run; needs Docker`;
    default:
      return `${s.pkg.registryType} package ${id}; not runnable by this tool`;
  }
}

function transportsOf(server: ServerJson): Transport[] {
  const out = sourcesOf(server).filter((s) => s.kind === "remote" || s.transport === "stdio").map((s) =>
    s.transport
  );
  return [...new Set(out)];
}

/** The words of a text: runs of letters and digits, lower-cased. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The registry name without its reverse-DNS prefix: `io.github.getsentry/sentry-mcp` -> `getsentry
 * sentry-mcp` (every catalogue name starts with `io.github.`, which must not match "git").
 */
function bareName(name: string): string {
  const slash = name.indexOf("/");
  if (slash < 0) return name;
  return `${name.slice(0, slash).split(".").pop()} ${name.slice(slash + 1)}`;
}

/**
 * How well a server matches the search words (0: it does not; every word must match somewhere). Per
 * word: the id or title equal to it 100, starting with it 80; a word of the id, title or bare name
 * equal to it 60, starting with it 50; a tag equal to it 40, starting with it 30; a description word
 * equal to it 20, starting with it 10. No search: every server scores 1.
 */
export function searchScore(s: CatalogSummary, words: string[]): number {
  if (words.length === 0) return 1;
  const id = s.id.toLowerCase();
  const title = (s.title ?? "").toLowerCase();
  const named = [...wordsOf(s.id), ...wordsOf(s.title ?? ""), ...wordsOf(bareName(s.name))];
  const tags = s.tags.map((t) => t.toLowerCase());
  const desc = wordsOf(s.description);
  let total = 0;
  for (const w of words) {
    const best = Math.max(
      id === w || title === w ? 100 : 0,
      id.startsWith(w) || title.startsWith(w) ? 80 : 0,
      named.includes(w) ? 60 : 0,
      named.some((x) => x.startsWith(w)) ? 50 : 0,
      tags.includes(w) ? 40 : 0,
      tags.some((t) => t.startsWith(w)) ? 30 : 0,
      desc.includes(w) ? 20 : 0,
      desc.some((x) => x.startsWith(w)) ? 10 : 0,
    );
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

/** A catalogue over a fixed set of entries. */
export class Catalog {
  readonly #byId = new Map<string, CatalogEntry>();

  constructor(entries: CatalogEntry[]) {
    for (const e of entries) this.#byId.set(e.id, e);
  }

  /** Every id, sorted. */
  ids(): string[] {
    return [...this.#byId.keys()].sort();
  }

  /** Matching servers: sorted by id, or with `search` best match first (see `searchScore`), then by id. */
  list(filter: ListFilter = {}): CatalogSummary[] {
    const words = (filter.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const tag = filter.tag?.toLowerCase();
    return this.ids().map((id) => this.#summary(this.#byId.get(id)!))
      .filter((s) =>
        (!filter.transport || s.transports.includes(filter.transport)) &&
        (!tag || s.tags.some((t) => t.toLowerCase() === tag))
      )
      .map((s) => ({ s, score: searchScore(s, words) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0))
      .map((x) => x.s);
  }

  /** The entry for an id; AppError `server_not_found` with close ids in `details.suggestions`. */
  get(id: string): CatalogEntry {
    const e = this.#byId.get(id);
    if (e) return e;
    const suggestions = closestNames(id, this.ids(), 5);
    const hint = suggestions.length
      ? didYouMean(suggestions.slice(0, 3))
      : "list-servers --search TEXT shows the catalogue";
    throw new AppError("server_not_found", `No server "${id}" in the catalogue`, { id, suggestions, hint });
  }

  /** Inputs, transports, install hints and deprecation of a server. */
  describe(id: string): ServerDescription {
    const e = this.get(id);
    const meta: CatalogMeta = catalogMeta(e.server);
    const options = sourcesOf(e.server).filter((s) => s.kind === "remote" || s.transport === "stdio").map((
      s,
    ) => ({
      transport: s.transport,
      kind: s.kind,
      target: s.kind === "package" ? s.pkg.identifier : s.remote.url,
      ...(s.kind === "package" ? { registryType: s.pkg.registryType, version: s.pkg.version } : {}),
      installHint: installHint(s),
      inputs: inputsOf(s),
    }));
    const out: ServerDescription = {
      ...this.#summary(e),
      version: e.server.version,
      examples: meta.examples ?? [],
      options,
    };
    if (e.server.websiteUrl) out.websiteUrl = e.server.websiteUrl;
    if (e.server.repository?.url) out.repository = e.server.repository.url;
    if (meta.deprecated) out.deprecation = { ...meta.deprecated };
    return out;
  }

  #summary(e: CatalogEntry): CatalogSummary {
    const meta = catalogMeta(e.server);
    const out: CatalogSummary = {
      id: e.id,
      name: e.server.name,
      description: e.server.description,
      tags: meta.tags ?? [],
      transports: transportsOf(e.server),
      deprecated: meta.deprecated !== undefined,
      source: e.source,
    };
    const up = (meta as { upstream?: { status?: unknown } }).upstream?.status;
    if (up === "deprecated" || up === "deleted") out.upstream_status = up;
    if (e.server.title) out.title = e.server.title;
    return out;
  }
}

function basename(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.json$/i, "");
}

function slug(s: string): string {
  const v = s.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "");
  return v || "server";
}

/** Entries of one file: id from `_meta`, else the file basename (one server) or the name's tail. */
export function entriesOf(servers: ServerJson[], path: string, source: "builtin" | "user"): CatalogEntry[] {
  return servers.map((server) => {
    const metaId = catalogMeta(server).id;
    const id = metaId ?? (servers.length === 1 ? slug(basename(path)) : slug(server.name.split("/").pop()!));
    if (!ID_PATTERN.test(id)) {
      throw new AppError("invalid_input", `Server id "${id}" in "${path}" must match ${ID_PATTERN}`, {
        file: path,
        id,
      });
    }
    return { id, server, source, path };
  });
}

/** The built-in entries (validated). */
export function builtinEntries(files: readonly BuiltinFile[] = BUILTIN_FILES): CatalogEntry[] {
  if (files === BUILTIN_FILES && builtinMemo) return builtinMemo;
  const out = files.flatMap((f) => entriesOf(normalizeServerJson(f.data, f.path), f.path, "builtin"));
  if (files === BUILTIN_FILES) builtinMemo = out;
  return out;
}

/** The built-in files are embedded and immutable: normalise them once per process. */
let builtinMemo: CatalogEntry[] | null = null;

/** Builds the catalogue from the built-ins and the user's files (later files override earlier ones). */
export function buildCatalog(
  userFiles: { path: string; text: string }[] = [],
  builtin = builtinEntries(),
): Catalog {
  const user = userFiles.flatMap((f) => entriesOf(parseServerJsonText(f.text, f.path), f.path, "user"));
  return new Catalog([...builtin, ...user]);
}
