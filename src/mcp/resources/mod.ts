/** Every resource. Each file registers one URI or template over an op. */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { registerCapabilitiesServer } from "./capabilities_server.ts";
import { registerCapabilitiesClients } from "./capabilities_clients.ts";
import { registerServerRegistry } from "./server_registry.ts";
import { registerConfigDraft } from "./config_draft.ts";
import { registerConfigDeployed } from "./config_deployed.ts";
import { registerConfigLatest } from "./config_latest.ts";
import { registerConfigHistory } from "./config_history.ts";

/** The registrations, each `(server, deps) => void`. */
export const RESOURCES: ((server: McpServer, deps: Deps) => void)[] = [
  registerCapabilitiesServer,
  registerCapabilitiesClients,
  registerServerRegistry,
  registerConfigDraft,
  registerConfigLatest,
  registerConfigDeployed,
  registerConfigHistory,
];
