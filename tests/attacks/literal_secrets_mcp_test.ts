/**
 * Literal secrets through the MCP door (issue 11): the same extractor and the same refusals as the CLI
 * (literal_secrets_test.ts), with the same error codes, and no value in any tool result.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type McpTest, withMcp } from "../mcp/client.ts";
import { publish } from "../../src/deploy/publish.ts";
import { ALL_VALUES, FILES, JSON_FILE, V } from "./literal_secrets_fixtures.ts";

/** Asserts that no literal value is in anything the server returned or the state folder holds outside secrets.json. */
async function assertClean(t: McpTest, results: unknown[]): Promise<void> {
  const text = JSON.stringify(results);
  assert.ok(
    !ALL_VALUES.some((v) => text.includes(v)),
    `a tool result carries a secret value: ${text.slice(0, 300)}`,
  );
  const walk = async (d: string): Promise<string[]> => {
    const out: string[] = [];
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) out.push(...await walk(p));
      else if (e.isFile && ALL_VALUES.some((v) => Deno.readTextFileSync(p).includes(v))) out.push(p);
    }
    return out;
  };
  assertEquals(await walk(t.home.home), [join(t.home.home, "secrets.json")]);
}

Deno.test("MCP add_server_to_config: literal secrets in args, env, url and headers go to secrets.json", () =>
  withMcp(async (t) => {
    const results: unknown[] = [];
    const pg = await t.ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "pg",
      command: "npx",
      args: [
        "-y",
        "server-postgres",
        `postgresql://app:${V.jsonPg}@db/app`,
        "--api-key",
        V.jsonFlagTwo,
        `--token=${V.jsonFlagEq}`,
      ],
      env_vars: { DATABASE_URL: `mysql://root:${V.cxPg}@h/db` },
    });
    results.push(pg);
    assertEquals(pg.secrets_stored, ["PG_API_KEY", "PG_DB_PASSWORD", "PG_DB_PASSWORD_2", "PG_TOKEN"]);
    assertEquals(pg.extracted.map((e: { field: string; variable: string }) => `${e.field} ${e.variable}`), [
      "args[2] PG_DB_PASSWORD",
      "args[4] PG_API_KEY",
      "args[5] PG_TOKEN",
      "env.DATABASE_URL PG_DB_PASSWORD_2",
    ]);
    const remote = await t.ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "remote",
      url: `https://x.example.com/mcp?apiKey=${V.jsonQuery}`,
      headers: JSON.stringify({ Authorization: `Bearer ${V.jsonBearerArg}` }),
    });
    results.push(remote);
    assertEquals(remote.secrets_stored, ["REMOTE_API_KEY", "REMOTE_TOKEN"]);
    const view = await t.ok("view_draft_config", {});
    results.push(view);
    assertEquals(view.entries[1].entry, {
      type: "http",
      url: "https://x.example.com/mcp?apiKey=${REMOTE_API_KEY}",
      headers: { Authorization: "Bearer ${REMOTE_TOKEN}" },
    });
    const v = await t.ok("validate_config", {});
    results.push(v);
    assertEquals(v.errors.filter((e: { code: string }) => e.code === "PLAINTEXT_SECRET"), []);
    await assertClean(t, results);
  }));

Deno.test("MCP import_client_config of JSON, JSONC, TOML and YAML files leaves no value in the draft", () =>
  withMcp(async (t) => {
    const results: unknown[] = [];
    const dir = await Deno.makeTempDir({ prefix: "mcpo-inputs-" });
    try {
      for (const f of FILES) {
        const path = join(dir, f.file);
        await Deno.writeTextFile(path, f.text);
        const r = await t.ok("import_client_config", { client_id: f.client, config_path: path });
        results.push(r);
        await assertClean(t, results);
        assertEquals(r.extracted.length, f.values.length, `${f.file}: ${JSON.stringify(r.extracted)}`);
        results.push(await t.ok("view_draft_config", { client_id: f.client }));
        const v = await t.ok("validate_config", { client_id: f.client });
        results.push(v);
        assertEquals(v.errors.filter((e: { code: string }) => e.code === "PLAINTEXT_SECRET"), [], f.file);
      }
      await assertClean(t, results);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }));

Deno.test("MCP import_registry_server refuses a literal secret with validation_failed (PLAINTEXT_SECRET), as the CLI", () =>
  withMcp(async (t) => {
    const doc = await t.fail("import_registry_server", {
      server_json: {
        name: "io.example/leaky",
        description: "a server",
        version: "1.0.0",
        remotes: [{
          type: "streamable-http",
          url: "https://x.example.com/mcp",
          headers: [{ name: "Authorization", value: `Bearer ${V.jsonBearerArg}` }],
        }],
      },
    }, "validation_failed");
    assertEquals(doc.details.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`), [
      "PLAINTEXT_SECRET remotes[0].headers[0].value",
    ]);
    assert.ok(!ALL_VALUES.some((v) => JSON.stringify(doc).includes(v)));
    assertEquals(
      (await t.ok("import_registry_server", {
        server_json: {
          name: "io.example/tidy",
          description: "a server",
          version: "1.0.0",
          remotes: [{
            type: "streamable-http",
            url: "https://x.example.com/mcp",
            headers: [{
              name: "Authorization",
              value: "Bearer {token}",
              variables: { token: { isSecret: true } },
            }],
          }],
        },
      })).count,
      1,
    );
  }));

Deno.test("MCP validate_config and verify_config (all) report literal secrets older versions left, never the value", () =>
  withMcp(async (t) => {
    await t.ok("initialize_keys");
    await publish(t.deps, { client: "cursor", profile: "default", payload: JSON.parse(JSON_FILE) });
    const dir = join(t.home.home, "drafts", "cursor");
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(
      join(dir, "default.json"),
      JSON.stringify({
        client_id: "cursor",
        profile_id: "default",
        updated_at: null,
        servers: [{
          name: "pg",
          source: { custom: true },
          params: {},
          env: {},
          secret_refs: [],
          entry: { command: "npx", args: [`postgresql://app:${V.jsonPg}@db/app`] },
        }],
      }),
    );
    const v = await t.ok("validate_config", { client_id: "cursor" });
    assertEquals([v.valid, v.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`)], [
      false,
      ["PLAINTEXT_SECRET args[0]"],
    ]);
    const bad = await t.fail("verify_config", { all: true }, "integrity_error");
    const secrets = bad.details.problems.filter((p: { check: string }) => p.check === "secrets").map((
      p: { message: string },
    ) => p.message);
    assertEquals(secrets.length, 2, secrets.join("\n"));
    assert.ok(
      secrets.some((m: string) => m.includes('server "pg" args[2]') && m.includes("cursor/default")),
      secrets.join("\n"),
    );
    assert.ok(
      secrets.some((m: string) => m.includes('draft "cursor/default"') && m.includes('server "pg" args[0]')),
      secrets.join("\n"),
    );
    assert.ok(
      !ALL_VALUES.some((x) => JSON.stringify([v, bad]).includes(x)),
      "a result carries a secret value",
    );
  }));
