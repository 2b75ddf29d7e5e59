/** install_server: the exact command that pre-installs a server; this program never runs package
 * managers (the CLI's `install-server`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { installServer } from "../../ops/check_install.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `install_server`. */
export function registerInstallServer(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "install_server",
    title: "How to install a server",
    description:
      "Return the exact command that pre-installs a catalogue server (npm, uv or docker) for the " +
      "user to run. Nothing is run or installed by this tool.",
    kind: "read",
    input: {
      server_id: z.string().describe('Catalogue id, e.g. "filesystem"'),
      transport: z.string().optional().describe('Launch option: "stdio" (default), "http" or "sse"'),
    },
    output: obj({
      id: z.string(),
      transport: z.string(),
      command: z.string().nullable(),
      runtime: z.string().nullable(),
      runtime_found: z.boolean(),
      note: z.string(),
    }),
    run: (a) => installServer(deps, { id: a.server_id, transport: a.transport }),
  });
}
