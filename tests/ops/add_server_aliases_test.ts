/** The seed's own commands, verbatim (issue 14): `add-server filesystem --param path=…`, `add-server github
 * --env GITHUB_TOKEN=…` and `add-server postgres --param connection=…` map the names guides use to the
 * catalogue's own, say so, and give the entry each server needs; a secret given under an alias still goes
 * to secrets.json only. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { readSecrets } from "../../src/store/secrets.ts";

const TOKEN = "ghp_EXAMPLEnotARealToken000000000000000";
const PG = "postgresql://app:pg-pass-1234@localhost/mydb";

async function draftText(home: string): Promise<string> {
  return await Deno.readTextFile(join(home, "drafts", "claude-desktop", "default.json"));
}

Deno.test("add-server filesystem --param path=DIR: path -> allowed_directory, the directory is the last arg", () =>
  withHome(async (h) => {
    const t = await cli(h, ["add-server", "filesystem", "--param", "path=/Users/you/Documents"]);
    assertEquals(t.code, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /--param path -> allowed_directory/);
    const v = await cli(h, ["--format", "json", "view-draft"]);
    const entry = v.json.entries[0].entry;
    assertEquals(entry.args, ["-y", "@modelcontextprotocol/server-filesystem", "/Users/you/Documents"]);
    const j = await cli(h, [
      "--format",
      "json",
      "add-server",
      "filesystem",
      "--name",
      "fs2",
      "--param",
      "dir=/srv",
    ]);
    assertEquals(j.json.aliases, [{ kind: "param", given: "dir", used: "allowed_directory" }]);
    const both = await cli(h, [
      "--format",
      "json",
      "add-server",
      "filesystem",
      "--name",
      "fs3",
      "--param",
      "path=/a",
      "--param",
      "allowed_directory=/b",
    ]);
    assertEquals([both.code, both.json.error], [2, "invalid_input"]);
    assert.match(both.json.message, /give it once/);
  }));

Deno.test("add-server github --env GITHUB_TOKEN=…: stored as GITHUB_PERSONAL_ACCESS_TOKEN, never in the draft", () =>
  withHome(async (h) => {
    await init(h.deps());
    const t = await cli(h, ["add-server", "github", "--env", `GITHUB_TOKEN=${TOKEN}`]);
    assertEquals(t.code, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /--env GITHUB_TOKEN -> GITHUB_PERSONAL_ACCESS_TOKEN/);
    assert.match(t.stdout, /secrets stored in secrets\.json: GITHUB_PERSONAL_ACCESS_TOKEN/);
    assert.ok(!t.stdout.includes(TOKEN) && !t.stdout.includes("warning"), t.stdout);
    assertEquals(await readSecrets(h.deps()), { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN });
    assert.ok(!(await draftText(h.home)).includes(TOKEN));
    const entry = (await cli(h, ["--format", "json", "view-draft"])).json.entries[0].entry;
    assertEquals(entry.env, { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}" });
    assert.ok(entry.args.includes("GITHUB_PERSONAL_ACCESS_TOKEN") && !entry.args.includes("GITHUB_TOKEN"));
    // Published and deployed to Claude Desktop: the server gets the variable it reads, with the value.
    assertEquals((await cli(h, ["publish-config", "--client", "claude-desktop"])).code, 0);
    assertEquals((await cli(h, ["deploy-config", "--client", "claude-desktop"])).code, 0);
    const file = JSON.parse(
      await Deno.readTextFile(join(h.userHome, ".config", "Claude", "claude_desktop_config.json")),
    );
    assertEquals(file.mcpServers.github.env, { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN });
  }));

Deno.test("add-server postgres --param connection=URL: connection -> connection_string, the URL is the arg", () =>
  withHome(async (h) => {
    await init(h.deps());
    const t = await cli(h, ["--format", "json", "add-server", "postgres", "--param", `connection=${PG}`]);
    assertEquals(t.code, 0, t.stdout + t.stderr);
    assertEquals(t.json.aliases, [{ kind: "param", given: "connection", used: "connection_string" }]);
    assert.ok(!t.stdout.includes("pg-pass-1234") && !(await draftText(h.home)).includes("pg-pass-1234"));
    assertEquals((await cli(h, ["publish-config", "--client", "claude-desktop"])).code, 0);
    assertEquals((await cli(h, ["deploy-config", "--client", "claude-desktop"])).code, 0);
    const file = JSON.parse(
      await Deno.readTextFile(join(h.userHome, ".config", "Claude", "claude_desktop_config.json")),
    );
    assertEquals(file.mcpServers.postgres.args, ["-y", "@modelcontextprotocol/server-postgres", PG]);
  }));

Deno.test("MCP add_server_to_config takes the same aliases and reports them", () =>
  withMcp(async (t) => {
    const fs = await t.ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "filesystem",
      params: { path: "/srv/docs" },
    });
    assertEquals(fs.aliases, [{ kind: "param", given: "path", used: "allowed_directory" }]);
    const gh = await t.ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "github",
      env_vars: { GITHUB_TOKEN: TOKEN },
    });
    assertEquals(gh.aliases, [{ kind: "env", given: "GITHUB_TOKEN", used: "GITHUB_PERSONAL_ACCESS_TOKEN" }]);
    assertEquals(gh.secrets_stored, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    assert.ok(!JSON.stringify(gh).includes(TOKEN));
  }));

const TOKEN2 = "ghp_ROTATEDnotARealToken11111111111111";

async function claudeCodeDraft(home: string): Promise<string> {
  return await Deno.readTextFile(join(home, "drafts", "claude-code", "default.json"));
}

Deno.test("set-server takes the aliases add-server took: the given alias replaces the stored value", () =>
  withHome(async (h) => {
    await init(h.deps());
    const cc = ["--client", "claude-code"];
    assertEquals((await cli(h, ["add-server", "github", ...cc, "--env", `GITHUB_TOKEN=${TOKEN}`])).code, 0);
    assertEquals((await cli(h, ["add-server", "filesystem", ...cc, "--param", "path=/srv"])).code, 0);
    // A rotated token under the alias: stored in secrets.json under the real name, never in the draft.
    const t = await cli(h, ["set-server", "github", ...cc, "--env", `GITHUB_TOKEN=${TOKEN2}`]);
    assertEquals(t.code, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /Updated github: env\.GITHUB_PERSONAL_ACCESS_TOKEN/);
    assert.match(t.stdout, /--env GITHUB_TOKEN -> GITHUB_PERSONAL_ACCESS_TOKEN/);
    assert.match(t.stdout, /Stored in secrets\.json: GITHUB_PERSONAL_ACCESS_TOKEN/);
    assert.ok(!t.stdout.includes(TOKEN2) && !t.stderr.includes(TOKEN2), t.stdout);
    assertEquals(await readSecrets(h.deps()), { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN2 });
    let draft = await claudeCodeDraft(h.home);
    assert.ok(!draft.includes(TOKEN2) && !draft.includes(TOKEN) && !draft.includes("GITHUB_TOKEN"), draft);
    // A param alias: path -> allowed_directory, the new directory replaces the stored one.
    const p = await cli(h, ["--format", "json", "set-server", "filesystem", ...cc, "--param", "path=/opt"]);
    assertEquals(p.code, 0, p.stdout + p.stderr);
    assertEquals(p.json.changed, ["param.allowed_directory"]);
    assertEquals(p.json.aliases, [{ kind: "param", given: "path", used: "allowed_directory" }]);
    const v = await cli(h, ["--format", "json", "view-draft", ...cc]);
    const fs = v.json.entries.find((e: { name: string }) => e.name === "filesystem").entry;
    assertEquals(fs.args, ["-y", "@modelcontextprotocol/server-filesystem", "/opt"]);
    draft = await claudeCodeDraft(h.home);
    assert.ok(!draft.includes("/srv") && !draft.includes('"path"'), draft);
    // One call giving both names of one input is still refused, and nothing changes.
    const both = await cli(h, [
      "--format",
      "json",
      "set-server",
      "github",
      ...cc,
      "--env",
      `GITHUB_TOKEN=${TOKEN}`,
      "--env",
      `GITHUB_PERSONAL_ACCESS_TOKEN=${TOKEN}`,
    ]);
    assertEquals([both.code, both.json.error], [2, "invalid_input"]);
    assert.match(both.json.message, /give it once/);
    assert.ok(!both.stdout.includes(TOKEN));
    assertEquals(await readSecrets(h.deps()), { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN2 });
  }));

Deno.test("MCP set_server_in_config takes the same aliases over stored values and reports them", () =>
  withMcp(async (t) => {
    const target = { client_id: "claude-code" };
    await t.ok("add_server_to_config", { ...target, server_id: "github", env_vars: { GITHUB_TOKEN: TOKEN } });
    await t.ok("add_server_to_config", { ...target, server_id: "filesystem", params: { path: "/srv" } });
    const gh = await t.ok("set_server_in_config", {
      ...target,
      server_name: "github",
      env_vars: { GITHUB_TOKEN: TOKEN2 },
    });
    assertEquals(gh.aliases, [{ kind: "env", given: "GITHUB_TOKEN", used: "GITHUB_PERSONAL_ACCESS_TOKEN" }]);
    assertEquals([gh.changed, gh.secrets_stored], [["env.GITHUB_PERSONAL_ACCESS_TOKEN"], [
      "GITHUB_PERSONAL_ACCESS_TOKEN",
    ]]);
    assert.ok(!JSON.stringify(gh).includes(TOKEN2));
    assertEquals(await readSecrets(t.deps), { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN2 });
    assert.ok(!(await claudeCodeDraft(t.home.home)).includes(TOKEN2));
    const fs = await t.ok("set_server_in_config", {
      ...target,
      server_name: "filesystem",
      params: { path: "/opt" },
    });
    assertEquals(fs.aliases, [{ kind: "param", given: "path", used: "allowed_directory" }]);
    const draft = JSON.parse(await claudeCodeDraft(t.home.home));
    const entry = draft.servers.find((s: { name: string }) => s.name === "filesystem").entry;
    assertEquals(entry.args, ["-y", "@modelcontextprotocol/server-filesystem", "/opt"]);
  }));
