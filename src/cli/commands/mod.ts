/** Every command, in the order help lists them. */
import type { Command } from "commander";
import type { CliEnv } from "../context.ts";
import { register as init } from "./init.ts";
import { register as listProfiles } from "./list_profiles.ts";
import { register as publishConfig } from "./publish_config.ts";
import { register as getConfig } from "./get_config.ts";
import { register as verify } from "./verify.ts";
import { register as listClients } from "./list_clients.ts";
import { register as deployConfig } from "./deploy_config.ts";
import { register as status } from "./status.ts";
import { register as history } from "./history.ts";
import { register as rollback } from "./rollback.ts";
import { register as connect } from "./connect.ts";
import { register as serve } from "./serve.ts";
import { register as listServers } from "./list_servers.ts";
import { register as describeServer } from "./describe_server.ts";
import { register as registry } from "./registry.ts";
import { register as addServer } from "./add_server.ts";
import { register as removeServer } from "./remove_server.ts";
import { register as viewDraft } from "./view_draft.ts";
import { register as clearDraft } from "./clear_draft.ts";
import { register as validateConfig } from "./validate_config.ts";
import { register as importConfig } from "./import_config.ts";
import { register as diffConfig } from "./diff_config.ts";
import { register as checkInstall } from "./check_install.ts";
import { register as installServer } from "./install_server.ts";

export const COMMANDS: ((program: Command, env: CliEnv) => void)[] = [
  init,
  listClients,
  listProfiles,
  listServers,
  describeServer,
  registry,
  checkInstall,
  installServer,
  addServer,
  removeServer,
  viewDraft,
  clearDraft,
  importConfig,
  validateConfig,
  diffConfig,
  publishConfig,
  getConfig,
  verify,
  deployConfig,
  status,
  history,
  rollback,
  connect,
  serve,
];
