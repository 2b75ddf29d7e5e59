/** Every command, in the order help lists them. */
import type { Command } from "commander";
import type { CliEnv } from "../context.ts";
import { register as init } from "./init.ts";
import { register as listProfiles } from "./list_profiles.ts";
import { register as publishConfig } from "./publish_config.ts";
import { register as getConfig } from "./get_config.ts";
import { register as verify } from "./verify.ts";

export const COMMANDS: ((program: Command, env: CliEnv) => void)[] = [
  init,
  listProfiles,
  publishConfig,
  getConfig,
  verify,
];
