/** The stat-validated memo of verified files never hides a change: an in-place rewrite changes the
 * file's ctime (and mtime), so the bytes are read and verified again. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { verifyOp } from "../../src/ops/verify.ts";
import { RACY_MS } from "../../src/platform/cache.ts";

Deno.test("a file tampered long after it was verified is still refused", () =>
  withHome(async (h) => {
    // The deps' clock, not a sleep, moves past the racy window (RACY_MS): then the memo is trusted.
    let skew = 0;
    const d = h.deps(undefined, () => new Date(Date.now() + skew));
    await init(d);
    const r = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    skew = RACY_MS + 100;
    for (let i = 0; i < 3; i++) {
      assertEquals((await verifyOp(d, { artifactId: r.artifact_id })).status, "verified");
    }
    const files = d.cache.memo<{ safe: boolean }>("files");
    assert.ok(
      files.any(join(h.home, "artifacts", `${r.artifact_id}.json`))?.safe,
      "the memo trusts the settled file",
    );
    for (
      const path of [
        join(h.home, "artifacts", `${r.artifact_id}.json`),
        join(h.home, "index/cursor/default.json"),
      ]
    ) {
      const orig = await Deno.readFile(path);
      const bad = orig.slice();
      bad[40] ^= 1; // same size, same inode: only mtime/ctime betray it
      await Deno.writeFile(path, bad);
      const code = await verifyOp(d, { artifactId: r.artifact_id }).then(() => "verified", (e) => e.code);
      assertEquals(
        ["integrity_error", "signature_invalid", "index_invalid"].includes(code),
        true,
        `${path}: ${code}`,
      );
      await Deno.writeFile(path, orig);
    }
  }));
