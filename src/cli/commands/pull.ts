/** pull: the text form of its result and its exit code (declared by src/ops/specs/pull.ts). */
import { op } from "../../ops/specs/pull.ts";
import type { ResultOf } from "../../ops/spec.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
import { exitCodeFor } from "../../core/errors.ts";

export { op };

type Pulled = ResultOf<typeof op>;

/** The text of a pull (shared by sync's text). */
export function pullText(r: Pulled): string {
  if (r.status === "empty") return `${r.remote} (${r.url}) holds no profiles yet`;
  if (r.status === "up-to-date") return `Up to date with ${r.remote} (${r.url}) at ${r.commit!.slice(0, 12)}`;
  const head =
    `Pulled ${r.remote} (${r.url}) at ${
      r.commit!.slice(0, 12)
    }: ${r.changed_paths} changed path(s) verified, ` +
    `${r.artifacts_added} artifact(s) added`;
  const lines = r.profiles.map((p) =>
    `  ${p.client_id}/${p.profile_id} v${p.version} ${p.status}${
      p.local_version !== null && p.status !== "unchanged" ? ` (local v${p.local_version})` : ""
    }, signed by ${p.signer_name ? `${p.signer_name} (${p.signed_by})` : p.signed_by}${
      p.detail ? `: ${p.detail}` : ""
    }`
  );
  return [head, ...lines].join("\n");
}

export const text: TextOf<typeof op> = (r) => pullText(r);

/** A conflict is exit 6 (the profiles that did not conflict were taken). */
export const exitCode: ExitCodeOf<typeof op> = (r) => r.conflicts > 0 ? exitCodeFor("conflict") : 0;
