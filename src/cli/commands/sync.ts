/** sync: the text form of its result and its exit code (declared by src/ops/specs/sync.ts). */
import { op } from "../../ops/specs/sync.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
import { pullText } from "./pull.ts";

export { op };

export const text: TextOf<typeof op> = (r) => {
  const lines = r.deploys.map((d) =>
    `  ${d.client_id} ${d.config_path} follows ${d.follows}: ${d.status}${
      d.version !== null ? ` (v${d.version})` : ""
    }${d.message ? `: ${d.message}` : ""}`
  );
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
