/**
 * Server names a client's own reader refuses (found by running the real clients,
 * tests/e2e/real_client_names_test.ts): `constructor` makes Claude Code reject its whole file, Codex
 * starts only `^[a-zA-Z0-9_-]+$`, and every JavaScript reader drops `__proto__`. Each door that puts a
 * name into a client's file refuses them for that client with `invalid_input` naming the client and the
 * reason, before anything is written: add-server, validate-config, publish-config, deploy-config
 * (also --dry-run, also another client's artifact), connect, import-config — through the CLI and the
 * MCP server. The same names stay allowed for clients that read them.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { updateDraft } from "../../src/store/drafts.ts";
import { getClient } from "../../src/clients/registry.ts";

/** [client, a name its reader cannot take, a name it can]. */
const CASES: [string, string, string][] = [
  ["claude-code", "constructor", "toString"],
  ["codex", "a.b", "Upper_case-1"],
  ["codex", "my.server", "my-server"],
];

async function exists(p: string): Promise<boolean> {
  return await Deno.lstat(p).then(() => true, () => false);
}

Deno.test("add-server refuses a name the client cannot read, through the CLI and the MCP server", async () => {
  await withHome(async (h) => {
    for (const [client, bad, good] of CASES) {
      const r = await cli(h, ["add-server", bad, "--client", client, "--command", "c", "--format", "json"]);
      assertEquals(r.code, 2, r.stdout);
      assertEquals(r.json.error, "invalid_input");
      assert.ok(r.json.message.includes(getClient(client).displayName), r.json.message);
      assertEquals(r.json.details, { server: bad, client_id: client });
      const ok = await cli(h, ["add-server", good, "--client", client, "--command", "c", "--format", "json"]);
      assertEquals(ok.code, 0, ok.stdout);
    }
    // The same name is fine for a client that reads it.
    assertEquals(
      (await cli(h, ["add-server", "constructor", "--client", "cursor", "--command", "c"])).code,
      0,
    );
    assertEquals((await cli(h, ["add-server", "a.b", "--client", "gemini-cli", "--command", "c"])).code, 0);
  });
  await withMcp(async ({ fail, ok }) => {
    for (const [client, bad, good] of CASES) {
      const doc = await fail(
        "add_server_to_config",
        { client_id: client, server_id: bad, command: "c" },
        "invalid_input",
      );
      assertEquals(doc.details.client_id, client);
      await ok("add_server_to_config", { client_id: client, server_id: good, command: "c" });
      await fail(
        "add_server_to_config",
        { client_id: client, server_id: "memory", server_name: bad },
        "invalid_input",
      );
    }
  });
});

Deno.test("validate-config reports INVALID_SERVER_NAME for a draft holding such a name; publish refuses it", () =>
  withHome(async (h) => {
    await cli(h, ["init"]);
    // A draft written before this check existed.
    await updateDraft(h.deps(), "claude-code", "default", (d) => ({
      draft: {
        ...d,
        servers: [{
          name: "constructor",
          source: { custom: true },
          params: {},
          env: {},
          secret_refs: [],
          entry: { command: "c" },
        }],
      },
      result: null,
    }));
    const v = await cli(h, ["validate-config", "--client", "claude-code", "--format", "json"]);
    assertEquals(v.code, 4, v.stdout);
    assertEquals(v.json.errors.map((e: { code: string }) => e.code), ["INVALID_SERVER_NAME"]);
    assert.ok(/Claude Code cannot parse/.test(v.json.errors[0].message), v.json.errors[0].message);
    const p = await cli(h, ["publish-config", "--client", "claude-code", "--format", "json"]);
    assertEquals([p.code, p.json.error], [4, "validation_failed"]);
    // publish-config --file goes through the same rule.
    const file = join(h.userHome, "servers.json");
    await Deno.writeTextFile(file, JSON.stringify({ mcpServers: { "a.b": { command: "c" } } }));
    const f = await cli(h, ["publish-config", "--client", "codex", "--file", file, "--format", "json"]);
    assertEquals([f.code, f.json.error], [2, "invalid_input"], f.stdout);
    assert.ok(f.json.message.includes("Codex CLI"), f.json.message);
    assertEquals((await cli(h, ["publish-config", "--client", "cursor", "--file", file])).code, 0);
  }));

Deno.test("deploying another client's artifact refuses a name the target cannot read, before any write", () =>
  withHome(async (h) => {
    await cli(h, ["init"]);
    const file = join(h.userHome, "servers.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { constructor: { command: "c" }, "a.b": { command: "d" } } }),
    );
    const pub = await cli(h, ["publish-config", "--client", "cursor", "--file", file, "--format", "json"]);
    assertEquals(pub.code, 0, pub.stdout);
    const id = pub.json.artifact_id;
    const claudeFile = join(h.userHome, ".claude.json");
    await Deno.writeTextFile(claudeFile, '{"mcpServers": {"mine": {"type": "stdio", "command": "x"}}}\n');
    for (
      const [client, path] of [["claude-code", claudeFile], [
        "codex",
        join(h.userHome, ".codex", "config.toml"),
      ]]
    ) {
      const before = await exists(path) ? await Deno.readTextFile(path) : null;
      for (const extra of [["--dry-run"], []]) {
        const r = await cli(h, [
          "deploy-config",
          "--client",
          client,
          "--artifact-id",
          id,
          ...extra,
          "--format",
          "json",
        ]);
        assertEquals([r.code, r.json.error], [2, "invalid_input"], r.stdout);
        assert.ok(r.json.message.includes(getClient(client).displayName), r.json.message);
      }
      assertEquals(await exists(path) ? await Deno.readTextFile(path) : null, before, `${path} was changed`);
    }
    const hist = await cli(h, ["history", "--client", "claude-code", "--format", "json"]);
    assertEquals(hist.json.deployments, []);
    // Cursor reads both names: the deploy goes through.
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor"])).code, 0);
  }));

Deno.test("deploy_config and connect_client over MCP refuse the same names", () =>
  withMcp(async ({ ok, fail, home }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "cursor", server_id: "constructor", command: "c" });
    const { artifact_id } = await ok("publish_config", { client_id: "cursor" });
    for (const dry of [true, false]) {
      const doc = await fail(
        "deploy_config",
        { client_id: "claude-code", artifact_id, dry_run: dry },
        "invalid_input",
      );
      assert.ok(doc.message.includes("Claude Code"), doc.message);
    }
    assertEquals(await exists(join(home.userHome, ".claude.json")), false);
    await fail("connect_client", { client_id: "claude-code", server_name: "constructor" }, "invalid_input");
    await fail("connect_client", { client_id: "codex", server_name: "my.orchestration" }, "invalid_input");
    await fail("connect_client", { client_id: "cursor", server_name: "__proto__" }, "invalid_input");
    assertEquals(await exists(join(home.userHome, ".claude.json")), false);
    assertEquals(await exists(join(home.userHome, ".codex")), false);
  }));

Deno.test("connect --name and import-config apply the client's rule through the CLI", () =>
  withHome(async (h) => {
    const c = await cli(h, ["connect", "claude-code", "--name", "constructor", "--format", "json"]);
    assertEquals([c.code, c.json.error], [2, "invalid_input"], c.stdout);
    assertEquals(await exists(join(h.userHome, ".claude.json")), false);
    // A Codex file holding a name Codex does not start: imported without it, with a warning.
    await Deno.mkdir(join(h.userHome, ".codex"), { recursive: true });
    await Deno.writeTextFile(
      join(h.userHome, ".codex", "config.toml"),
      '[mcp_servers."a b"]\ncommand = "x"\n\n[mcp_servers.good]\ncommand = "y"\n',
    );
    const r = await cli(h, ["import-config", "--client", "codex", "--format", "json"]);
    assertEquals(r.code, 0, r.stdout);
    assertEquals([r.json.imported, r.json.skipped], [["good"], ["a b"]]);
    assert.ok(
      r.json.warnings.some((w: string) => w.includes("Codex CLI cannot use that name")),
      JSON.stringify(r.json.warnings),
    );
  }));
