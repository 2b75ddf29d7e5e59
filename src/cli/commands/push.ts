/** push: the text form of its result (the command is declared by src/ops/specs/push.ts). */
import { op } from "../../ops/specs/push.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

export const text: TextOf<typeof op> = (r) => {
  const lines = r.profiles.map((p) =>
    `  ${p.client_id}/${p.profile_id} v${p.version} ${
      p.status === "pushed"
        ? `pushed (remote had ${p.remote_version === null ? "none" : `v${p.remote_version}`})`
        : "unchanged"
    }`
  );
  if (r.status === "unchanged") {
    return [`Nothing to push to ${r.remote} (${r.url}): it has these versions`, ...lines].join("\n");
  }
  return [
    `Pushed to ${r.remote} (${r.url}): commit ${
      r.commit!.slice(0, 12)
    }, ${r.artifacts_added} artifact(s) added`,
    ...lines,
  ].join("\n");
};
