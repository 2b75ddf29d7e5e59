/** deploy-config / deploy_config: write a signed artifact into a client's config file, keeping every other byte. */
import { absent, arr, bind, bool, defineSpec, nullable, obj, oneOf, optional, str } from "../spec.ts";
import { ARTIFACT_ID, NO_PATH_OVER_MCP, PROFILE_ID, PROJECT_DIR, SCOPE, SECRETS } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "deploy-config",
    description:
      "Verify a signed artifact and write it into a client's config file, keeping every other byte",
    examples: [
      ["--client cursor --dry-run", "print the exact change to cursor's file; write nothing"],
      ["--client cursor", "deploy the latest publish of cursor's default profile"],
      ["--client vscode --artifact-id 3f2a9c1e", "deploy an artifact published for another client"],
      [
        "--client claude-code --client codex --client gemini-cli",
        "claude-code's latest publish to all three; each gets its own result",
      ],
      ["--all --dry-run", "what one profile's artifact would change in every installed client"],
      [
        "--client claude-code --scope project --project-dir ~/src/app",
        "write the project's .mcp.json instead",
      ],
    ],
  },
  mcp: {
    tool: "deploy_config",
    title: "Deploy a configuration",
    description: "Verify the latest published artifact of a client/profile (or artifact_id) and write its " +
      "servers into the client's config file: only our entries change, every other byte stays, the old file " +
      "is backed up. Stops with drift_detected if someone edited our entries by hand, and with shadowed if " +
      "another file the client merges holds a name we write and wins over ours (opencode.jsonc, Claude " +
      "Code's local scope, a workspace file), unless force. Use " +
      "dry_run first to see the exact change. With client_ids (or all_clients), one artifact goes to each " +
      "client (the latest publish of the profile by the first client that has one, or artifact_id) and the " +
      "result is {results: [...]}, one per client: deployed, or refused with its error. required_env names " +
      "the variables the client must have for the references written, and whether each is set here.",
    kind: "destructive",
    idempotent: true,
  },
  input: {
    client: {
      kind: "text",
      cli: absent("the CLI's --client is repeatable: see clients"),
      // No default: one of client_id, client_ids or all_clients names where the deploy goes.
      mcp: {
        name: "client_id",
        description:
          'Target client, e.g. "claude-code" (see list_clients). One of client_id, client_ids or all_clients is required.',
      },
    },
    clients: {
      kind: "texts",
      cli: {
        flag: "--client <id>",
        description: "target client (repeat for several: one profile's artifact to each)",
        complete: "client",
      },
      mcp: {
        name: "client_ids",
        description:
          "Several target clients: one profile's artifact goes to each, each with its own result " +
          "(client_id is then not used)",
      },
    },
    all: {
      kind: "flag",
      cli: { flag: "--all", description: "every client list-clients marks installed" },
      mcp: {
        name: "all_clients",
        description: "Deploy to every client list_clients marks installed",
        default: false,
      },
    },
    profile: {
      kind: "text",
      cli: {
        flag: "--profile <name>",
        description: "profile whose latest publish is deployed",
        default: "default",
      },
      mcp: PROFILE_ID,
    },
    artifactId: {
      kind: "text",
      cli: { flag: "--artifact-id <id>", description: "deploy this artifact instead (any client's publish)" },
      mcp: ARTIFACT_ID,
    },
    dryRun: {
      kind: "flag",
      cli: { flag: "--dry-run", description: "print the exact change and write nothing" },
      mcp: {
        name: "dry_run",
        description: "Only show what would change (diff); write nothing",
        default: false,
      },
    },
    force: {
      kind: "flag",
      cli: {
        flag: "--force",
        description:
          "overwrite entries that drifted (edited by hand, or not deployed by us); write entries another file shadows",
      },
      mcp: {
        name: "force",
        description: "Overwrite entries that were edited by hand (drift); write entries another file shadows",
        default: false,
      },
    },
    scope: {
      kind: "text",
      choices: ["user", "project"],
      cli: { flag: "--scope <scope>", description: "user (default) or project (implied by --project-dir)" },
      mcp: SCOPE,
    },
    projectDir: {
      kind: "text",
      cli: {
        flag: "--project-dir <dir>",
        description: "project folder for --scope project (default: current folder)",
      },
      mcp: PROJECT_DIR,
    },
    configPath: {
      kind: "text",
      cli: { flag: "--config-path <file>", description: "write this file instead of the client's default" },
      mcp: absent(NO_PATH_OVER_MCP),
    },
    secrets: {
      kind: "text",
      choices: ["reference", "literal"],
      cli: {
        flag: "--secrets <mode>",
        description:
          "reference (client's own syntax where it has one) or literal; default: as the last deploy to this file (reference the first time)",
      },
      mcp: SECRETS,
    },
  },
  output: obj({
    status: optional(oneOf("deployed", "unchanged", "dry_run", "restored"), "One client"),
    client_id: optional(str),
    config_path: optional(str),
    deployment_id: optional(nullable(str)),
    restart_hint: optional(str),
    shadowed: optional(
      arr(obj({ server: str, file: str, place: str })),
      "Entries another file the client merges overrides (it loads that file's entry)",
    ),
    results: optional(
      arr(obj({ client_id: str, ok: bool, status: str })),
      "Several clients: one result each (ok false: refused, with error, message and exit_code)",
    ),
  }),
});

export const op = bind(spec, () => import("../deploy.ts"), (m, deps, input) => m.deployConfig(deps, input));
