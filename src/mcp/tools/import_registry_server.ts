/** import_registry_server: add server.json definitions to the user's registry (the CLI's
 * `registry import`), given as content: an assistant sends the JSON, no file path is read. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { registryImportText } from "../../ops/registry_import.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `import_registry_server`. */
export function registerImportRegistryServer(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "import_registry_server",
    title: "Import a server.json",
    description: "Add servers to the user's registry (<home>/registry/) from a server.json document or an " +
      'official registry API response ({"servers":[{"server":{...}}]}), camelCase or the older snake_case; ' +
      "a server with a built-in's id overrides it. Then list_available_servers and add_server_to_config see it. " +
      "A document carrying a literal secret (a value or default of a secret input, a URL password, a token) is " +
      "refused with validation_failed (PLAINTEXT_SECRET per field).",
    kind: "write",
    idempotent: true,
    input: {
      server_json: z.union([z.string(), z.record(z.unknown())])
        .describe("The server.json document (or registry API response), as an object or a JSON string"),
    },
    output: obj({
      count: z.number(),
      imported: z.array(
        obj({ id: z.string(), name: z.string(), path: z.string(), overrides: z.string().nullable() }),
      ),
    }),
    run: (a) =>
      registryImportText(
        deps,
        typeof a.server_json === "string" ? a.server_json : JSON.stringify(a.server_json),
        "(MCP)",
      ),
  });
}
