/** diff-config: the text form of its result (the command is declared by src/ops/specs/diff_config.ts). */
import { op } from "../../ops/specs/diff_config.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

const show = (v: unknown) => (v === null ? "(none)" : JSON.stringify(v));

export const text: TextOf<typeof op> = (r, s) =>
  [
    `Status: ${r.status}`,
    r.summary,
    ...r.servers_added.map((n) => s.green(`  + ${n}`)),
    ...r.servers_removed.map((n) => s.red(`  - ${n}`)),
    ...r.servers_modified.flatMap((m) => [
      s.yellow(`  ~ ${m.name}`),
      ...m.changes.map((c) => `      ${c.path}: ${show(c.old)} -> ${show(c.new)}`),
    ]),
    `Recommendation: ${r.recommendation}`,
  ].join("\n");
