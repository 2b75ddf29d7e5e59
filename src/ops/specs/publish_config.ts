/** publish-config / publish_config: validate, sign and store the draft (the CLI also publishes a file). */
import { absent, anyObject, arr, bind, cliOnlyResult, defineSpec, num, obj, oneOf, str } from "../spec.ts";
import { PROFILE_ID, WRITE_CLIENT_ID } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "publish-config",
    description:
      "Sign and store the draft (or --file) as a content-addressed artifact; the draft is validated first",
    examples: [
      ["--client cursor --changelog 'add github'", "validate cursor's default draft, then sign and store it"],
      [
        "--client cursor --profile work --file ./mcp.json",
        "publish a file's mcpServers instead of the draft",
      ],
    ],
  },
  mcp: {
    tool: "publish_config",
    title: "Publish the draft",
    description: "Validate the draft of a client/profile, then sign it and store it as a content-addressed " +
      "artifact (a new version in the profile's signed history). Refused with validation_failed (every " +
      "error listed) when the draft has errors. Publishing the same content again is status unchanged.",
    kind: "write",
    idempotent: true,
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "client id", required: true, complete: "client" },
      mcp: WRITE_CLIENT_ID,
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "profile name", default: "default" },
      mcp: PROFILE_ID,
    },
    file: {
      kind: "text",
      cli: {
        flag: "--file <path>",
        description: "JSON file with an mcpServers object (neutral form) instead of the draft",
      },
      mcp: absent(
        "MCP publishes the draft only: it reads no file an assistant names (the draft is built with add_server_to_config or import_client_config)",
      ),
    },
    changelog: {
      kind: "text",
      cli: { flag: "--changelog <text>", description: "what changed in this version" },
      mcp: { name: "changelog", description: "What changed in this version" },
    },
    fromClient: {
      kind: "text",
      cli: {
        flag: "--from-client <id>",
        description: "read --file in this client's shape (default: recognised from the file)",
        complete: "client",
      },
      mcp: absent("goes with --file"),
    },
  },
  output: obj({
    status: oneOf("published", "unchanged"),
    artifact_id: str,
    client_id: str,
    profile_id: str,
    version: num,
    server_count: num,
    changelog: str,
    created_at: str,
    warnings: arr(anyObject),
  }),
});

/** The draft, or with --file (CLI only) that file; each module loads only when its case runs. */
export const op = bind(
  spec,
  () =>
    Promise.resolve({ file: () => import("../publish_file.ts"), draft: () => import("../publish_draft.ts") }),
  async (m, deps, input) =>
    input.file !== undefined
      ? cliOnlyResult((await m.file()).publishFromFile(deps, input))
      : (await m.draft()).publishDraft(deps, input),
);
