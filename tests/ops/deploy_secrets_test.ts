/** Secrets a user can live with (issue 14): the environment a client needs after a deploy, the
 * remembered --secrets mode, clients that cannot expand a reference, and rotated secrets in `status`. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { sha256Hex } from "../../src/core/digest.ts";

const VALUE = "tok-first-value-1234";
const PAYLOAD = {
  mcpServers: {
    api: { command: "node", args: ["/opt/api.js"], env: { API_TOKEN: "${API_TOKEN}", LOG_LEVEL: "debug" } },
    docs: {
      type: "http",
      url: "https://mcp.example.com/mcp",
      headers: { Authorization: "Bearer ${DOCS_TOKEN}" },
    },
  },
};

Deno.test("deploy names the variables a client must have and whether each is set (CLI text, JSON, MCP)", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await publish(d, { client: "claude-code", profile: "default", payload: PAYLOAD });
    h.env.DOCS_TOKEN = "set-in-env-value"; // set here, API_TOKEN not
    const text = await cli(h, ["deploy-config", "--client", "claude-code", "--dry-run"]);
    assertEquals(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /Environment the client must have \(it reads these references; values never shown\):/,
    );
    assert.match(text.stdout, / {2}API_TOKEN {3}NOT set here {2}api\n/);
    assert.match(text.stdout, / {2}DOCS_TOKEN {2}set here {6}docs\n/);
    assert.ok(!text.stdout.includes("set-in-env-value"));
    const json = await cli(h, ["--format", "json", "deploy-config", "--client", "claude-code"]);
    assertEquals(json.json.required_env, [
      { name: "API_TOKEN", set: false, servers: ["api"] },
      { name: "DOCS_TOKEN", set: true, servers: ["docs"] },
    ]);
    assertEquals(json.json.secrets_mode, "reference");
    // Literal: the stored value is written, so the client needs nothing for it.
    await setSecrets(d, { API_TOKEN: VALUE });
    const lit = await cli(h, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "claude-code",
      "--secrets",
      "literal",
    ]);
    assertEquals(lit.json.required_env.map((e: { name: string }) => e.name), ["DOCS_TOKEN"]);
  }));

Deno.test("MCP deploy_config reports required_env and secrets_mode", () =>
  withMcp(async (t) => {
    await init(t.deps);
    await publish(t.deps, { client: "cursor", profile: "default", payload: PAYLOAD });
    const r = await t.ok("deploy_config", { client_id: "cursor" });
    assertEquals(r.secrets_mode, "reference");
    assertEquals(r.required_env.map((e: { name: string; set: boolean }) => [e.name, e.set]), [
      ["API_TOKEN", false],
      ["DOCS_TOKEN", false],
    ]);
  }));

Deno.test("--secrets literal is remembered per target until --secrets reference (CLI and MCP)", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { API_TOKEN: VALUE, DOCS_TOKEN: "docs-token-value-99" });
    await publish(d, { client: "cursor", profile: "default", payload: PAYLOAD });
    const file = join(h.userHome, ".cursor", "mcp.json");
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor", "--secrets", "literal"])).code, 0);
    assert.ok((await Deno.readTextFile(file)).includes(VALUE));
    // A plain deploy (a new publish, or none) keeps the value where it is.
    await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { ...PAYLOAD.mcpServers, time: { command: "uvx", args: ["mcp-server-time"] } } },
    });
    const plain = await cli(h, ["--format", "json", "deploy-config", "--client", "cursor"]);
    assertEquals(plain.code, 0, plain.stderr);
    assertEquals(plain.json.secrets_mode, "literal");
    assertEquals(plain.json.changes.updated, []);
    assert.ok((await Deno.readTextFile(file)).includes(VALUE));
    assert.ok(!plain.stdout.includes(VALUE));
    // Told otherwise: references again, and remembered too.
    const back = await cli(h, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "cursor",
      "--secrets",
      "reference",
    ]);
    assertEquals(back.json.secrets_mode, "reference");
    assert.ok((await Deno.readTextFile(file)).includes("${env:API_TOKEN}"));
    const again = await cli(h, ["--format", "json", "deploy-config", "--client", "cursor"]);
    assertEquals([again.json.status, again.json.secrets_mode], ["unchanged", "reference"]);
  }));

Deno.test("MCP deploy_config without secrets keeps the literal mode of the last deploy", () =>
  withMcp(async (t) => {
    await init(t.deps);
    await setSecrets(t.deps, { API_TOKEN: VALUE, DOCS_TOKEN: "docs-token-value-99" });
    await publish(t.deps, { client: "gemini-cli", profile: "default", payload: PAYLOAD });
    await t.ok("deploy_config", { client_id: "gemini-cli", secrets: "literal" });
    const r = await t.ok("deploy_config", { client_id: "gemini-cli", dry_run: true });
    assertEquals(r.secrets_mode, "literal");
    assertEquals(r.changes.updated, []);
  }));

Deno.test("a client that cannot expand ${VAR} gets the stored value, or the deploy is refused naming it", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await publish(d, { client: "claude-desktop", profile: "default", payload: PAYLOAD });
    await setSecrets(d, { DOCS_TOKEN: "docs-token-value-99" });
    const file = join(h.userHome, ".config", "Claude", "claude_desktop_config.json");
    const r = await cli(h, ["--format", "json", "deploy-config", "--client", "claude-desktop"]);
    assertEquals(r.code, 4, r.stdout);
    assertEquals(r.json.error, "validation_failed");
    assert.match(r.json.message, /cannot expand references.*API_TOKEN/);
    assertEquals(r.json.details.variables, ["API_TOKEN"]);
    assert.match(r.json.details.hint, /--env API_TOKEN=VALUE/);
    assert.ok(!r.stdout.includes("docs-token-value-99"));
    assertEquals(await Deno.stat(file).catch(() => null), null, "nothing written");
    // Once stored, the value is written (no ${VAR} text) and the new file is private.
    await setSecrets(d, { API_TOKEN: VALUE });
    const ok = await cli(h, ["--format", "json", "deploy-config", "--client", "claude-desktop"]);
    assertEquals(ok.code, 0, ok.stdout);
    const text = await Deno.readTextFile(file);
    assert.ok(text.includes(VALUE) && !text.includes("${API_TOKEN}"));
    assertEquals((await Deno.stat(file)).mode! & 0o777, 0o600);
    assertEquals(ok.json.required_env, []);
  }));

Deno.test("MCP deploy_config refuses the same way for claude-desktop", () =>
  withMcp(async (t) => {
    await init(t.deps);
    await publish(t.deps, { client: "claude-desktop", profile: "default", payload: PAYLOAD });
    const e = await t.fail("deploy_config", { client_id: "claude-desktop" }, "validation_failed");
    assertEquals(e.details.variables, ["API_TOKEN", "DOCS_TOKEN"]);
  }));

Deno.test("a rotated secret makes status outdated (secret rotated), by keyed hash only", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { API_TOKEN: VALUE, DOCS_TOKEN: "docs-token-value-99" });
    await publish(d, { client: "cursor", profile: "default", payload: PAYLOAD });
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor", "--secrets", "literal"])).code, 0);
    const st = async () =>
      (await cli(h, ["--format", "json", "status", "--client", "cursor"])).json.targets[0];
    assertEquals((await st()).state, "up-to-date");
    // The log holds neither the value nor its plain SHA-256.
    const log = await Deno.readTextFile(join(h.home, "deployments", "cursor.jsonl"));
    assert.ok(!log.includes(VALUE) && !log.includes(await sha256Hex(new TextEncoder().encode(VALUE))));
    assert.match(log, /"secret_hashes":\{"API_TOKEN":"[0-9a-f]{64}","DOCS_TOKEN":"[0-9a-f]{64}"\}/);
    assertEquals((await Deno.stat(join(h.home, "keys", "secret-hash.key"))).mode! & 0o777, 0o600);

    await setSecrets(d, { API_TOKEN: "tok-rotated-value-5678" });
    const s = await st();
    assertEquals([s.state, s.rotated_secrets], ["outdated", ["API_TOKEN"]]);
    const text = await cli(h, ["status", "--client", "cursor"]);
    assert.match(text.stdout, /outdated \(secret rotated: API_TOKEN\)/);
    assert.ok(!text.stdout.includes("tok-rotated") && !text.stdout.includes(VALUE));
    // A plain deploy (literal remembered) writes the new value; status is up to date again.
    const dep = await cli(h, ["--format", "json", "deploy-config", "--client", "cursor"]);
    assertEquals([dep.json.status, dep.json.changes.updated], ["deployed", ["api"]]);
    assert.ok(
      (await Deno.readTextFile(join(h.userHome, ".cursor", "mcp.json"))).includes("tok-rotated-value-5678"),
    );
    assertEquals((await st()).state, "up-to-date");
  }));

Deno.test("MCP get_deployment_status reports rotated_secrets", () =>
  withMcp(async (t) => {
    await init(t.deps);
    await setSecrets(t.deps, { API_TOKEN: VALUE, DOCS_TOKEN: "docs-token-value-99" });
    await publish(t.deps, { client: "claude-desktop", profile: "default", payload: PAYLOAD });
    await t.ok("deploy_config", { client_id: "claude-desktop" });
    await setSecrets(t.deps, { DOCS_TOKEN: "docs-token-rotated-00" });
    const s = await t.ok("get_deployment_status", { client_id: "claude-desktop" });
    assertEquals([s.targets[0].state, s.targets[0].rotated_secrets], ["outdated", ["DOCS_TOKEN"]]);
  }));

Deno.test("CLI diffs and drift reports show DB_PATH / MEMORY_FILE_PATH values and hide GITHUB_PAT", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const pat = "patvalue-0123456789";
    await setSecrets(d, { GITHUB_PAT: pat });
    const env = {
      DB_PATH: "/home/me/db.sqlite",
      MEMORY_FILE_PATH: "/home/me/mem.json",
      GITHUB_PAT: "${GITHUB_PAT}",
    };
    await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { m: { command: "x", env } } },
    });
    const dry = await cli(h, ["deploy-config", "--client", "cursor", "--secrets", "literal", "--dry-run"]);
    assertEquals(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /"DB_PATH": "\/home\/me\/db\.sqlite"/);
    assert.match(dry.stdout, /"MEMORY_FILE_PATH": "\/home\/me\/mem\.json"/);
    assert.match(dry.stdout, /"GITHUB_PAT": "\*\*\*"/);
    assert.ok(!dry.stdout.includes(pat));
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor", "--secrets", "literal"])).code, 0);
    // Edited by hand: the drift report shows the paths, never the token.
    const file = join(h.userHome, ".cursor", "mcp.json");
    await Deno.writeTextFile(
      file,
      (await Deno.readTextFile(file)).replace("/home/me/db.sqlite", "/home/me/other.sqlite").replace(
        pat,
        pat + "X",
      ),
    );
    const drift = await cli(h, ["--format", "json", "deploy-config", "--client", "cursor"]);
    assertEquals([drift.code, drift.json.error], [6, "drift_detected"]);
    const shown = JSON.stringify(drift.json.details.conflicts[0].differences);
    assert.ok(shown.includes("/home/me/other.sqlite") && shown.includes("/home/me/db.sqlite"), shown);
    assert.ok(!shown.includes(pat), shown);
  }));

Deno.test("rollback --restore keeps the restored bytes' secrets mode and value hashes", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { API_TOKEN: VALUE, DOCS_TOKEN: "docs-token-value-99" });
    await publish(d, { client: "cursor", profile: "default", payload: PAYLOAD });
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor", "--secrets", "literal"])).code, 0);
    const d2 = await cli(h, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "cursor",
      "--secrets",
      "reference",
    ]);
    assertEquals(d2.json.status, "deployed");
    const r = await cli(h, [
      "--format",
      "json",
      "rollback",
      "--client",
      "cursor",
      "--restore",
      d2.json.deployment_id,
    ]);
    assertEquals([r.code, r.json.status], [0, "restored"], r.stdout);
    assert.ok((await Deno.readTextFile(join(h.userHome, ".cursor", "mcp.json"))).includes(VALUE));
    await setSecrets(d, { API_TOKEN: "tok-rotated-value-5678" });
    const s = (await cli(h, ["--format", "json", "status", "--client", "cursor"])).json.targets[0];
    assertEquals([s.state, s.rotated_secrets], ["outdated", ["API_TOKEN"]]);
    const plain = await cli(h, ["--format", "json", "deploy-config", "--client", "cursor"]);
    assertEquals([plain.json.secrets_mode, plain.json.changes.updated], ["literal", ["api"]]);
  }));

Deno.test("required_env follows the client's expansion rules: a ${VAR:-default} Claude Code expands is not required", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const payload = {
      mcpServers: {
        s: { command: "node", args: ["--level=${LEVEL:-info}"], env: { API_TOKEN: "${API_TOKEN}" } },
      },
    };
    await publish(d, { client: "claude-code", profile: "default", payload });
    await publish(d, { client: "cursor", profile: "default", payload });
    const names = async (client: string) =>
      (await cli(h, ["--format", "json", "deploy-config", "--client", client])).json.required_env.map((
        e: { name: string },
      ) => e.name);
    assertEquals(await names("claude-code"), ["API_TOKEN"]);
    // Cursor's ${env:VAR} has no default: it needs LEVEL too.
    assertEquals(await names("cursor"), ["API_TOKEN", "LEVEL"]);
  }));
