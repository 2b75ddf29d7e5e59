/**
 * The short versions of the stress harnesses (`deno task stress` runs the long ones): 20 SIGKILLs of
 * each command, and 8 processes x 5 mixed commands with the MCP server on one home and one file. The
 * random choices take their seed from the clock, or from MCPO_SEED: a failure names its seed
 * (tests/helpers/seed.ts), and `MCPO_SEED=N deno test -A tests/stress/stress_short_test.ts` replays it.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { type CrashCommand, crashHarness } from "./crash.ts";
import { concurrencyHarness } from "./concurrency.ts";

for (const command of ["deploy-config", "rollback", "publish-config", "add-server"] as CrashCommand[]) {
  Deno.test(`crash consistency: ${command} killed with SIGKILL 20 times at random moments`, async () => {
    const f = await crashHarness(command, { kills: 20, recoverEvery: 10 });
    assertEquals([f.kills, f.verified], [20, 20], `seed ${f.seed}`);
    assert.ok(f.recoveries >= 2, `seed ${f.seed}`);
  });
}

Deno.test("concurrency: 8 processes x 5 mixed commands and the MCP server on one home and one client file", async () => {
  const f = await concurrencyHarness({ processes: 8, opsEach: 5, mcpCalls: 15 });
  assertEquals(Object.values(f.ops).reduce((n, [ok, no]) => n + ok + no, 0), 40, `seed ${f.seed}`);
  assertEquals(f.mcpCalls, 15, `seed ${f.seed}`);
});
