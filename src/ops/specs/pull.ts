/** pull / pull_profiles: fetch signed profiles from a remote, verify everything, then take them. */
import { bind, defineSpec } from "../spec.ts";
import { PULL_RESULT, REMOTE } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "pull",
    description:
      "Fetch signed profiles from a remote and take them once everything verifies (ids, signatures, a trusted signer, no rollback); conflicts are reported, never merged",
    examples: [
      ["", "pull from the only remote (or origin)"],
      ["team --format json", "pull from remote team; exit 6 when a profile conflicts with a local one"],
    ],
  },
  mcp: {
    tool: "pull_profiles",
    title: "Pull profiles from a remote",
    description:
      "Fetch a configured remote (list_remotes) and verify, before anything is written: every changed " +
      "path is a plain file of the profile layout, every artifact's id and signatures, every index and head, " +
      "each signed by a key already trusted here (a key arriving with the pull is never trusted), and no " +
      "profile older than one pulled before (rollback_refused). Then new and newer profiles are taken; a " +
      "local profile with another history is reported as a conflict and left alone. Deploys nothing " +
      "(sync_profiles does).",
    kind: "write",
    idempotent: true,
    openWorld: true,
  },
  input: {
    remote: REMOTE,
  },
  output: PULL_RESULT,
});

export const op = bind(spec, () => import("../pull.ts"), (m, deps, input) => m.pull(deps, input));
