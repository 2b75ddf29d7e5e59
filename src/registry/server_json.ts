/**
 * The subset of the official MCP `server.json` format (schema 2025-12-11) that the catalogue uses,
 * as zod schemas and TypeScript types, plus `normalizeServerJson`, which also accepts the older
 * snake_case drafts (2025-07-09 and before) and the official registry API response shapes.
 *
 * Unknown fields are kept (`passthrough`); wrong types and missing required fields are refused.
 *
 * @example
 * ```ts
 * import { normalizeServerJson } from "./server_json.ts";
 * import fetchServer from "../../registry/fetch.json" with { type: "json" };
 * const [server] = normalizeServerJson(fetchServer, "registry/fetch.json");
 * console.log(server.name, server.packages?.[0]?.identifier);
 * ```
 */
import { z } from "zod";
import { AppError } from "../core/errors.ts";

/** The `_meta` key that holds our own catalogue data. */
export const CATALOG_META_KEY = "io.github.mcp-orchestration/catalog";
/** The schema URL our built-in files declare. */
export const SERVER_SCHEMA_URL =
  "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
/** A catalogue id: lowercase, starts with a letter or digit. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const InputFields = {
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  default: z.string().optional(),
  format: z.enum(["string", "number", "boolean", "filepath"]).optional(),
  choices: z.array(z.string()).optional(),
  value: z.string().optional(),
  placeholder: z.string().optional(),
};
/** A user input (the schema's `Input`). */
export const InputSchema = z.object(InputFields).passthrough();
const Variables = z.record(z.string(), InputSchema).optional();
const InputWithVariables = { ...InputFields, variables: Variables };

/** A positional or named command-line argument. */
export const ArgumentSchema = z.discriminatedUnion("type", [
  z.object({
    ...InputWithVariables,
    type: z.literal("positional"),
    valueHint: z.string().optional(),
    isRepeated: z.boolean().optional(),
  }).passthrough(),
  z.object({
    ...InputWithVariables,
    type: z.literal("named"),
    name: z.string().min(1),
    isRepeated: z.boolean().optional(),
  }).passthrough(),
]);

/** A header or environment variable (`KeyValueInput`). */
export const KeyValueSchema = z.object({ ...InputWithVariables, name: z.string().min(1) }).passthrough();

const UrlTemplate = z.string().regex(
  /^(https?:\/\/[^\s]+|\{[a-zA-Z_][a-zA-Z0-9_]*\}[^\s]*)$/,
  "must be an http(s) URL",
);

/** How a package talks: stdio, or a local HTTP/SSE endpoint. */
export const TransportSchema = z.object({
  type: z.enum(["stdio", "streamable-http", "sse"]),
  url: UrlTemplate.optional(),
  headers: z.array(KeyValueSchema).optional(),
}).passthrough();

/** A runnable package (npm, pypi, oci, nuget, mcpb...). */
export const PackageSchema = z.object({
  registryType: z.string().min(1),
  registryBaseUrl: z.string().optional(),
  identifier: z.string().min(1),
  version: z.string().min(1).optional(),
  runtimeHint: z.string().optional(),
  transport: TransportSchema,
  runtimeArguments: z.array(ArgumentSchema).optional(),
  packageArguments: z.array(ArgumentSchema).optional(),
  environmentVariables: z.array(KeyValueSchema).optional(),
}).passthrough();

/** A hosted endpoint. */
export const RemoteSchema = z.object({
  type: z.enum(["streamable-http", "sse"]),
  url: UrlTemplate,
  headers: z.array(KeyValueSchema).optional(),
  variables: Variables,
}).passthrough();

/** Our catalogue data under `_meta["io.github.mcp-orchestration/catalog"]`. */
export const CatalogMetaSchema = z.object({
  id: z.string().regex(ID_PATTERN, "must match ^[a-z0-9][a-z0-9._-]*$").optional(),
  tags: z.array(z.string()).optional(),
  examples: z.array(z.string()).optional(),
  deprecated: z.object({ reason: z.string().min(1), successor: z.string().optional() }).optional(),
  /** Names users type for this server's inputs (alias -> the input's own name): registry/aliases.ts. */
  aliases: z.object({
    params: z.record(z.string()).optional(),
    env: z.record(z.string()).optional(),
  }).optional(),
}).passthrough();

/** One server (the schema's `ServerDetail`). */
export const ServerJsonSchema = z.object({
  $schema: z.string().optional(),
  name: z.string().min(3).max(200).regex(
    /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/,
    "must be reverse-DNS namespace/name",
  ),
  title: z.string().optional(),
  description: z.string().min(1),
  version: z.string().min(1).max(255),
  websiteUrl: z.string().optional(),
  repository: z.object({ url: z.string(), source: z.string() }).passthrough().optional(),
  packages: z.array(PackageSchema).optional(),
  remotes: z.array(RemoteSchema).optional(),
  _meta: z.object({ [CATALOG_META_KEY]: CatalogMetaSchema.optional() }).passthrough().optional(),
}).passthrough().refine((s) => (s.packages?.length ?? 0) + (s.remotes?.length ?? 0) > 0, {
  message: "needs at least one entry in packages or remotes",
  path: ["packages"],
});

export type Input = z.infer<typeof InputSchema>;
export type Argument = z.infer<typeof ArgumentSchema>;
export type KeyValueInput = z.infer<typeof KeyValueSchema>;
export type Package = z.infer<typeof PackageSchema>;
export type Remote = z.infer<typeof RemoteSchema>;
export type CatalogMeta = z.infer<typeof CatalogMetaSchema>;
export type ServerJson = z.infer<typeof ServerJsonSchema>;

/** Older snake_case keys (drafts up to 2025-07-09) and their camelCase names. */
const RENAMES: Record<string, string> = {
  registry_type: "registryType",
  registry_name: "registryType",
  registry_base_url: "registryBaseUrl",
  file_sha256: "fileSha256",
  runtime_hint: "runtimeHint",
  runtime_arguments: "runtimeArguments",
  package_arguments: "packageArguments",
  environment_variables: "environmentVariables",
  is_required: "isRequired",
  is_secret: "isSecret",
  value_hint: "valueHint",
  is_repeated: "isRepeated",
  website_url: "websiteUrl",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Renames snake_case keys recursively; `_meta` is left as is, `variables` keys are names. */
function camel(v: unknown, mapKeysAreNames = false): unknown {
  if (Array.isArray(v)) return v.map((x) => camel(x));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, val] of Object.entries(v)) {
    const key = mapKeysAreNames ? k : (RENAMES[k] ?? k);
    if (key === "_meta" && !mapKeysAreNames) out[key] = val;
    else out[key] = camel(val, key === "variables" && !mapKeysAreNames);
  }
  return out;
}

const REMOTE_TYPES: Record<string, string> = {
  streamable: "streamable-http",
  http: "streamable-http",
  streamableHttp: "streamable-http",
};

/** Upgrades one server object of any known draft to the current field layout. */
function upgrade(server: Obj): Obj {
  const s = camel(server) as Obj;
  const vd = s.version_detail;
  if (s.version === undefined && isObj(vd) && typeof vd.version === "string") s.version = vd.version;
  delete s.version_detail;
  if (Array.isArray(s.packages)) {
    s.packages = s.packages.map((p) => {
      if (!isObj(p)) return p;
      const q: Obj = { ...p };
      if (q.identifier === undefined && typeof q.name === "string") q.identifier = q.name;
      if (q.transport === undefined) {
        q.transport = { type: typeof q.transport_type === "string" ? q.transport_type : "stdio" };
      }
      delete q.transport_type;
      return q;
    });
  }
  if (Array.isArray(s.remotes)) {
    s.remotes = s.remotes.map((r) => {
      if (!isObj(r)) return r;
      const q: Obj = { ...r };
      if (q.type === undefined && typeof q.transport_type === "string") q.type = q.transport_type;
      delete q.transport_type;
      if (typeof q.type === "string" && REMOTE_TYPES[q.type]) q.type = REMOTE_TYPES[q.type];
      return q;
    });
  }
  return s;
}

/** Unwraps `{servers:[{server, _meta}]}`, `{server}`, a bare array, or a single server object. */
function unwrap(raw: unknown): { item: unknown; path: (string | number)[] }[] {
  const wrapped = (x: unknown, path: (string | number)[]) => {
    if (isObj(x) && isObj(x.server)) {
      const server = { ...x.server };
      if (isObj(x._meta)) server._meta = { ...x._meta, ...(isObj(server._meta) ? server._meta : {}) };
      return { item: server, path: [...path, "server"] };
    }
    return { item: x, path };
  };
  if (Array.isArray(raw)) return raw.map((x, i) => wrapped(x, [i]));
  if (isObj(raw) && Array.isArray(raw.servers)) return raw.servers.map((x, i) => wrapped(x, ["servers", i]));
  return [wrapped(raw, [])];
}

/**
 * Validates and normalises server.json content (already JSON-parsed) into ServerJson[].
 * Throws AppError `invalid_input` naming the file and the path of the first problem.
 */
export function normalizeServerJson(raw: unknown, file = "<input>"): ServerJson[] {
  const out: ServerJson[] = [];
  for (const { item, path } of unwrap(raw)) {
    if (!isObj(item)) {
      throw new AppError("invalid_input", `Invalid server.json in "${file}": expected an object`, {
        file,
        path: path.join("."),
      });
    }
    const parsed = ServerJsonSchema.safeParse(upgrade(item));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: [...path, ...i.path].join("."),
        message: i.message,
      }));
      const first = issues[0];
      throw new AppError(
        "invalid_input",
        `Invalid server.json in "${file}": ${first.path || "(root)"}: ${first.message}`,
        { file, path: first.path, issues },
      );
    }
    out.push(parsed.data);
  }
  return out;
}

/** Parses JSON text, then normalises it; a syntax error is `invalid_input` naming the file. */
export function parseServerJsonText(text: string, file = "<input>"): ServerJson[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_input", `Cannot parse "${file}" as JSON: ${(e as Error).message}`, { file });
  }
  return normalizeServerJson(raw, file);
}

/** Our catalogue metadata of a server, or an empty object. */
export function catalogMeta(s: ServerJson): CatalogMeta {
  return (s._meta?.[CATALOG_META_KEY] as CatalogMeta | undefined) ?? {};
}
