/** status / get_deployment_status: latest publish vs last deploy vs the file on disk, per client target. */
import { arr, bind, bool, defineSpec, literal, nullable, obj, optional, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "status",
    description: "Latest publish vs last deploy vs the file on disk, per client target",
    examples: [
      [
        "--client opencode",
        "opencode's targets; shadowed names a file (opencode.jsonc) whose entry wins over ours",
      ],
      [
        "",
        "every client target: up-to-date, outdated (behind the profile it follows), drifted, not-deployed, " +
        "replaced, missing-file, untrusted (its signer's key was removed); who signed what is deployed",
      ],
      ["--client cursor --profile work", "one target"],
    ],
  },
  mcp: {
    tool: "get_deployment_status",
    title: "Deployment status",
    description:
      "For each client target: the latest published artifact, the last deployed one and what the " +
      "file holds now: up-to-date, outdated (newer publish, or a secret written as a value was rotated: rotated_secrets), drifted (our entries edited; which ones), " +
      "not-deployed, replaced (another profile deployed to the file since), missing-file, untrusted (the " +
      "deployed artifact's signer is no longer trusted: the file is left as it is, and nothing signed by " +
      "that key deploys again). `signed_by` names the deployed artifact's signer (key id, trust name). `follows` is the " +
      "client/profile whose publishes the target follows (another client's when its artifact was deployed " +
      "here) and `behind` says a newer publish of it exists (latest_artifact_id). Without client_id, every client. " +
      "State shadowed: another file the client merges (opencode.jsonc, Claude Code's local scope or .mcp.json, " +
      "a workspace file) overrides an entry of ours; shadowed_servers names each server and file.",
    kind: "read",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "only this client", complete: "client" },
      mcp: { name: "client_id", description: "Only this client (default: every client)" },
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "only this profile" },
      mcp: { name: "profile_id", description: "Only this profile" },
    },
  },
  output: obj({
    targets: arr(obj({
      client_id: str,
      profile_id: str,
      state: str,
      latest_artifact_id: nullable(str),
      deployed_artifact_id: nullable(str),
      shadowed_servers: arr(
        obj({ server: str, file: str, place: str }),
        "Entries of ours that another file the client merges overrides (state shadowed unless drifted)",
      ),
      rotated_secrets: optional(
        arr(str, "secrets written as values whose stored value changed since (names): outdated"),
      ),
      follows: nullable(str),
      behind: bool,
      signed_by: nullable(
        obj({ key_id: str, name: nullable(str), trusted: bool, own: bool }),
      ),
    })),
    pins: arr(
      obj({ server: str, last_check: literal("changed"), checked_at: str }),
      "Pinned servers whose last CLI `doctor` found their tools changed since the pin",
    ),
  }),
});

export const op = bind(spec, () => import("../status.ts"), (m, deps, input) => m.status(deps, input));
