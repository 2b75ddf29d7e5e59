/** logs / read_client_logs: the last lines of a client's own MCP log files (read only). */
import { absent, arr, bind, bool, defineSpec, nullable, num, obj, oneOf, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "logs",
    description:
      "The last lines of a client's own MCP log files (where it writes them), secrets redacted; --follow for new ones",
    examples: [
      ["--client claude-desktop", "the last 50 lines of Claude Desktop's MCP logs (mcp*.log)"],
      [
        "--client claude-desktop --server memory --lines 200",
        "the last 200 lines of the memory server's own log (mcp-server-memory.log)",
      ],
      ["--client codex --server github", "the lines of codex-tui.log that name the github server"],
      [
        "--client claude-desktop --follow",
        "the last lines, then each new line as it is written (Ctrl-C stops)",
      ],
      ["--client crush --project-dir ~/src/app --format json", "a project's .crush/logs/crush.log, as JSON"],
    ],
  },
  mcp: {
    tool: "read_client_logs",
    title: "Read a client's MCP logs",
    description:
      "The last lines of the MCP log files an AI client writes itself (Claude Desktop's mcp.log and " +
      "mcp-server-<name>.log, Claude Code's mcp-logs-<server>, codex-tui.log, ...), newest last, each with " +
      "its file; with server, only that server's file or the lines naming it. Secret values are " +
      'redacted. Says "not known" where the client\'s log place is not known, or that it writes none.',
    kind: "read",
    order: ["client_id", "server", "lines", "project_dir"],
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "client id", required: true, complete: "client" },
      mcp: {
        name: "client_id",
        description: 'Client id, e.g. "claude-desktop", "claude-code", "codex" (see list_clients)',
        required: true,
      },
    },
    server: {
      kind: "text",
      cli: {
        flag: "--server <name>",
        description: "only this server: its own log file where the client writes one, else lines naming it",
      },
      mcp: {
        name: "server",
        description:
          "Only this server: its own log file where the client writes one per server, else the lines naming it",
        blankIsAbsent: true,
      },
    },
    lines: {
      kind: "number",
      cli: {
        flag: "--lines <n>",
        description: "the last N lines over the matching files (1-10000)",
        default: 50,
      },
      mcp: {
        name: "lines",
        description: "The last N lines over the matching files, newest last (1-10000)",
        default: 50,
        int: true,
        min: 1,
      },
    },
    follow: {
      kind: "flag",
      cli: {
        flag: "--follow",
        description:
          "then print new lines as they are written until interrupted (survives truncation, rotation)",
      },
      mcp: absent(
        "a tool call returns one result and never streams: call read_client_logs again for newer lines",
      ),
    },
    projectDir: {
      kind: "text",
      cli: {
        flag: "--project-dir <dir>",
        description:
          "the project folder, for clients that log inside it (crush; default: the current folder)",
      },
      mcp: {
        name: "project_dir",
        description:
          "For clients that log inside the project (crush): the project folder, an absolute path inside the " +
          "roots you shared",
      },
    },
  },
  output: obj({
    client: str,
    folder: nullable(str),
    known: bool,
    verified: bool,
    server: nullable(str),
    server_match: nullable(oneOf("file", "line")),
    files: arr(obj({ path: str, size: num, mtime: nullable(str) })),
    lines: arr(obj({ file: str, text: str }), "The last lines, oldest first, each with its file"),
    note: nullable(str),
    message: nullable(str),
    warnings: arr(str),
  }),
});

export const op = bind(spec, () => import("../logs.ts"), (m, deps, input) => m.logs(deps, input));
