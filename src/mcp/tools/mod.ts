/** Every tool, in the order `tools/list` shows them. Each file registers one tool over one op. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Deps } from "../../platform/deps.ts";
import { registerListClients } from "./list_clients.ts";
import { registerListProfiles } from "./list_profiles.ts";
import { registerGetConfig } from "./get_config.ts";
import { registerListAvailableServers } from "./list_available_servers.ts";
import { registerDescribeServer } from "./describe_server.ts";
import { registerAddServerToConfig } from "./add_server_to_config.ts";
import { registerViewDraftConfig } from "./view_draft_config.ts";
import { registerClearDraftConfig } from "./clear_draft_config.ts";
import { registerRemoveServerFromConfig } from "./remove_server_from_config.ts";
import { registerValidateConfig } from "./validate_config.ts";
import { registerPublishConfig } from "./publish_config.ts";
import { registerImportClientConfig } from "./import_client_config.ts";
import { registerDiffConfig } from "./diff_config.ts";
import { registerCheckServerInstallation } from "./check_server_installation.ts";
import { registerInstallServer } from "./install_server.ts";
import { registerDeployConfig } from "./deploy_config.ts";
import { registerInitializeKeys } from "./initialize_keys.ts";
import { registerGetDeploymentStatus } from "./get_deployment_status.ts";
import { registerListDeploymentHistory } from "./list_deployment_history.ts";
import { registerGetDeploymentDetails } from "./get_deployment_details.ts";
import { registerRollbackDeployment } from "./rollback_deployment.ts";
import { registerVerifyConfig } from "./verify_config.ts";
import { registerConnectClient } from "./connect_client.ts";
import { registerImportRegistryServer } from "./import_registry_server.ts";
import { registerCheckServerHealth } from "./check_server_health.ts";

/** The registrations, each `(server, deps) => void`. */
export const TOOLS: ((server: McpServer, deps: Deps) => void)[] = [
  registerListClients,
  registerListProfiles,
  registerGetConfig,
  registerDiffConfig,
  registerListAvailableServers,
  registerDescribeServer,
  registerAddServerToConfig,
  registerRemoveServerFromConfig,
  registerViewDraftConfig,
  registerClearDraftConfig,
  registerValidateConfig,
  registerPublishConfig,
  registerDeployConfig,
  registerInitializeKeys,
  registerCheckServerInstallation,
  registerGetDeploymentStatus,
  registerListDeploymentHistory,
  registerGetDeploymentDetails,
  registerRollbackDeployment,
  registerVerifyConfig,
  registerImportClientConfig,
  registerInstallServer,
  registerConnectClient,
  registerImportRegistryServer,
  registerCheckServerHealth,
];
