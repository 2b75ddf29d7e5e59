/** What several operations' specs share: the seed's MCP names, descriptions and defaults, the draft
 * commands' `--client` / `--profile`, and result shapes. */
import { anyObject, arr, bool, nullable, num, obj, oneOf, optional, str } from "../spec.ts";

/** MCP `client_id` of a tool that only reads, default "claude-desktop" (the seed's default). A default is
 * harmless there: a read changes nothing, and its result names the client it answered for (client_id),
 * so a model that left the id out sees which client it read. Its schema is the enum of client ids
 * (src/mcp/zod_spec.ts). */
export const CLIENT_ID = {
  name: "client_id",
  description:
    'Client id, e.g. "claude-desktop", "claude-code", "cursor" (see list_clients). Default "claude-desktop".',
  default: "claude-desktop",
} as const;

/** MCP `client_id` of a tool that writes: required, no default (a call that leaves it out, or misspells
 * it, must never change another client's files or drafts). */
export const WRITE_CLIENT_ID = {
  name: "client_id",
  description: 'Client id, e.g. "claude-desktop", "claude-code", "cursor" (see list_clients). Required.',
  required: true,
} as const;

/** MCP `profile_id`, default "default". */
export const PROFILE_ID = {
  name: "profile_id",
  description: 'Profile name (a client can hold several, e.g. "default", "work"). Default "default".',
  default: "default",
} as const;

/** MCP `artifact_id`: an id or a unique prefix. */
export const ARTIFACT_ID = {
  name: "artifact_id",
  description: "Artifact id (64 hex) or a unique prefix of 8+ hex characters",
} as const;

/** `--client` / `client_id` of the draft commands: default claude-desktop (the seed's) on both doors. */
export const DRAFT_CLIENT = {
  kind: "text",
  cli: { flag: "--client <id>", description: "client id", default: "claude-desktop", complete: "client" },
  mcp: CLIENT_ID,
} as const;

/** `--client` / `client_id` of the draft commands that write: the CLI keeps its default (a person reads
 * the command line they typed), MCP requires the id (WRITE_CLIENT_ID). */
export const WRITE_DRAFT_CLIENT = {
  kind: "text",
  cli: { flag: "--client <id>", description: "client id", default: "claude-desktop", complete: "client" },
  mcp: WRITE_CLIENT_ID,
} as const;

/** `--profile` / `profile_id` of the draft commands: default "default" on both doors. */
export const DRAFT_PROFILE = {
  kind: "text",
  cli: { flag: "--profile <name>", description: "profile name", default: "default" },
  mcp: PROFILE_ID,
} as const;

/** MCP `scope`: which file of the client a deploy writes. */
export const SCOPE = {
  name: "scope",
  description:
    '"user" (default): the client\'s user config; "project": its project file (implied by project_dir)',
} as const;

/** MCP `project_dir`. */
export const PROJECT_DIR = {
  name: "project_dir",
  description:
    'The project folder (implies scope "project"; refused with scope "user"): an absolute path to an existing folder you own, inside the ' +
    'roots you shared (default with scope "project": your only root); never a system or hidden folder, nor the home folder itself',
} as const;

/** MCP `secrets`: how secrets are written into the client file. */
export const SECRETS = {
  name: "secrets",
  description:
    '"reference": the client\'s ${VAR} syntax where it has one; "literal": the stored values. Default: what the last deploy to this file used (reference the first time)',
} as const;

/** Why MCP takes no file path where the CLI does (DESIGN.md, Permissions): a path an assistant supplies
 * would widen what the server may write. */
export const NO_PATH_OVER_MCP =
  "MCP never takes a path to write: a path an assistant supplies would widen what the server may change (DESIGN.md, Permissions)";

export const TRANSPORTS = ["stdio", "http", "sse"] as const;

/** The summary every draft operation returns. */
export const DRAFT_SUMMARY = {
  client_id: str,
  profile_id: str,
  server_count: num,
  servers: arr(str),
  updated_at: nullable(str),
} as const;

/** A signed artifact with its version and changelog (get_config). */
export const ARTIFACT = obj({
  artifact_id: str,
  client_id: str,
  profile_id: str,
  created_at: str,
  payload: obj({ mcpServers: anyObject }),
  signature: str,
  signing_key_id: str,
  metadata: anyObject,
  version: num,
  changelog: str,
});

/** A deploy result (deployed / unchanged / dry_run; restored for a restore). */
export const DEPLOY_RESULT = obj({
  status: oneOf("deployed", "unchanged", "dry_run", "restored"),
  client_id: str,
  config_path: str,
  deployment_id: nullable(str),
  restart_hint: str,
  secrets_mode: optional(oneOf("reference", "literal")),
  required_env: optional(arr(
    obj({ name: str, set: bool, servers: arr(str) }),
    "variables the client must have (references it expands); set: in this environment now (never a value)",
  )),
});

/** A deployment record (hashes of entries, never values). */
export const DEPLOYMENT_RECORD = obj({
  deployment_id: str,
  action: str,
  client_id: str,
  profile_id: str,
  artifact_id: nullable(str),
  config_path: str,
  deployed_at: str,
});

/** What a pull did (pull_profiles, and the first half of sync_profiles). */
const PULLED_PROFILE = obj({
  client_id: str,
  profile_id: str,
  status: oneOf("new", "updated", "unchanged", "local-ahead", "conflict"),
  version: num,
  artifact_id: str,
  local_version: nullable(num),
  signed_by: str,
  /** The trust name of that key (`trust add --name`), null when it has none. */
  signer_name: nullable(str),
  detail: optional(str),
});

/** The git remote of push, pull and sync: a positional on the CLI, `remote` over MCP. */
export const REMOTE = {
  kind: "text",
  cli: { flag: "[remote]", description: "remote name (default: the only remote, else origin)" },
  mcp: {
    name: "remote",
    description: "Remote name (see list_remotes); default: the only remote, else origin",
    blankIsAbsent: true,
  },
} as const;

export const PULL_RESULT = obj({
  remote: str,
  url: str,
  status: oneOf("empty", "up-to-date", "pulled"),
  commit: nullable(str),
  previous_commit: nullable(str),
  changed_paths: num,
  profiles: arr(PULLED_PROFILE),
  artifacts_added: num,
  conflicts: num,
});
