/** connect: the text form of its result (the command is declared by src/ops/specs/connect.ts). */
import { op } from "../../ops/specs/connect.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  (r.status === "connected" ? "Connected\n" : "Already connected\n") + fields([
    ["client", r.client_id],
    ["config path", r.config_path],
    ["server", r.server_name],
    ["command", [r.command, ...r.args].join(" ")],
  ]) + `\nNext: ${r.restart_hint}`;
