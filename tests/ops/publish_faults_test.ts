import { assert, assertEquals } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { faultFs } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { verifyOp } from "../../src/ops/verify.ts";
import { artifactIdOf } from "../../src/core/digest.ts";

Deno.test("a publish interrupted at each file-system step leaves the store consistent", () =>
  withHome(async (h) => {
    await init(h.deps());
    const base = await publish(h.deps(), { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    const next = { mcpServers: { only: { command: "uvx", args: ["mcp-server-time"] } } };
    const nextId = await artifactIdOf(next);
    let total = 0;
    for (let k = 1;; k++) {
      const fs = faultFs(realFs, { failAt: k });
      const d = h.deps(fs);
      let failed = false;
      try {
        await publish(d, { client: "cursor", profile: "default", payload: next, changelog: `try ${k}` });
      } catch (e) {
        failed = true;
        assert.match((e as Error).message, /injected EIO/);
      }
      // Whatever happened, the store verifies and the latest publish is the old or the new one.
      const latest = await getConfig(h.deps(), { client: "cursor", profile: "default" });
      assert.ok([base.artifact_id, nextId].includes(latest.artifact_id), `step ${k}: unexpected latest`);
      assertEquals((await verifyOp(h.deps(), { client: "cursor" })).status, "verified");
      if (!failed) {
        total = k - 1;
        break;
      }
    }
    assert.ok(total >= 8, `expected several file-system steps, saw ${total}`);
    const done = await getConfig(h.deps(), { client: "cursor", profile: "default" });
    assertEquals(done.payload, next);
    assertEquals(done.version, 2);
  }));
