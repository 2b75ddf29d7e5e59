/** sync_registry: read the official MCP registry (or a mirror the user synced before) into the catalogue
 * (on the CLI: registry sync). */
import {
  absent,
  arr,
  bind,
  defineSpec,
  literal,
  nullable,
  num,
  obj,
  oneOf,
  type RunContext,
  str,
} from "../spec.ts";
import type { SyncPage } from "../registry_sync.ts";

export const spec = defineSpec({
  cli: absent(
    "registry sync [--url URL] syncs (registry is the command of import and sync)",
    "registry sync",
  ),
  mcp: {
    tool: "sync_registry",
    title: "Sync the MCP registry",
    description:
      "Read the official MCP registry (https://registry.modelcontextprotocol.io, GET /v0.1/servers) into the " +
      "catalogue (<home>/registry/synced/): the latest version of every server, one server.json each; later " +
      "calls read only what changed since (updated_since). Servers deprecated or deleted upstream are flagged " +
      "in list_available_servers and warned about by validate_config (DEPRECATED_SERVER). url: a mirror the " +
      "user already synced from the CLI (a new source is the user's choice: registry sync --url URL). " +
      "Malformed entries are skipped with a warning. Each page read is a progress report when the call " +
      "carries a progress token.",
    kind: "write",
    idempotent: true,
    openWorld: true,
  },
  input: {
    url: {
      kind: "text",
      mcp: {
        name: "url",
        description:
          "The registry's base URL: the official one (default) or a mirror synced before with the CLI",
        blankIsAbsent: true,
      },
    },
    full: {
      kind: "flag",
      mcp: {
        name: "full",
        description: "Read everything again, not only what changed since the last sync",
        default: false,
      },
    },
  },
  output: obj({
    action: literal("sync"),
    url: str,
    folder: str,
    mode: oneOf("full", "incremental"),
    updated_since: nullable(str),
    pages: num,
    received: num,
    written: num,
    unchanged: num,
    deprecated: arr(str, "Catalogue ids of this sync's servers deprecated upstream"),
    deleted: arr(str, "Catalogue ids of this sync's servers deleted upstream"),
    skipped: num,
    servers: num,
    next_updated_since: str,
    warnings: arr(str),
  }),
});

export const op = bind(
  spec,
  () => import("../registry_sync.ts"),
  (m, deps, input, ctx: RunContext<SyncPage>) =>
    m.registrySync(deps, { url: input.url, full: input.full, newSource: false }, ctx),
);
