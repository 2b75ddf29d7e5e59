/** Every prompt. */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { registerMigrateConfig } from "./migrate_config.ts";
import { registerTroubleshootConfig } from "./troubleshoot_config.ts";

/** The registrations, each `(server, deps) => void`. */
export const PROMPTS: ((server: McpServer, deps: Deps) => void)[] = [
  registerMigrateConfig,
  registerTroubleshootConfig,
];
