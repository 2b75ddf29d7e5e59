/**
 * doctor / check_server_health: start each configured MCP server as its client would and check that it
 * speaks MCP. Over MCP it starts only servers already in a client's own file, a draft or an artifact:
 * nothing in a call names a command, a URL or a file to read. Each server's result is a progress report
 * as it arrives (the CLI's stderr lines on a terminal, MCP progress notifications with a progress token),
 * and a cancelled call ends every server it started.
 */
import type { RunContext } from "../spec.ts";
import { absent, arr, bind, defineSpec, nullable, num, obj, oneOf, str } from "../spec.ts";
import { PROFILE_ID, PROJECT_DIR, SCOPE } from "./common.ts";
import type { ServerReport } from "../../doctor/types.ts";

/** One server's line of the report. */
const SERVER = obj({
  client: str,
  name: str,
  transport: str,
  status: oneOf("ok", "failed", "skipped"),
  cause: nullable(str),
  message: str,
  hint: nullable(str),
  protocol_version: nullable(str),
  server_info: nullable(obj({ name: str, version: str })),
  tools: nullable(num),
  prompts: nullable(num),
  resources: nullable(num),
  ready_ms: nullable(num),
  stderr_tail: arr(str),
  pin: nullable(obj({
    status: oneOf("new", "same", "changed"),
    changes: arr(obj({ kind: str, name: str, change: str })),
  })),
  suspicious: arr(obj({ code: str, kind: str, name: str, chars: arr(str) })),
});

export const spec = defineSpec({
  cli: {
    command: "doctor",
    description: "Start every configured MCP server as its client would and check that it speaks MCP",
    examples: [
      ["", "every server of every client with a config file"],
      ["--client claude-code --server memory", "one server of one client"],
      ["--draft --client cursor", "the draft: what a publish and deploy would write, before writing it"],
      ["--client cursor --pin", "approve what each answering server offers (its signed pin)"],
    ],
  },
  mcp: {
    tool: "check_server_health",
    title: "Check MCP servers",
    description: "Start each MCP server configured for a client exactly as that client would (command, " +
      "args, environment and folder) and check that it answers the MCP handshake (initialize, tools, " +
      "prompts, resources, ping); remote servers are contacted at their URL. Reports per server ok/failed " +
      "with a cause (command_not_found, exited, missing_env, timeout, auth_required...), the evidence and a " +
      "fix. Checks the servers in the clients' files (default), a draft, or an artifact: never a command " +
      "given in the call. Secret values are never shown. Each answering server is compared with its pin " +
      "(pin.status new/same/changed with the changed tools and fields); tool descriptions with invisible or " +
      "direction-changing Unicode are flagged suspicious_description. Pinning (approving a server's tools) is " +
      "CLI-only (`doctor --pin`), on purpose: a changed server must not be able to get itself re-approved " +
      "through the agent it is talking to.",
    kind: "read",
    openWorld: true,
  },
  input: {
    clients: {
      kind: "texts",
      cli: {
        flag: "--client <id>",
        description: "only this client (repeatable; default: every client with a config file)",
        complete: "client",
      },
      mcp: {
        name: "client_ids",
        description: "Only these clients (default: every client with a config file)",
      },
    },
    servers: {
      kind: "texts",
      cli: { flag: "--server <name>", description: "only the server of this name (repeatable)" },
      mcp: { name: "server_names", description: "Only the servers of these names" },
    },
    configPath: {
      kind: "text",
      cli: { flag: "--config-path <file>", description: "check this file (with one --client)" },
      mcp: absent(
        "MCP starts only servers of a client's own file, a draft or an artifact, never those of a path given " +
          "in the call: a file an assistant names (or writes first) would be a way to start any command",
      ),
    },
    scope: {
      kind: "text",
      choices: ["user", "project"],
      cli: { flag: "--scope <scope>", description: "user (default) or project: which of the client's files" },
      mcp: SCOPE,
    },
    projectDir: {
      kind: "text",
      cli: {
        flag: "--project-dir <dir>",
        description: "project folder: its project files, and where servers start",
      },
      mcp: PROJECT_DIR,
    },
    draft: {
      kind: "flag",
      cli: {
        flag: "--draft",
        description: "check the draft (what a publish and deploy would write) instead of the file",
      },
      mcp: {
        name: "draft",
        description: "Check the draft of profile_id (before publishing)",
        default: false,
      },
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "profile of the draft", default: "default" },
      mcp: PROFILE_ID,
    },
    artifactId: {
      kind: "text",
      cli: {
        flag: "--artifact-id <id>",
        description: "check this artifact as it would be deployed to the client",
      },
      mcp: { name: "artifact_id", description: "Check this artifact as it would be deployed" },
    },
    timeout: {
      kind: "number",
      cli: { flag: "--timeout <seconds>", description: "for the whole run (default 30)" },
      mcp: { name: "timeout_seconds", description: "For the whole run (default 30)", above: 0, max: 600 },
    },
    pin: {
      kind: "flag",
      cli: {
        flag: "--pin",
        description:
          "record what each answering server offers as its signed pin (approve it, or accept a change)",
      },
      mcp: absent(
        "pinning approves a server's tools: a changed server must not be able to get itself re-approved " +
          "through the agent it is talking to, so only the user approves, from the CLI",
      ),
    },
  },
  output: obj({
    servers: arr(SERVER),
    summary: obj({ ok: num, failed: num, skipped: num, changed: num, suspicious: num }),
  }),
});

/** The CLI records in each pin whether this check found it changed (for `status`); the read-only tool
 * does not write. Each server's report is a progress report as it arrives. */
export const op = bind(
  spec,
  () => import("../doctor.ts"),
  (m, deps, input, ctx: RunContext<ServerReport>) =>
    m.checkServers(deps, { ...input, record: ctx.door === "cli" }, ctx),
);
