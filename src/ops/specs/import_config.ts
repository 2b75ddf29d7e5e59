/** import-config / import_client_config: read the servers already in a client's file into a draft. */
import { arr, bind, defineSpec, obj, optional, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, PROJECT_DIR, SCOPE, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "import-config",
    description:
      "Read the servers already in a client's config file into a draft (secrets go to secrets.json)",
    examples: [
      [
        "--client cursor",
        "bring the servers of cursor's own file under management (the file is not changed)",
      ],
      ["--client claude-code --scope project --project-dir ~/src/app", "from a project's .mcp.json"],
    ],
  },
  mcp: {
    tool: "import_client_config",
    title: "Import a client's config",
    description: "Read the MCP servers already configured in a client's file (made by hand) into the draft " +
      "of a profile, so they can be managed. The file itself is not changed. Where the client merges several " +
      "files for that scope (opencode.json and opencode.jsonc, a project's .mcp.json and its local scope), " +
      "all are read, a name in several taken as the client takes it; sources names each server's file. " +
      "Secret values found go to " +
      "secrets.json; the draft keeps references.",
    // replace takes the file's entries over the draft's.
    kind: "destructive",
    order: ["client_id", "profile_id", "replace", "config_path", "scope", "project_dir"],
  },
  input: {
    client: WRITE_DRAFT_CLIENT,
    profile: DRAFT_PROFILE,
    configPath: {
      kind: "text",
      cli: {
        flag: "--config-path <file>",
        description: "the config file (default: the client's file for this OS)",
      },
      mcp: { name: "config_path", description: "Read this file instead of the client's usual one" },
    },
    scope: {
      kind: "text",
      choices: ["user", "project"],
      cli: { flag: "--scope <scope>", description: "user (default) or project (implied by --project-dir)" },
      mcp: SCOPE,
    },
    projectDir: {
      kind: "text",
      cli: { flag: "--project-dir <dir>", description: "project folder (with --scope project)" },
      mcp: PROJECT_DIR,
    },
    replace: {
      kind: "flag",
      cli: { flag: "--replace", description: "replace draft servers of the same name" },
      mcp: {
        name: "replace",
        description: "Replace servers of the same name already in the draft",
        default: false,
      },
    },
  },
  output: obj({
    ...DRAFT_SUMMARY,
    config_path: str,
    imported: arr(str),
    skipped: arr(str),
    secrets_stored: arr(str),
    extracted: arr(
      obj({
        server: str,
        field: str,
        variable: str,
        instead_of: optional(str, "the variable's own name, when secrets.json held another value under it"),
      }),
      "Each literal secret moved to secrets.json: where it was and the variable referenced there",
    ),
    sources: arr(obj({ server: str, file: str }), "The file each imported server came from"),
    warnings: arr(str),
  }),
});

export const op = bind(
  spec,
  () => import("../import_config.ts"),
  (m, deps, input) => m.importConfig(deps, input),
);
