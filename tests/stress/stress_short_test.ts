/**
 * The short versions of the stress harnesses (`deno task stress` runs the long ones): 20 SIGKILLs of
 * each command, and 8 processes x 5 mixed commands with the MCP server on one home and one file.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { type CrashCommand, crashHarness } from "./crash.ts";
import { concurrencyHarness } from "./concurrency.ts";

for (const command of ["deploy-config", "rollback", "publish-config", "add-server"] as CrashCommand[]) {
  Deno.test(`crash consistency: ${command} killed with SIGKILL 20 times at random moments`, async () => {
    const f = await crashHarness(command, { kills: 20, recoverEvery: 10 });
    assertEquals(f.kills, 20);
    assertEquals(f.verified, 20);
    assert.ok(f.recoveries >= 2);
  });
}

Deno.test("concurrency: 8 processes x 5 mixed commands and the MCP server on one home and one client file", async () => {
  const f = await concurrencyHarness({ processes: 8, opsEach: 5, mcpCalls: 15 });
  assertEquals(Object.values(f.ops).reduce((n, [ok, no]) => n + ok + no, 0), 40);
  assertEquals(f.mcpCalls, 15);
});
