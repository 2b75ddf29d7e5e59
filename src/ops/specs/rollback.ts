/** rollback / rollback_deployment: deploy an earlier artifact, or restore a file's exact pre-image. */
import { absent, bind, defineSpec } from "../spec.ts";
import {
  ARTIFACT_ID,
  DEPLOY_RESULT,
  NO_PATH_OVER_MCP,
  PROJECT_DIR,
  SCOPE,
  WRITE_CLIENT_ID,
} from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "rollback",
    description:
      "Deploy an earlier artifact (default: the one before the current), or restore a file's exact pre-image",
    examples: [
      ["--client cursor --dry-run", "show what going back to the previous artifact would change"],
      ["--client cursor --to 20260301T091500123Z-4f9a1c", "go back to what that deployment wrote"],
      [
        "--client cursor --restore 20260301T091500123Z-4f9a1c",
        "put back the bytes the file had before that deployment",
      ],
    ],
  },
  mcp: {
    tool: "rollback_deployment",
    title: "Roll back a deployment",
    description:
      "Deploy an earlier artifact to a client through the same safe protocol: by default the one " +
      "before the current; or the artifact of to_deployment_id; or artifact_id. With restore_deployment_id, " +
      "put back the exact bytes the file had before that deployment (only if the file has not changed since).",
    kind: "destructive",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "client id", required: true, complete: "client" },
      mcp: WRITE_CLIENT_ID,
    },
    to: {
      kind: "text",
      cli: { flag: "--to <deployment-id>", description: "go back to the artifact of this deployment" },
      mcp: { name: "to_deployment_id", description: "Go back to the artifact this deployment wrote" },
    },
    artifactId: {
      kind: "text",
      cli: { flag: "--artifact-id <id>", description: "go back to this artifact" },
      mcp: ARTIFACT_ID,
    },
    restore: {
      kind: "text",
      cli: {
        flag: "--restore <deployment-id>",
        description: "put back the exact bytes the file had before this deployment",
      },
      mcp: {
        name: "restore_deployment_id",
        description: "Restore the file's bytes from before this deployment",
      },
    },
    dryRun: {
      kind: "flag",
      cli: { flag: "--dry-run", description: "print the change and write nothing" },
      mcp: { name: "dry_run", description: "Only show what would change; write nothing", default: false },
    },
    force: {
      kind: "flag",
      cli: { flag: "--force", description: "overwrite drifted entries" },
      mcp: {
        name: "force",
        description: "Overwrite entries that were edited by hand (drift)",
        default: false,
      },
    },
    scope: {
      kind: "text",
      choices: ["user", "project"],
      cli: { flag: "--scope <scope>", description: "user or project" },
      mcp: SCOPE,
    },
    projectDir: {
      kind: "text",
      cli: { flag: "--project-dir <dir>", description: "project folder for --scope project" },
      mcp: PROJECT_DIR,
    },
    configPath: {
      kind: "text",
      cli: {
        flag: "--config-path <file>",
        description: "the file to roll back (default: the last one deployed)",
      },
      mcp: absent(NO_PATH_OVER_MCP),
    },
    secrets: {
      kind: "text",
      choices: ["reference", "literal"],
      cli: {
        flag: "--secrets <mode>",
        description: "reference or literal (default: the mode of the deployment rolled back from)",
      },
      mcp: {
        name: "secrets",
        description:
          '"reference": the client\'s ${VAR} syntax where it has one; "literal": the stored values ' +
          "(default: the mode of the deployment rolled back from)",
      },
    },
  },
  output: DEPLOY_RESULT,
});

export const op = bind(spec, () => import("../rollback.ts"), (m, deps, input) => m.rollback(deps, input));
