/** get-config / get_config: the latest (or a given) signed artifact of a client/profile, verified. */
import { bind, defineSpec } from "../spec.ts";
import { ARTIFACT, ARTIFACT_ID, CLIENT_ID, PROFILE_ID } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "get-config",
    description: "Show the latest (or a given) signed artifact of a client/profile",
    examples: [
      ["cursor", "the latest publish of cursor's default profile, after checking its signatures"],
      ["cursor work --artifact-id 3f2a9c1e", "an earlier artifact of the work profile, by id prefix"],
    ],
  },
  mcp: {
    tool: "get_config",
    title: "Get published configuration",
    description:
      "Return the latest published (signed) configuration of a client/profile, or a given artifact, " +
      "after checking its signature. The payload is the neutral mcpServers form.",
    kind: "read",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "<client>", description: "client id", complete: "client" },
      mcp: CLIENT_ID,
    },
    profile: {
      kind: "text",
      cli: { flag: "[profile]", description: "profile name", default: "default" },
      mcp: PROFILE_ID,
    },
    artifactId: {
      kind: "text",
      cli: { flag: "--artifact-id <id>", description: "a specific artifact (id or unique prefix of 8+)" },
      mcp: ARTIFACT_ID,
    },
  },
  output: ARTIFACT,
});

export const op = bind(spec, () => import("../get_config.ts"), (m, deps, input) => m.getConfig(deps, input));
