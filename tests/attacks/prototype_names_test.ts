/**
 * Names every JavaScript object has (`constructor`, `toString`, `__proto__`) as server names, secret
 * names and secret references: never resolved to a built-in function, never written as one, managed like
 * any other name (added, then removed by a later deploy), and `__proto__` refused where it would vanish.
 * The same names as env, header and param keys: refused with a message that says why (not "given
 * twice"), the same document through the CLI and the MCP server, whether MCP sent an object or JSON text.
 */
import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertRejectsCode, assertThrowsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { type ApplyInput, renderAll } from "../../src/deploy/apply.ts";
import { getClient } from "../../src/clients/registry.ts";
import { setSecrets } from "../../src/store/secrets.ts";

Deno.test("a ${toString} reference is never resolved to Object.prototype.toString in a literal deploy", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { REAL_TOKEN: "tok-real-0123456789" });
    const pub = await publish(d, {
      client: "claude-desktop",
      profile: "default",
      payload: {
        mcpServers: {
          s: { command: "x", env: { A: "${toString}", B: "${constructor}", C: "${REAL_TOKEN}" } },
        },
      },
    });
    // Claude Desktop cannot expand them and secrets.json has no such names: refused, naming both.
    const e = await deploy(d, { client: "claude-desktop" }).then(() => null, (x) => x);
    assertEquals([e?.code, e?.details.variables], ["validation_failed", ["toString", "constructor"]]);
    assert.ok(!JSON.stringify(e.details).includes("native code") && !e.message.includes("function"));
    // A literal deploy into a client that expands references leaves them as references.
    const r = await deploy(d, { client: "claude-code", artifactId: pub.artifact_id, secrets: "literal" });
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

/** Keys every JavaScript object has, given as env, header and param names. */
const MEMBER_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty"];

Deno.test("--env/--header/--param named like an object member: the true message, the same through the CLI and MCP", async () => {
  const cliDocs: Record<string, any> = {};
  await withHome(async (h) => {
    for (const k of MEMBER_KEYS) {
      const env = await cli(h, ["add-server", "x", "--command", "c", "--env", `${k}=v`, "--format", "json"]);
      assertEquals([env.code, env.json.error], [2, "invalid_input"], env.stdout);
      assert.ok(!/given twice/.test(env.json.message), env.json.message);
      assertEquals(
        env.json.message.startsWith(`Invalid environment variable name "${k}": every JavaScript object`),
        true,
        env.json.message,
      );
      cliDocs[`env ${k}`] = env.json;
      const hdr = await cli(h, [
        "add-server",
        "y",
        "--url",
        "https://example.com/mcp",
        "--header",
        `${k}: v`,
        "--format",
        "json",
      ]);
      assertEquals([hdr.code, hdr.json.error], [2, "invalid_input"], hdr.stdout);
      assert.ok(hdr.json.message.startsWith(`Invalid header name "${k}"`), hdr.json.message);
      cliDocs[`header ${k}`] = hdr.json;
      const param = await cli(h, ["add-server", "memory", "--param", `${k}=v`, "--format", "json"]);
      assertEquals([param.code, param.json.error], [2, "invalid_input"], param.stdout);
      assertEquals(param.json.details.unknown, [k]);
      cliDocs[`param ${k}`] = param.json;
    }
    // A key given twice is still refused as such, and a real repeat is told apart from a member name.
    const twice = await cli(h, [
      "add-server",
      "x",
      "--command",
      "c",
      "--env",
      "A=1",
      "--env",
      "A=2",
      "--format",
      "json",
    ]);
    assertEquals([twice.json.error, twice.json.message], ["usage", "--env A is given twice"]);
    assertEquals((await cli(h, ["view-draft", "--format", "json"])).json.servers, []);
    assertEquals(({} as Record<string, unknown>).v, undefined);
  });
  await withMcp(async ({ fail, read }) => {
    for (const k of MEMBER_KEYS) {
      // As an object (parsed from JSON, so "__proto__" is an own key) and as a JSON string.
      for (const env_vars of [JSON.parse(`{${JSON.stringify(k)}: "v"}`), `{${JSON.stringify(k)}: "v"}`]) {
        const doc = await fail(
          "add_server_to_config",
          { client_id: "claude-desktop", server_id: "x", command: "c", env_vars },
          "invalid_input",
        );
        assertEquals(doc, cliDocs[`env ${k}`]);
      }
      const headers = JSON.parse(`{${JSON.stringify(k)}: "v"}`);
      const hdr = await fail("add_server_to_config", {
        client_id: "claude-desktop",
        server_id: "y",
        url: "https://example.com/mcp",
        headers,
      }, "invalid_input");
      assertEquals(hdr, cliDocs[`header ${k}`]);
      const params = JSON.parse(`{${JSON.stringify(k)}: "v"}`);
      assertEquals(
        await fail(
          "add_server_to_config",
          { client_id: "claude-desktop", server_id: "memory", params },
          "invalid_input",
        ),
        cliDocs[`param ${k}`],
      );
    }
    assertEquals((await read("config://claude-desktop/default/draft")).server_count, 0);
  });
});

Deno.test("an env key named like an object member is refused at publish --file and when a deploy renders an artifact", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    for (const k of ["constructor", "__proto__"]) {
      const payload = JSON.parse(
        `{"mcpServers": {"s": {"command": "c", "env": {${JSON.stringify(k)}: "x"}}}}`,
      );
      await assertRejectsCode(
        () => publish(d, { client: "cursor", profile: "default", payload }),
        "invalid_input",
      );
      const file = join(h.userHome, "servers.json");
      await Deno.writeTextFile(file, JSON.stringify(payload));
      const r = await cli(h, [
        "publish-config",
        "--client",
        "claude-code",
        "--file",
        file,
        "--format",
        "json",
      ]);
      assertEquals([r.code, r.json.error], [2, "invalid_input"], r.stdout);
      assertEquals(r.json.details.fields, [`env.${k}`]);
      // An artifact published before this check: the deploy refuses it before the lock and any write.
      const a = {
        client: getClient("claude-code"),
        secrets: "reference",
        artifact: { payload },
      } as unknown as ApplyInput;
      assertThrowsCode(() => renderAll(d, a, {}), "invalid_input");
    }
  }));
