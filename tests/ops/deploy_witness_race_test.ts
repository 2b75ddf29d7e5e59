/**
 * The deployment log's index witness is checked under the file's lock against an index read before it:
 * a publish and a deploy of it that land in between (another process) are not mistaken for an older
 * index put back. Found by the concurrency stress run.
 */
import { join } from "node:path";
import { assertEquals, assertRejectsCode } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { applyArtifact } from "../../src/deploy/apply.ts";
import { artifactToDeploy } from "../../src/deploy/deploy_artifact.ts";
import { getClient } from "../../src/clients/registry.ts";

const V2 = { mcpServers: { only: { command: "uvx", args: ["mcp-server-time"] } } };

Deno.test("a publish and deploy landing between a deploy's index read and its lock do not fail it; a stale index still does", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const v1 = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    // This deploy reads the index (version 1) and picks its artifact...
    const chosen = await artifactToDeploy(d, "cursor", "default");
    assertEquals(chosen.artifact.artifact_id, v1.artifact_id);
    // ...another process publishes version 2 and deploys it (the log now records version 2)...
    await publish(d, { client: "cursor", profile: "default", payload: V2 });
    assertEquals((await deploy(d, { client: "cursor" })).status, "deployed");
    // ...then this deploy takes the lock: the index read again reaches version 2, so it goes on.
    const apply = (reread = chosen.witness.reread) =>
      applyArtifact(d, {
        client: getClient("cursor"),
        profile: "default",
        target: { path: join(h.userHome, ".cursor", "mcp.json"), scope: "user" },
        artifact: chosen.artifact,
        dryRun: false,
        force: false,
        secrets: "reference",
        action: "deploy",
        indexVersion: chosen.version,
        witness: { index: chosen.witness.index, reread },
      });
    // A re-read that still lacks version 2 (an older index really was put back) is refused.
    await assertRejectsCode(() => apply(() => Promise.resolve(chosen.witness.index)), "index_invalid");
    const r = await apply();
    assertEquals([r.status, r.artifact_id], ["deployed", v1.artifact_id]);
  }));
