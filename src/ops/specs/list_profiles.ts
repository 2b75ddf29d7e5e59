/** list-profiles / list_profiles: a client's profiles with a draft or a publish. */
import { arr, bind, bool, defineSpec, nullable, num, obj, str } from "../spec.ts";
import { CLIENT_ID } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "list-profiles",
    description: "List a client's profiles with a draft or a publish",
    examples: [["cursor", "cursor's profiles: draft or not, versions, latest artifact"]],
  },
  mcp: {
    tool: "list_profiles",
    title: "List profiles",
    description: "List the profiles of a client that have a draft or a published configuration, with the " +
      "number of published versions and the latest artifact.",
    kind: "read",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "<client>", description: "client id", complete: "client" },
      mcp: CLIENT_ID,
    },
  },
  output: obj({
    client_id: str,
    count: num,
    profiles: arr(obj({
      profile_id: str,
      has_draft: bool,
      published_versions: num,
      latest_artifact_id: nullable(str),
      latest_published_at: nullable(str),
    })),
  }),
});

export const op = bind(
  spec,
  () => import("../list_profiles.ts"),
  (m, deps, input) => m.listProfiles(deps, input),
);
