/** verify / verify_config: check an artifact's id, signatures and signed index, or the whole state folder. */
import { arr, bind, bool, defineSpec, literal, nullable, num, obj, optional, record, str } from "../spec.ts";
import { ARTIFACT_ID } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "verify",
    description:
      "Verify an artifact: id = hash of payload, signatures by a trusted key, listed in a signed index",
    examples: [
      ["--client cursor", "the latest publish of cursor's default profile"],
      ["3f2a9c1e", "one artifact, by id or unique prefix"],
      ["--all", "every artifact, index, deployment record, backup and file mode of the state folder"],
    ],
  },
  mcp: {
    tool: "verify_config",
    title: "Verify a published configuration",
    description:
      "Verify an artifact: its id is the hash of its payload, its signatures come from a trusted key, " +
      "and a signed profile index lists it; `signer` names who signed it (key id and trust name). Give artifact_id, or client_id (and profile_id) for the latest publish. " +
      "With all: true, check the whole state folder instead (every artifact, index, deployment record, backup and file mode).",
    kind: "read",
  },
  input: {
    artifactId: {
      kind: "text",
      cli: { flag: "[artifact-id]", description: "artifact id or unique prefix (8+ hex)" },
      mcp: ARTIFACT_ID,
    },
    client: {
      kind: "text",
      cli: {
        flag: "--client <id>",
        description: "verify the latest publish of this client",
        complete: "client",
      },
      mcp: { name: "client_id", description: "Verify the latest publish of this client" },
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "profile (with --client)", default: "default" },
      mcp: {
        name: "profile_id",
        description: 'Profile, with client_id. Default "default".',
        default: "default",
      },
    },
    all: {
      kind: "flag",
      cli: {
        flag: "--all",
        description: "check the whole state folder: artifacts, indexes, deployments, backups, file modes",
      },
      mcp: {
        name: "all",
        description: "Check the whole state folder (give no artifact_id or client_id with it)",
      },
    },
  },
  output: obj({
    status: literal("verified"),
    artifact_id: optional(str, "The artifact checked (not with all)"),
    signing_key_id: optional(str),
    signer: optional(
      obj({ key_id: str, name: nullable(str), trusted: bool, own: bool }),
      "Who signed the artifact: key id, the name it was trusted under (trust add --name), this machine's own key or not (not with all)",
    ),
    indexed_in: optional(arr(obj({ client_id: str, profile_id: str, version: num, legacy: optional(bool) }))),
    checks: optional(arr(str)),
    legacy: optional(
      bool,
      "An artifact of the Python tool: verified by payload hash and payload signature only (not with all)",
    ),
    legacy_key_label: optional(str),
    legacy_artifacts: optional(
      arr(str),
      "With all: ids of artifacts of the Python tool (payload signature only)",
    ),
    legacy_indexes: optional(
      arr(str),
      "With all: client/profile of the Python tool's unsigned profile indexes",
    ),
    checked: optional(record(num), "With all: how many of each thing were checked"),
    warnings: optional(
      arr(obj({ check: str, path: str, message: str })),
      "With all: leftovers of interrupted commands and settings worth fixing",
    ),
  }),
});

/** One artifact, or with `all` the whole state folder; each module loads only when its case runs. */
export const op = bind(
  spec,
  () => Promise.resolve({ all: () => import("../verify_all.ts"), one: () => import("../verify.ts") }),
  async (m, deps, input) =>
    input.all
      ? (await m.all()).verifyAllInput(deps, { artifactId: input.artifactId, client: input.client })
      : (await m.one()).verifyOp(deps, {
        artifactId: input.artifactId,
        client: input.client,
        profile: input.profile,
      }),
);
