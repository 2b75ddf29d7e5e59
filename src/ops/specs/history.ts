/** history / list_deployment_history: every deployment of a client, newest first (the CLI also shows one
 * deployment in full, which over MCP is get_deployment_details). */
import { AppError } from "../../core/errors.ts";
import { absent, arr, bind, cliOnlyResult, defineSpec, num, obj, str } from "../spec.ts";
import { CLIENT_ID, DEPLOYMENT_RECORD } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "history",
    description: "Every deployment of a client, newest first; or one deployment in full (--deployment)",
    examples: [
      ["--client cursor --limit 10", "cursor's last ten deployments, rollbacks and restores"],
      ["--deployment 20260301T091500123Z", "one deployment's whole record (an id or a unique prefix)"],
    ],
  },
  mcp: {
    tool: "list_deployment_history",
    title: "Deployment history",
    description:
      "Every deployment, rollback and restore of a client, newest first: deployment id, artifact, " +
      "profile, file, time and what changed.",
    kind: "read",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "client id", complete: "client" },
      mcp: CLIENT_ID,
    },
    profile: {
      kind: "text",
      cli: { flag: "--profile <name>", description: "only this profile" },
      mcp: { name: "profile_id", description: "Only deployments of this profile" },
    },
    limit: {
      kind: "number",
      cli: { flag: "--limit <n>", description: "at most N deployments", default: 50 },
      mcp: { name: "limit", description: "At most this many (default 50)", default: 50, int: true, min: 1 },
    },
    deployment: {
      kind: "text",
      cli: {
        flag: "--deployment <id>",
        description: "show this deployment's whole record instead (id or unique prefix)",
      },
      mcp: absent("one deployment is its own tool, get_deployment_details, whose result has another shape"),
    },
  },
  output: obj({ client_id: str, total: num, count: num, deployments: arr(DEPLOYMENT_RECORD) }),
});

/** With --deployment (CLI only), one deployment's record; otherwise the history, which needs a client. */
export const op = bind(spec, () => import("../history.ts"), async (m, deps, input) => {
  if (input.deployment !== undefined) {
    return await cliOnlyResult(m.deploymentDetails(deps, { deploymentId: input.deployment }));
  }
  if (input.client === undefined) {
    throw new AppError("usage", "Give --client C (the history) or --deployment ID (one deployment)");
  }
  return await m.history(deps, { client: input.client, profile: input.profile, limit: input.limit });
});
