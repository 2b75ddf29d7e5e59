/** list-clients: the text form of its result (the command is declared by src/ops/specs/list_clients.ts). */
import { op } from "../../ops/specs/list_clients.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  table([
    ["CLIENT", "NAME", "INSTALLED", "REMOTE", "SECRETS", "PROFILES", "CONFIG", "LOGS"],
    ...r.clients.map((c) => [
      c.client_id,
      c.display_name + (c.deprecated ? " (deprecated)" : ""),
      c.installed ? "yes" : "no",
      c.remote_servers,
      c.secret_references,
      c.profiles.join(",") || "-",
      c.config_path ?? "-",
      c.log_folder ? `${c.log_folder}${c.log_verified ? "" : " (not verified)"}` : "-",
    ]),
  ], "");
