/** check_server_installation: is a server's runtime (npx, uvx, docker) on PATH? Found by reading PATH,
 * never by running anything (the CLI's `check-install`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { checkServerInstallation } from "../../ops/check_install.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `check_server_installation`. */
export function registerCheckServerInstallation(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "check_server_installation",
    title: "Check a server's runtime",
    description:
      "Check whether the runtime a catalogue server needs (npx, uvx or docker) is on PATH, for each " +
      "of its launch options. Reads PATH only; runs nothing.",
    kind: "read",
    input: { server_id: z.string().describe('Catalogue id, e.g. "filesystem"') },
    output: obj({ id: z.string(), installed: z.boolean(), options: z.array(anyObject), hint: z.string() }),
    run: (a) => checkServerInstallation(deps, { id: a.server_id }),
  });
}
