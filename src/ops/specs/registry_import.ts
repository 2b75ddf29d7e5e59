/** registry import|sync / import_registry_server: add server.json definitions to the user's catalogue, or
 * (CLI `registry sync`; MCP: sync_registry, src/ops/specs/registry_sync.ts) read the MCP registry. */
import { AppError } from "../../core/errors.ts";
import { absent, arr, bind, defineSpec, nullable, num, obj, type Progress, str } from "../spec.ts";
import type { SyncPage } from "../registry_sync.ts";

export const spec = defineSpec({
  cli: {
    command: "registry",
    description:
      "The catalogue's sources: `registry import FILE` copies a server.json or an official registry API response into <home>/registry; `registry sync [--url URL]` reads the official MCP registry (or a mirror) into <home>/registry/synced, incrementally",
    examples: [
      ["import ./server.json", "add the server it defines to your catalogue (<home>/registry)"],
      [
        "sync",
        "read https://registry.modelcontextprotocol.io into the catalogue; later runs read only what changed",
      ],
      [
        "sync --url https://mcp-registry.example.com",
        "read a company mirror of the registry API instead (GET /v0.1/servers)",
      ],
      ["sync --full", "read everything again, not only what changed since the last sync"],
    ],
  },
  mcp: {
    tool: "import_registry_server",
    title: "Import a server.json",
    description: "Add servers to the user's registry (<home>/registry/) from a server.json document or an " +
      'official registry API response ({"servers":[{"server":{...}}]}), camelCase or the older snake_case; ' +
      "a server with a built-in's id overrides it. Then list_available_servers and add_server_to_config see it. " +
      "A document carrying a literal secret (a value or default of a secret input, a URL password, a token) is " +
      "refused with validation_failed (PLAINTEXT_SECRET per field).",
    // A server imported again replaces the earlier import (or overrides a built-in one).
    kind: "destructive",
    idempotent: true,
  },
  input: {
    action: {
      kind: "text",
      choices: ["import", "sync"],
      cli: { flag: "<action>", description: "import a file, or sync from the MCP registry" },
      mcp: absent("this tool imports; sync_registry syncs", "sync_registry"),
    },
    file: {
      kind: "text",
      cli: {
        flag: "[file]",
        description: 'import: server.json file, or a registry API response ({"servers":[{"server":{...}}]})',
      },
      mcp: absent("MCP reads no file an assistant names: the document itself is sent (server_json)"),
    },
    url: {
      kind: "text",
      cli: {
        flag: "--url <url>",
        description: "sync: the registry's base URL (default https://registry.modelcontextprotocol.io)",
      },
      mcp: absent("sync_registry syncs", "sync_registry"),
    },
    full: {
      kind: "flag",
      cli: {
        flag: "--full",
        description: "sync: read everything, not only what changed since the last sync",
      },
      mcp: absent("sync_registry syncs", "sync_registry"),
    },
    serverJson: {
      kind: "json",
      cli: absent("the CLI reads the document from FILE"),
      mcp: {
        name: "server_json",
        description: "The server.json document (or registry API response), as an object or a JSON string",
        required: true,
      },
    },
  },
  output: obj({
    count: num,
    imported: arr(obj({ id: str, name: str, path: str, overrides: nullable(str) })),
  }),
});

/** import (a file on the CLI, the document over MCP) or, on the CLI, sync; each module loads only when
 * its case runs. */
export const op = bind(
  spec,
  () =>
    Promise.resolve({
      importer: () => import("../registry_import.ts"),
      sync: () => import("../registry_sync.ts"),
    }),
  async (m, deps, input, ctx) => {
    if (input.action === "sync") {
      if (input.file !== undefined) {
        throw new AppError("invalid_input", "registry sync takes no file (registry import FILE imports one)");
      }
      return (await m.sync()).registrySync(
        deps,
        { url: input.url, full: input.full, newSource: true },
        { signal: ctx.signal, progress: ctx.progress as ((p: Progress<SyncPage>) => void) | undefined },
      );
    }
    if (input.url !== undefined || input.full) {
      throw new AppError("invalid_input", "--url and --full are options of registry sync");
    }
    const importer = await m.importer();
    if (input.serverJson === undefined) return importer.registryImport(deps, { file: input.file ?? "" });
    return importer.registryImportText(
      deps,
      typeof input.serverJson === "string" ? input.serverJson : JSON.stringify(input.serverJson),
      "(MCP)",
    );
  },
);
