/** list-servers: the text form of its result (the command is declared by src/ops/specs/list_servers.ts). */
import { op } from "../../ops/specs/list_servers.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";

export { op };

/** " (deprecated)", or what the MCP registry says: " (deprecated upstream)", " (deleted upstream)". */
const flag = (s: { deprecated: boolean; upstream_status?: string }) =>
  s.upstream_status ? ` (${s.upstream_status} upstream)` : s.deprecated ? " (deprecated)" : "";

export const text: TextOf<typeof op> = (r) =>
  (r.count === 0 ? "No servers match" : `${r.count} server${r.count === 1 ? "" : "s"}:\n` + table([
    ["ID", "TRANSPORTS", "DESCRIPTION"],
    ...r.servers.map((
      s,
    ) => [s.id + flag(s), s.transports.join(","), s.description]),
  ])) + r.warnings.map((w) => `\nwarning: ${w}`).join("");
