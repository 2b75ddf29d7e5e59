/** push / push_profiles: commit signed profiles into a remote repository and push them (never forced). */
import { arr, bind, defineSpec, nullable, num, obj, oneOf, str } from "../spec.ts";
import { REMOTE } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "push",
    description:
      "Push signed profiles (index, head, artifacts, the signers' public keys) to a remote: one commit per push, never forced",
    examples: [
      ["--client claude-code --profile team", "push one profile to the only remote (or origin)"],
      ["origin --all", "push every published profile to origin in one commit"],
      ["team --client cursor --format json", "cursor's default profile to remote team, as JSON"],
    ],
  },
  mcp: {
    tool: "push_profiles",
    title: "Push profiles to a remote",
    description:
      "Commit a published profile's signed index, head and artifacts (and the signers' public keys) into a " +
      "remote git repository already configured (list_remotes) and push, never forced. A remote that holds a " +
      "newer version, or a history this profile does not extend, is refused with push_rejected. Git runs with " +
      "the user's own credentials and never prompts.",
    kind: "write",
    openWorld: true,
  },
  input: {
    remote: REMOTE,
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "the client whose profile to push", complete: "client" },
      mcp: { name: "client_id", description: "The client whose profile to push (or all: true)" },
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "profile name (default: default)" },
      mcp: { name: "profile_id", description: 'Profile name (default "default")' },
    },
    all: {
      kind: "flag",
      cli: { flag: "--all", description: "every published profile, in one commit" },
      mcp: { name: "all", description: "Push every published profile in one commit" },
    },
  },
  output: obj({
    remote: str,
    url: str,
    status: oneOf("pushed", "unchanged"),
    commit: nullable(str),
    message: nullable(str),
    profiles: arr(obj({
      client_id: str,
      profile_id: str,
      status: oneOf("pushed", "unchanged"),
      version: num,
      artifact_id: str,
      remote_version: nullable(num),
    })),
    artifacts_added: num,
    files_written: num,
  }),
});

export const op = bind(spec, () => import("../push.ts"), (m, deps, input) => m.push(deps, input));
