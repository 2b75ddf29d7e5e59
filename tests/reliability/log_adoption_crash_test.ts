/**
 * Adopting an unsigned deployment log (one written before logs were signed) is crash-consistent: a
 * deploy into a state folder whose log has no head is killed at every file-system step (from the k-th
 * call on, every call fails). After each: the client file is the old or the new version byte for byte,
 * `verify --all` passes, and the next deploy goes through with the earlier records kept, adopted or not.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { faultFs } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { history } from "../../src/ops/history.ts";
import { deployFixture, sameBytes } from "./deploy_fixture.ts";

/** The signed log as an earlier version would have written it: the records alone, no head. */
function unsigned(text: string): string {
  return text.trimEnd().split("\n").map((l) => {
    const r = JSON.parse(l);
    for (const k of ["signature", "signing_key_id", "seq", "prev_sha256"]) delete r[k];
    return JSON.stringify(r) + "\n";
  }).join("");
}

Deno.test("a deploy that adopts an unsigned log, killed at every file-system step: old or new file, verified store", () =>
  withHome(async (h) => {
    const fx = await deployFixture(h);
    const log = join(h.home, "deployments", "cursor.jsonl");
    const head = join(h.home, "deployments", "cursor.head.json");
    const legacy = unsigned(await Deno.readTextFile(log));
    const records = legacy.trimEnd().split("\n").length;
    let k = 1;
    let adopted = 0;
    for (; k < 400; k++) {
      // The state folder as an earlier version left it, the file holding A.
      await Deno.writeTextFile(log, legacy);
      await Deno.remove(head).catch(() => {});
      await Deno.writeFile(fx.file, fx.bytesA);
      for (const dir of [join(h.home, "journal"), join(h.home, "deployments")]) {
        for await (const e of Deno.readDir(dir)) {
          if (e.name.includes(".mcpo-tmp-") || dir.endsWith("journal")) await Deno.remove(join(dir, e.name));
        }
      }
      let done = true;
      try {
        await fx.deployB(h.deps(faultFs(realFs, { failAt: k, crash: true })));
      } catch {
        done = false;
      }
      const now = await Deno.readFile(fx.file);
      const landed = sameBytes(now, fx.bytesB);
      assert.ok(landed || sameBytes(now, fx.bytesA), `k=${k}: the file is neither old nor new`);
      const v = await verifyAll(h.deps());
      if (v.warnings.some((w) => /adopted unauthenticated/.test(w.message))) adopted++;
      // The next command: back to A; every earlier record is still there, and the log verifies.
      await fx.deployA(h.deps());
      const total = (await history(h.deps(), { client: "cursor", limit: 10_000 })).total;
      assertEquals(total, records + (landed ? 2 : 0), `k=${k}: ${total} records`);
      await verifyAll(h.deps());
      if (done) break;
    }
    assert.ok(k > 15, `expected many file-system steps, saw ${k - 1}`);
    assert.ok(adopted > 0, "no crash landed after the adoption");
  }));
