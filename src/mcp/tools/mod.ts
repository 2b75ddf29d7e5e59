/** Every tool, in the order `tools/list` shows them. Each file registers one tool over one op. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Deps } from "../../platform/deps.ts";
import type { McpSpec, Op } from "../../ops/spec.ts";
import { op as listClients } from "../../ops/specs/list_clients.ts";
import { op as listProfiles } from "../../ops/specs/list_profiles.ts";
import { op as getConfig } from "../../ops/specs/get_config.ts";
import { op as listServers } from "../../ops/specs/list_servers.ts";
import { op as describeServer } from "../../ops/specs/describe_server.ts";
import { op as addServer } from "../../ops/specs/add_server.ts";
import { op as viewDraft } from "../../ops/specs/view_draft.ts";
import { op as clearDraft } from "../../ops/specs/clear_draft.ts";
import { op as removeServer } from "../../ops/specs/remove_server.ts";
import { op as validateConfig } from "../../ops/specs/validate_config.ts";
import { op as publishConfig } from "../../ops/specs/publish_config.ts";
import { op as importConfig } from "../../ops/specs/import_config.ts";
import { op as diffConfig } from "../../ops/specs/diff_config.ts";
import { op as checkInstall } from "../../ops/specs/check_install.ts";
import { op as installServer } from "../../ops/specs/install_server.ts";
import { registerDeployConfig } from "./deploy_config.ts";
import { op as init } from "../../ops/specs/init.ts";
import { op as status } from "../../ops/specs/status.ts";
import { registerListDeploymentHistory } from "./list_deployment_history.ts";
import { registerGetDeploymentDetails } from "./get_deployment_details.ts";
import { registerRollbackDeployment } from "./rollback_deployment.ts";
import { registerVerifyConfig } from "./verify_config.ts";
import { registerConnectClient } from "./connect_client.ts";
import { op as registryImport } from "../../ops/specs/registry_import.ts";

/** The tools, in the order tools/list shows them: an operation (its spec says how MCP takes it), or a
 * registration `(server, deps) => void`. */
export const TOOLS: (((server: McpServer, deps: Deps) => void) | Op<McpSpec>)[] = [
  listClients,
  listProfiles,
  getConfig,
  diffConfig,
  listServers,
  describeServer,
  addServer,
  removeServer,
  viewDraft,
  clearDraft,
  validateConfig,
  publishConfig,
  registerDeployConfig,
  init,
  checkInstall,
  status,
  registerListDeploymentHistory,
  registerGetDeploymentDetails,
  registerRollbackDeployment,
  registerVerifyConfig,
  importConfig,
  installServer,
  registerConnectClient,
  registryImport,
];
