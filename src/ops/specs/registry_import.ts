/** registry import / import_registry_server: add server.json definitions to the user's catalogue. */
import { absent, arr, bind, defineSpec, nullable, num, obj, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "registry",
    description:
      "Manage your own catalogue entries: `registry import FILE` copies a server.json or an official registry API response into <home>/registry",
    examples: [["import ./server.json", "add the server it defines to your catalogue (<home>/registry)"]],
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
      choices: ["import"],
      cli: { flag: "<action>", description: "what to do" },
      mcp: absent("the tool does the one action there is, import"),
    },
    file: {
      kind: "text",
      cli: {
        flag: "<file>",
        description: 'server.json file, or a registry API response ({"servers":[{"server":{...}}]})',
      },
      mcp: absent("MCP reads no file an assistant names: the document itself is sent (server_json)"),
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

export const op = bind(
  spec,
  () => import("../registry_import.ts"),
  (m, deps, input) =>
    input.file !== undefined ? m.registryImport(deps, { file: input.file }) : m.registryImportText(
      deps,
      typeof input.serverJson === "string" ? input.serverJson : JSON.stringify(input.serverJson),
      "(MCP)",
    ),
);
