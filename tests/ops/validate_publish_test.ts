import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertRejectsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { validateConfig } from "../../src/ops/validate_config.ts";
import { publishDraft } from "../../src/ops/publish_draft.ts";
import { init } from "../../src/ops/init.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { viewDraft } from "../../src/ops/view_draft.ts";
import { updateDraft } from "../../src/store/drafts.ts";
import { AppError } from "../../src/core/errors.ts";
import { validateServers } from "../../src/core/validation.ts";
import { getClient } from "../../src/clients/registry.ts";

const codes = (xs: { code: string }[]) => xs.map((x) => x.code).sort();

Deno.test("validate-config: MISSING_ENV, then fixed; defaults applied; MISSING_PARAM and DEPRECATED_SERVER", () =>
  withHome(async (h) => {
    const d = h.deps();
    const empty = await validateConfig(d, {});
    assertEquals([empty.valid, codes(empty.errors)], [false, ["EMPTY_CONFIG"]]);
    await addServer(d, { id: "github" });
    await addServer(d, { id: "redis" });
    const r = await validateConfig(d, {});
    assertEquals(r.valid, false);
    assertEquals(r.errors.map((e) => [e.code, e.server, e.message]), [
      ["MISSING_ENV", "github", "Server 'github' requires GITHUB_PERSONAL_ACCESS_TOKEN"],
    ]);
    assertEquals(r.server_count, 2);
    // The default --url of redis is applied.
    assert.ok(
      (await viewDraft(d, {})).entries[1].entry.args?.toString().includes("redis://localhost:6379/0"),
    );
    await addServer(d, {
      id: "github",
      replace: true,
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" },
    });
    assertEquals((await validateConfig(d, {})).valid, true);
    await addServer(d, { id: "postgres" });
    const p = await validateConfig(d, {});
    assertEquals(codes(p.errors), ["MISSING_PARAM"]);
    assertEquals(p.errors[0].param, "connection_string");
    assert.ok(codes(p.warnings).includes("DEPRECATED_SERVER"));
    const u = await validateConfig(d, { client: "nope" });
    assertEquals(codes(u.errors), ["EMPTY_CONFIG", "UNKNOWN_CLIENT"]);
  }));

Deno.test("validation rules: every code, secrets never quoted", () => {
  const cd = getClient("claude-desktop"), codex = getClient("codex");
  const run = (servers: { name: string; entry: unknown }[], client = cd, stored: string[] = []) =>
    validateServers(client.id, client, servers, new Set(stored));
  const bad = run([
    { name: "a", entry: { args: ["x"] } },
    { name: "b", entry: { command: "x", args: "nope" } },
    { name: "c", entry: { command: "x", env: { A: 1 } } },
    { name: "d", entry: { command: "x", env: { A: "" } } },
    { name: "e", entry: { command: "x", env: { GITHUB_TOKEN: "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" } } },
    { name: "f", entry: { type: "http", url: "not a url" } },
    { name: "g", entry: { command: "x", args: ["{path}"] } },
    { name: "h", entry: { command: "x", env: { T: "${MISSING}" } } },
    { name: "i", entry: { type: "http", url: "https://x.example/mcp" } },
    {
      name: "j",
      entry: { command: "x", env: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, "1"])) },
    },
  ]);
  assertEquals(codes(bad.errors), [
    "INVALID_ARGS_TYPE",
    "INVALID_ENV_TYPE",
    "INVALID_URL",
    "MISSING_COMMAND",
    "PLAINTEXT_SECRET",
    "TOO_MANY_ENV_VARS",
    "UNRESOLVED_PLACEHOLDER",
    "UNRESOLVED_PLACEHOLDER",
  ]);
  assertEquals(codes(bad.warnings), ["EMPTY_ENV_VAR", "UNSUPPORTED_TRANSPORT"]);
  assert.match(bad.warnings.find((w) => w.code === "UNSUPPORTED_TRANSPORT")!.message, /mcp-remote/);
  assert.ok(!JSON.stringify(bad).includes("ghp_ABCDEFGHIJ"));
  // A client with a reference syntax only warns about an unstored ${VAR}; SSE on http-only is bridged.
  const cx = run([{ name: "h", entry: { command: "x", env: { T: "${MISSING}" } } }, {
    name: "s",
    entry: { type: "sse", url: "https://x/sse" },
  }], codex);
  assertEquals([cx.valid, codes(cx.warnings)], [true, ["UNRESOLVED_PLACEHOLDER", "UNSUPPORTED_TRANSPORT"]]);
  assertEquals(
    codes(run([{ name: "h", entry: { command: "x", env: { T: "${S}" } } }], cd, ["S"]).errors),
    [],
  );
  const many = run(Array.from({ length: 51 }, (_, i) => ({ name: `s${i}`, entry: { command: "x" } })));
  assertEquals(codes(many.errors), ["TOO_MANY_SERVERS"]);
  assertEquals(
    codes(validateServers("zz", null, [{ name: "a", entry: { command: "x" } }], new Set()).errors),
    ["UNKNOWN_CLIENT"],
  );
});

Deno.test("publish-config from the draft: refused with every error listed, then published; the draft stays", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await addServer(d, { id: "github" });
    await addServer(d, { id: "bad", command: "x", args: ["{placeholder}"] });
    const e = await assertRejects(() => publishDraft(d, { client: "claude-desktop" }), "validation_failed");
    assert.ok(e instanceof AppError);
    assertEquals(codes(e.details.errors as { code: string }[]), ["MISSING_ENV", "UNRESOLVED_PLACEHOLDER"]);
    await updateDraft(
      d,
      "claude-desktop",
      "default",
      (x) => ({ draft: { ...x, servers: x.servers.slice(0, 1) }, result: null }),
    );
    await addServer(d, {
      id: "github",
      replace: true,
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: "tok-secret-value-1" },
    });
    const r = await publishDraft(d, { client: "claude-desktop", changelog: "first" });
    assertEquals([r.status, r.version, r.server_count, r.changelog], ["published", 1, 1, "first"]);
    const got = await getConfig(d, { client: "claude-desktop" });
    assertEquals((got.payload.mcpServers.github as { env: Record<string, string> }).env, {
      GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}",
    });
    const art = await Deno.readTextFile(join(h.home, "artifacts", `${r.artifact_id}.json`));
    assert.ok(!art.includes("tok-secret-value-1"));
    assertEquals((await viewDraft(d, {})).server_count, 1);
    assertEquals((await publishDraft(d, { client: "claude-desktop" })).status, "unchanged");
    await assertRejectsCode(() => publishDraft(d, { client: "cursor" }), "validation_failed");
  }));
