/** Every tool, in the order `tools/list` shows them: each an operation whose spec (src/ops/specs/) says how
 * MCP takes it (src/mcp/zod_spec.ts builds the schemas). */
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
import { op as setServer } from "../../ops/specs/set_server.ts";
import { op as disableServer } from "../../ops/specs/disable_server.ts";
import { op as enableServer } from "../../ops/specs/enable_server.ts";
import { op as validateConfig } from "../../ops/specs/validate_config.ts";
import { op as publishConfig } from "../../ops/specs/publish_config.ts";
import { op as importConfig } from "../../ops/specs/import_config.ts";
import { op as diffConfig } from "../../ops/specs/diff_config.ts";
import { op as checkInstall } from "../../ops/specs/check_install.ts";
import { op as installServer } from "../../ops/specs/install_server.ts";
import { op as deployConfig } from "../../ops/specs/deploy_config.ts";
import { op as init } from "../../ops/specs/init.ts";
import { op as status } from "../../ops/specs/status.ts";
import { op as history } from "../../ops/specs/history.ts";
import { op as deploymentDetails } from "../../ops/specs/deployment_details.ts";
import { op as rollback } from "../../ops/specs/rollback.ts";
import { op as verify } from "../../ops/specs/verify.ts";
import { op as listTrustedKeys } from "../../ops/specs/trust_list.ts";
import { op as connect } from "../../ops/specs/connect.ts";
import { op as registryImport } from "../../ops/specs/registry_import.ts";
import { op as syncRegistry } from "../../ops/specs/registry_sync.ts";
import { op as doctor } from "../../ops/specs/doctor.ts";
import { op as readClientLogs } from "../../ops/specs/logs.ts";
import { op as listRemotes } from "../../ops/specs/remote.ts";
import { op as pushProfiles } from "../../ops/specs/push.ts";
import { op as pullProfiles } from "../../ops/specs/pull.ts";
import { op as syncProfiles } from "../../ops/specs/sync.ts";

export const TOOLS: Op<McpSpec>[] = [
  listClients,
  listProfiles,
  getConfig,
  diffConfig,
  listServers,
  describeServer,
  addServer,
  removeServer,
  setServer,
  disableServer,
  enableServer,
  viewDraft,
  clearDraft,
  validateConfig,
  publishConfig,
  deployConfig,
  init,
  checkInstall,
  status,
  history,
  deploymentDetails,
  rollback,
  verify,
  listTrustedKeys,
  importConfig,
  installServer,
  connect,
  registryImport,
  syncRegistry,
  readClientLogs,
  doctor,
  listRemotes,
  pushProfiles,
  pullProfiles,
  syncProfiles,
];
