/**
 * Every command, in the order help lists them. A command's module (and through it, its operation) is
 * loaded only when that command runs, or when help or completions need all of them. They load by URL,
 * not by literal specifier, so `deno run` does not walk their graphs at start-up; `deno task compile`
 * embeds every file of this folder with --include, and `deno check` follows the `typeof import` types.
 */
import type { CommandModule } from "../from_spec.ts";

const load = <T>(path: string): Promise<T> => import(new URL(path, import.meta.url).href);

export const COMMANDS: [name: string, load: () => Promise<CommandModule>][] = [
  ["init", () => load<typeof import("./init.ts")>("./init.ts")],
  ["list-clients", () => load<typeof import("./list_clients.ts")>("./list_clients.ts")],
  ["list-profiles", () => load<typeof import("./list_profiles.ts")>("./list_profiles.ts")],
  ["list-servers", () => load<typeof import("./list_servers.ts")>("./list_servers.ts")],
  ["describe-server", () => load<typeof import("./describe_server.ts")>("./describe_server.ts")],
  ["registry", () => load<typeof import("./registry.ts")>("./registry.ts")],
  ["check-install", () => load<typeof import("./check_install.ts")>("./check_install.ts")],
  ["install-server", () => load<typeof import("./install_server.ts")>("./install_server.ts")],
  ["add-server", () => load<typeof import("./add_server.ts")>("./add_server.ts")],
  ["remove-server", () => load<typeof import("./remove_server.ts")>("./remove_server.ts")],
  ["set-server", () => load<typeof import("./set_server.ts")>("./set_server.ts")],
  ["disable-server", () => load<typeof import("./disable_server.ts")>("./disable_server.ts")],
  ["enable-server", () => load<typeof import("./enable_server.ts")>("./enable_server.ts")],
  ["view-draft", () => load<typeof import("./view_draft.ts")>("./view_draft.ts")],
  ["clear-draft", () => load<typeof import("./clear_draft.ts")>("./clear_draft.ts")],
  ["import-config", () => load<typeof import("./import_config.ts")>("./import_config.ts")],
  ["validate-config", () => load<typeof import("./validate_config.ts")>("./validate_config.ts")],
  ["diff-config", () => load<typeof import("./diff_config.ts")>("./diff_config.ts")],
  ["publish-config", () => load<typeof import("./publish_config.ts")>("./publish_config.ts")],
  ["get-config", () => load<typeof import("./get_config.ts")>("./get_config.ts")],
  ["verify", () => load<typeof import("./verify.ts")>("./verify.ts")],
  ["trust", () => load<typeof import("./trust.ts")>("./trust.ts")],
  ["verify-release", () => load<typeof import("./verify_release.ts")>("./verify_release.ts")],
  ["deploy-config", () => load<typeof import("./deploy_config.ts")>("./deploy_config.ts")],
  ["status", () => load<typeof import("./status.ts")>("./status.ts")],
  ["history", () => load<typeof import("./history.ts")>("./history.ts")],
  ["rollback", () => load<typeof import("./rollback.ts")>("./rollback.ts")],
  ["doctor", () => load<typeof import("./doctor.ts")>("./doctor.ts")],
  ["logs", () => load<typeof import("./logs.ts")>("./logs.ts")],
  ["remote", () => load<typeof import("./remote.ts")>("./remote.ts")],
  ["push", () => load<typeof import("./push.ts")>("./push.ts")],
  ["pull", () => load<typeof import("./pull.ts")>("./pull.ts")],
  ["sync", () => load<typeof import("./sync.ts")>("./sync.ts")],
  ["connect", () => load<typeof import("./connect.ts")>("./connect.ts")],
  ["serve", () => load<typeof import("./serve.ts")>("./serve.ts")],
  ["completions", () => load<typeof import("./completions.ts")>("./completions.ts")],
];
