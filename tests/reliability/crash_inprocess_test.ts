/**
 * Crash at every step, in process: from the k-th file-system call on, every call fails, as if the
 * process died there (nothing after reaches the disk). Then a fresh "process" (healthy deps) finds the
 * client file old or new byte for byte, a store that passes verify --all, and deploys again without a
 * false drift report; a deployment whose file write landed before the crash is in the history (the
 * write-ahead journal completes it), one that did not land is not.
 */
import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { faultFs } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { history } from "../../src/ops/history.ts";
import { rollback } from "../../src/ops/rollback.ts";
import { status } from "../../src/ops/status.ts";
import { deployFixture, sameBytes } from "./deploy_fixture.ts";

export type Op = "deploy" | "rollback" | "restore";

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) out.push(e.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

/** Crashes `op` at every file-system call; returns [calls, crashes after which the new file had landed]. */
export async function crashSweep(op: Op): Promise<[number, number]> {
  let figures: [number, number] = [0, 0];
  await withHome(async (h) => {
    const fx = await deployFixture(h);
    const artifactOf = async () => (await history(h.deps(), { client: "cursor", limit: 10_000 })).deployments;
    let k = 1;
    const landedAt: number[] = [];
    for (; k < 400; k++) {
      const before = await artifactOf();
      const fs = faultFs(realFs, { failAt: k, crash: true });
      const d = h.deps(fs);
      let done = true;
      try {
        if (op === "deploy") await fx.deployB(d);
        else if (op === "rollback") await rollback(d, { client: "cursor" });
        else await rollback(d, { client: "cursor", restore: before[0].deployment_id });
      } catch {
        done = false;
      }
      const now = await Deno.readFile(fx.file);
      const landed = sameBytes(now, fx.bytesB);
      assert.ok(landed || sameBytes(now, fx.bytesA), `${op} k=${k}: the file is neither old nor new`);
      if (landed && !done) landedAt.push(k);
      await verifyAll(h.deps());
      // The next command: back to A, never a drift report; the interrupted deployment is logged iff it landed.
      const next = await fx.deployA(h.deps());
      assertEquals(next.status, landed ? "deployed" : "unchanged", `${op} k=${k}`);
      const after = await artifactOf();
      assertEquals(
        after.length - before.length,
        landed ? 2 : 0,
        `${op} k=${k}: ${after.length} records, ${before.length} before`,
      );
      assertEquals(await names(join(h.home, "journal")), [], `${op} k=${k}: journal left`);
      assertEquals(
        await names(join(h.userHome, ".cursor")),
        ["mcp.json"],
        `${op} k=${k}: leftover beside the file`,
      );
      if (done) break;
    }
    assert.ok(k > 15, `${op}: expected many file-system steps, saw ${k - 1}`);
    // The crash window between the rename and the log append was hit, and recovered from.
    assert.ok(landedAt.length > 0, `${op}: no crash landed after the rename`);
    figures = [k - 1, landedAt.length];
  });
  return figures;
}

Deno.test("deploy killed at every file-system step: old or new file, verified store, no false drift, complete history", () =>
  crashSweep("deploy").then(() => {}));

Deno.test("rollback killed at every file-system step: the same guarantees", () =>
  crashSweep("rollback").then(() => {}));

Deno.test("restore killed at every file-system step: the same guarantees", () =>
  crashSweep("restore").then(() => {}));

Deno.test("a deploy killed between the rename and the log append: status and history already show it, before any write", () =>
  withHome(async (h) => {
    const fx = await deployFixture(h);
    let dead = false;
    const fs = faultFs(realFs, {
      failAt: 0,
      before: (_n, method, path) => {
        if (dead || (method === "writeFile" && path.endsWith("/deployments/cursor.jsonl"))) {
          dead = true;
          throw new Error("killed");
        }
      },
    });
    const killed = await assertRejects(
      () => fx.deployB(h.deps(fs)),
      undefined,
      "the deploy survived its crash",
    );
    assert.match(killed.message, /deployments\/cursor\.jsonl": killed$/);
    assert.ok(sameBytes(await Deno.readFile(fx.file), fx.bytesB), "the rename happened");
    assertEquals((await names(join(h.home, "journal"))).length, 1);
    // Read-only commands see the journalled deployment as done, and write nothing.
    const st = (await status(h.deps(), { client: "cursor", profile: "b" })).targets[0];
    assertEquals(st.state, "up-to-date");
    const hist = (await history(h.deps(), { client: "cursor" })).deployments;
    assertEquals(hist[0].profile_id, "b");
    assertEquals((await names(join(h.home, "journal"))).length, 1);
    // The next write completes it: logged once, journal gone, no drift.
    assertEquals((await fx.deployA(h.deps())).status, "deployed");
    const after = (await history(h.deps(), { client: "cursor" })).deployments;
    assertEquals([after[0].profile_id, after[1].profile_id, after[1].deployment_id], [
      "a",
      "b",
      hist[0].deployment_id,
    ]);
    assertEquals(await names(join(h.home, "journal")), []);
  }));
