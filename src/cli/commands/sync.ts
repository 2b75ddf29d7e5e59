/** sync: the text form of its result and its exit code (declared by src/ops/specs/sync.ts). */
import { op } from "../../ops/specs/sync.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
import { colorDiff } from "../style.ts";
import { pullText } from "./pull.ts";

export { op };

export const text: TextOf<typeof op> = (r, s) => {
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : "-");
  const lines = r.deploys.flatMap((d) => {
    const head = `  ${d.client_id} ${d.config_path} follows ${d.follows}: ${d.status}${
      d.version !== null ? ` (v${d.version})` : ""
    }${d.message ? `: ${d.message}` : ""}`;
    if (d.status !== "dry_run") return [head];
    // What the deploy would change, as deploy-config --dry-run shows it (the diff redacted by the engine).
    const c = d.changes;
    return [
      head,
      ...(c
        ? [
          `    added: ${list(c.added)}; updated: ${list(c.updated)}; removed: ${list(c.removed)}; ` +
          `unchanged: ${list(c.unchanged)}`,
        ]
        : []),
      ...(d.warnings ?? []).map((w) => `    warning: ${w}`),
      ...(d.diff ? colorDiff(d.diff, s).split("\n").map((l) => `    ${l}`) : ["    (no change to the file)"]),
    ];
  });
  return [
    pullText(r.pull),
    r.deploys.length
      ? "Deploys:"
      : "No client target follows a profile here (deploy-config does the first deploy)",
    ...lines,
  ]
    .join("\n");
};

export const exitCode: ExitCodeOf<typeof op> = (r) => r.exit_code;
