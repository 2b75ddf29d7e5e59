/** diff-config / diff_config: the latest publish against the draft, a file, an artifact or the deployed one. */
import { AppError } from "../../core/errors.ts";
import { absent, anyObject, arr, bind, defineSpec, type InputOf, obj, str } from "../spec.ts";
import { ARTIFACT_ID, CLIENT_ID, PROFILE_ID } from "./common.ts";

const MODES = ["draft", "file", "artifact", "deployed"] as const;

export const spec = defineSpec({
  cli: {
    command: "diff-config",
    description:
      "Compare the latest publish with the draft (default), a local file, an artifact or the last deploy",
    examples: [
      ["cursor", "how cursor's draft differs from its latest publish"],
      ["cursor --deployed", "whether the latest publish is what was last deployed"],
      ["cursor work --file ./mcp.json", "the latest publish of the work profile against a local file"],
    ],
  },
  mcp: {
    tool: "diff_config",
    title: "Compare configurations",
    description: "Compare the latest published configuration of a client/profile with the draft (default), " +
      "a local file, another artifact, or what is deployed in the client's file: servers added, removed, " +
      "modified (field paths like args[0], env.KEY), unchanged, a status (up-to-date / outdated / diverged) " +
      "and a recommendation. Secret values are redacted.",
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
    mode: {
      kind: "text",
      choices: MODES,
      cli: absent("the CLI names the other side with one flag: --draft, --file, --artifact-id or --deployed"),
      mcp: {
        name: "mode",
        description:
          '"draft" (default), "file" (with file_path), "artifact" (with artifact_id) or "deployed"',
        default: "draft",
      },
    },
    payload: {
      kind: "json",
      cli: absent("the CLI compares a local file: --file"),
      mcp: {
        name: "local_payload",
        description:
          'An inline configuration to compare with the latest publish: {"mcpServers": {...}} in the artifact\'s ' +
          "form (as get_config returns it), as an object or a JSON string. Takes the place of mode.",
      },
    },
    file: {
      kind: "text",
      cli: { flag: "--file <path>", description: "a local client config file" },
      mcp: { name: "file_path", description: 'With mode "file": a JSON file with an mcpServers object' },
    },
    artifactId: {
      kind: "text",
      cli: { flag: "--artifact-id <id>", description: "a stored artifact (id or unique prefix)" },
      mcp: ARTIFACT_ID,
    },
    draft: {
      kind: "flag",
      cli: { flag: "--draft", description: "the draft (default)" },
      mcp: absent('mode "draft"'),
    },
    deployed: {
      kind: "flag",
      cli: { flag: "--deployed", description: "the artifact last deployed for this client/profile" },
      mcp: absent('mode "deployed"'),
    },
  },
  output: obj({
    client_id: str,
    profile_id: str,
    status: str,
    servers_added: arr(str),
    servers_removed: arr(str),
    servers_modified: arr(anyObject),
    servers_unchanged: arr(str),
    summary: str,
    recommendation: str,
  }),
});

/** The mode MCP names, or the one CLI flag given (at most one). */
function modeOf(i: InputOf<typeof spec>): (typeof MODES)[number] | "payload" {
  if (i.payload !== undefined) {
    if (i.mode !== undefined && i.mode !== "draft") {
      throw new AppError(
        "invalid_input",
        `local_payload takes the place of mode "${i.mode}": give one of them`,
      );
    }
    return "payload";
  }
  if (i.mode !== undefined) return i.mode;
  const modes: (typeof MODES)[number][] = [];
  if (i.file) modes.push("file");
  if (i.artifactId) modes.push("artifact");
  if (i.draft) modes.push("draft");
  if (i.deployed) modes.push("deployed");
  if (modes.length > 1) {
    throw new AppError("usage", "Give at most one of --file, --artifact-id, --draft, --deployed");
  }
  return modes[0] ?? "draft";
}

export const op = bind(
  spec,
  () => import("../diff_config.ts"),
  (m, deps, input) =>
    m.diffConfig(deps, {
      client: input.client,
      profile: input.profile,
      mode: modeOf(input),
      payload: input.payload,
      file: input.file,
      artifactId: input.artifactId,
    }),
);
