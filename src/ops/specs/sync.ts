/** sync / sync_profiles: pull, then deploy every profile a client target follows and is behind on. */
import { arr, bind, bool, defineSpec, nullable, num, obj, oneOf, optional, str } from "../spec.ts";
import { PULL_RESULT, REMOTE } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "sync",
    description:
      "Pull from a remote, then deploy the latest publish of every profile a client target on this machine follows (for cron and CI: --format json, exit codes)",
    examples: [
      ["", "pull from the only remote (or origin), then bring every target that is behind up to date"],
      ["team --format json", "the same from remote team, as one JSON document; exit code the worst of all"],
      ["--dry-run", "pull, then show what each deploy would change without writing client files"],
    ],
  },
  mcp: {
    tool: "sync_profiles",
    title: "Pull and deploy followed profiles",
    description:
      "pull_profiles on a configured remote, then, for every client config file on this machine that a " +
      "profile was deployed to (status: follows), deploy that profile's latest publish when the file is " +
      "behind it. A target whose file drifted is refused (drift_detected) and left alone; the others go " +
      "on. Nothing is deployed to a client that was never deployed to (deploy_config does the first deploy).",
    kind: "destructive",
    openWorld: true,
  },
  input: {
    remote: REMOTE,
    dryRun: {
      kind: "flag",
      cli: {
        flag: "--dry-run",
        description: "pull, then show each deploy's change without writing client files",
      },
      mcp: { name: "dry_run", description: "Pull, then preview each deploy without writing client files" },
    },
  },
  output: obj({
    pull: PULL_RESULT,
    deploys: arr(obj({
      client_id: str,
      profile_id: str,
      follows: str,
      config_path: str,
      status: oneOf("deployed", "unchanged", "dry_run", "up-to-date", "refused"),
      artifact_id: nullable(str),
      version: nullable(num),
      changes: optional(
        obj({ added: arr(str), updated: arr(str), removed: arr(str), unchanged: arr(str) }),
        "Server names the deploy adds, updates, removes and leaves (as deploy_config's changes)",
      ),
      diff: optional(
        str,
        "dry_run: the exact change to the client file, secret values redacted (as deploy_config's dry run)",
      ),
      needs_force: optional(bool, "dry_run over drift: the deploy would stop with drift_detected"),
      warnings: optional(arr(str)),
      error: optional(str),
      message: optional(str),
    })),
    exit_code: num,
  }),
});

export const op = bind(spec, () => import("../sync.ts"), (m, deps, input) => m.sync(deps, input));
