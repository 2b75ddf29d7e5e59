/**
 * Names every JavaScript object has (`constructor`, `toString`, `__proto__`) as server names, secret
 * names and secret references: never resolved to a built-in function, never written as one, managed like
 * any other name (added, then removed by a later deploy), and `__proto__` refused where it would vanish.
 */
import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertRejectsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { setSecrets } from "../../src/store/secrets.ts";

Deno.test("a ${toString} reference is never resolved to Object.prototype.toString in a literal deploy", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { REAL_TOKEN: "tok-real-0123456789" });
    await publish(d, {
      client: "claude-desktop",
      profile: "default",
      payload: {
        mcpServers: {
          s: { command: "x", env: { A: "${toString}", B: "${constructor}", C: "${REAL_TOKEN}" } },
        },
      },
    });
    const r = await deploy(d, { client: "claude-desktop" });
    const text = await Deno.readTextFile(r.config_path);
    assert.ok(!text.includes("native code") && !text.includes("function"), text);
    const env = JSON.parse(text).mcpServers.s.env;
    assertEquals([env.A, env.B, env.C], ["${toString}", "${constructor}", "tok-real-0123456789"]);
    assert.ok(
      r.warnings.some((w) => /toString/.test(w) && /constructor/.test(w)),
      JSON.stringify(r.warnings),
    );
  }));

Deno.test("servers named constructor and toString are added, then removed by a later deploy; __proto__ is refused", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { constructor: { command: "c" }, toString: { command: "t" } } },
    });
    const first = await deploy(d, { client: "cursor" });
    assertEquals(first.changes.added.sort(), ["constructor", "toString"]);
    await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { other: { command: "o" } } },
    });
    const second = await deploy(d, { client: "cursor" });
    assertEquals(second.changes.removed.sort(), ["constructor", "toString"]);
    assertEquals(
      Object.keys(JSON.parse(await Deno.readTextFile(join(h.userHome, ".cursor", "mcp.json"))).mcpServers),
      ["other"],
    );
    // A hand-made "constructor" entry is reported as not ours (unmanaged), not as "edited by hand".
    await Deno.writeTextFile(
      join(h.userHome, ".cursor", "mcp.json"),
      '{"mcpServers": {"constructor": {"command": "mine"}}}',
    );
    await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { constructor: { command: "c" } } },
    });
    const drift = await assertRejects(() => deploy(d, { client: "cursor" }), "drift_detected");
    assertEquals(drift.details.conflicts[0].kind, "unmanaged");
    const proto = JSON.parse('{"mcpServers": {"__proto__": {"command": "p"}}}');
    await assertRejectsCode(
      () => publish(d, { client: "cursor", profile: "default", payload: proto }),
      "invalid_input",
    );
  }));
