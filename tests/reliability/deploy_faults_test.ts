/**
 * Fault injection into deploy: the k-th file-system call fails with EIO, ENOSPC or EACCES (shaped as
 * Deno throws them), for every k until the deploy needs fewer calls. Each time: the client file is the
 * old or the new version byte for byte, the store passes verify --all, the error is an io_error naming
 * the operation and the path, and a retry succeeds with nothing reported as drift.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { faultFs, type OsCode, osError } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { AppError } from "../../src/core/errors.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { history } from "../../src/ops/history.ts";
import { status } from "../../src/ops/status.ts";
import { deployFixture, sameBytes } from "./deploy_fixture.ts";

const REASONS: Record<OsCode, RegExp> = {
  EIO: /input\/output error \(EIO\)/,
  ENOSPC: /no space left on device \(ENOSPC\)/,
  EACCES: /permission denied \(EACCES\)/,
};

/** The sweep for one error code; returns how many file-system calls a deploy made (every one failed once). */
export function deployFaultSweep(code: OsCode): Promise<number> {
  let calls = 0;
  return withHome(async (h) => {
    const fx = await deployFixture(h);
    let steps = 0;
    for (let k = 1; k < 400; k++) {
      const fs = faultFs(realFs, { failAt: k, error: (m, p) => osError(code, m, p) });
      let failure: unknown = null;
      try {
        await fx.deployB(h.deps(fs));
      } catch (e) {
        failure = e;
      }
      const now = await Deno.readFile(fx.file);
      assert.ok(
        sameBytes(now, fx.bytesA) || sameBytes(now, fx.bytesB),
        `k=${k}: the file is neither old nor new`,
      );
      await verifyAll(h.deps());
      if (failure === null) {
        steps = k - 1;
        break;
      }
      assert.ok(failure instanceof AppError, `k=${k}: ${failure}`);
      assertEquals(failure.code, "io_error", `k=${k}: ${failure.message}`);
      assert.match(failure.message, /^Cannot [a-z ]+ "\//, `k=${k}: ${failure.message}`);
      assert.match(failure.message, REASONS[code]);
      assertEquals(failure.details.os_code, code);
      assertEquals(typeof failure.details.path, "string");
      // A retry lands B (or finds it there), no drift reported; then back to A for the next k.
      const retry = await fx.deployB(h.deps());
      assert.ok(["deployed", "unchanged"].includes(retry.status), `k=${k}: retry ${retry.status}`);
      assert.ok(sameBytes(await Deno.readFile(fx.file), fx.bytesB), `k=${k}: retry did not land B`);
      const st = (await status(h.deps(), { client: "cursor", profile: "b" })).targets[0];
      assertEquals(st.state, "up-to-date", `k=${k}`);
      assertEquals((await fx.deployA(h.deps())).status, "deployed");
    }
    assert.ok(steps >= 20, `a deploy makes many file-system calls; saw ${steps}`);
    // Every deploy that reported success is in the history, and the log has no torn line.
    const all = (await history(h.deps(), { client: "cursor", limit: 10_000 })).deployments;
    assertEquals(all.length, 5 + 2 * steps + 1);
    calls = steps;
  }).then(() => calls);
}

for (const code of ["EIO", "ENOSPC", "EACCES"] as OsCode[]) {
  Deno.test(`deploy: the k-th file-system call fails with ${code}, for every k: all or nothing, a clear error, a retry succeeds`, async () => {
    await deployFaultSweep(code);
  });
}
