/** get_deployment_details: one deployment record (on the CLI: history --deployment ID). */
import { absent, bind, defineSpec } from "../spec.ts";
import { DEPLOYMENT_RECORD } from "./common.ts";

export const spec = defineSpec({
  cli: absent("history --deployment ID shows one deployment", "history --deployment"),
  mcp: {
    tool: "get_deployment_details",
    title: "Deployment details",
    description: "One deployment: artifact, profile, file, managed entries (hashes), what changed, the " +
      "file's hashes before and after, whether it was forced.",
    kind: "read",
  },
  input: {
    deploymentId: {
      kind: "text",
      mcp: {
        name: "deployment_id",
        description: "A deployment id from list_deployment_history",
        required: true,
      },
    },
  },
  output: DEPLOYMENT_RECORD,
});

export const op = bind(
  spec,
  () => import("../history.ts"),
  (m, deps, input) => m.deploymentDetails(deps, input),
);
