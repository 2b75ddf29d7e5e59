/** install-server / install_server: the exact command that pre-installs a server; this program never runs
 * package managers. */
import { bind, bool, defineSpec, nullable, obj, str } from "../spec.ts";
import { TRANSPORTS } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "install-server",
    description: "Print the exact command that pre-installs a server (never runs it)",
    examples: [["memory", "the npm command that pre-installs the memory server"]],
  },
  mcp: {
    tool: "get_install_command",
    title: "Get a server's install command",
    description:
      "Return the exact command that pre-installs a catalogue server (npm, uv or docker) for the " +
      "user to run. Nothing is run or installed by this tool. Formerly install_server (that name still " +
      "answers).",
    kind: "read",
    alias: "install_server",
  },
  input: {
    id: {
      kind: "text",
      cli: { flag: "<id>", description: "catalogue id" },
      mcp: { name: "server_id", description: 'Catalogue id, e.g. "filesystem"', required: true },
    },
    transport: {
      kind: "text",
      choices: TRANSPORTS,
      cli: { flag: "--transport <t>", description: "stdio, http or sse" },
      mcp: { name: "transport", description: 'Launch option: "stdio" (default), "http" or "sse"' },
    },
  },
  output: obj({
    id: str,
    transport: str,
    command: nullable(str),
    runtime: nullable(str),
    runtime_found: bool,
    note: str,
  }),
});

export const op = bind(
  spec,
  () => import("../check_install.ts"),
  (m, deps, input) => m.installServer(deps, input),
);
