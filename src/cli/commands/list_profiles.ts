/** list-profiles: the text form of its result (the command is declared by src/ops/specs/list_profiles.ts). */
import { op } from "../../ops/specs/list_profiles.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  r.profiles.length === 0 ? `No profiles for ${r.client_id} yet` : `Profiles of ${r.client_id}:\n` + table([
    ["PROFILE", "DRAFT", "VERSIONS", "LATEST ARTIFACT", "PUBLISHED"],
    ...r.profiles.map((p) => [
      p.profile_id,
      p.has_draft ? "yes" : "no",
      String(p.published_versions),
      p.latest_artifact_id?.slice(0, 12) ?? "-",
      p.latest_published_at ?? "-",
    ]),
  ]);
