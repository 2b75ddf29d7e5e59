/**
 * The server names each real reader refuses or drops, and the ones it loads, checked with the real
 * client (`claude mcp list`, `gemini mcp list`, `codex mcp list --json`, HOME and CODEX_HOME in a temp
 * folder). A refused name is written by hand (we refuse to write it) to show what the client does with
 * it; the allowed names go through publish-config and deploy-config and must all load. Skipped, saying
 * so, when a client is not installed.
 *
 * Codex: `codex mcp list` shows every name; only a session refuses one (at MCP start-up, "Invalid MCP
 * server name 'a b': must match pattern ^[a-zA-Z0-9_:@/.-]+$" in 0.171, `^[a-zA-Z0-9_-]+$` up to 0.47).
 * A session reaches out to the network (model, plugin catalogue), so it is not run here; RELIABILITY.md
 * has the command. We keep the narrow rule.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { realClientEnv, realClientTest, runClient } from "./real_clients.ts";

const LONG = "a".repeat(64);
const LOCAL = { command: "node", args: ["-e", "process.exit(0)"] };

/** Publishes `names` (each a local server) for `client` and deploys them; asserts our side refuses none. */
async function deployNames(client: string, home: string, names: string[]) {
  const file = join(home, "servers.json");
  await Deno.writeTextFile(
    file,
    JSON.stringify({ mcpServers: Object.fromEntries(names.map((n) => [n, LOCAL])) }),
  );
  for (
    const args of [["init"], ["publish-config", "--client", client, "--file", file], [
      "deploy-config",
      "--client",
      client,
    ]]
  ) {
    const r = await runCli([...args, "--format", "json"], { HOME: home });
    assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  }
}

/** Our CLI refuses `name` for `client` (exit 2, invalid_input). */
async function weRefuse(client: string, home: string, name: string) {
  const r = await runCli(["add-server", name, "--client", client, "--command", "node", "--format", "json"], {
    HOME: home,
  });
  assertEquals([r.code, r.json?.error], [2, "invalid_input"], `${client} ${name}: ${r.stdout}`);
}

realClientTest(
  "claude: a server named constructor loses every server, __proto__ is dropped; we refuse both",
  "claude",
  async (bin, home) => {
    const env = realClientEnv(home, bin);
    const file = join(home, ".claude.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        mcpServers: { "ok-one": { type: "stdio", ...LOCAL }, constructor: { type: "stdio", ...LOCAL } },
      }),
    );
    const broken = await runClient(bin, ["mcp", "list"], env, home);
    assert.match(broken.text, /expected record, received object/, broken.text);
    assert.doesNotMatch(broken.text, /ok-one:/, broken.text);
    const entry = JSON.stringify({ type: "stdio", ...LOCAL });
    await Deno.writeTextFile(file, `{"mcpServers": {"ok-one": ${entry}, "__proto__": ${entry}}}`);
    const dropped = await runClient(bin, ["mcp", "list"], env, home);
    assert.match(dropped.text, /ok-one:/, dropped.text);
    assert.doesNotMatch(dropped.text, /__proto__/, dropped.text);
    await Deno.remove(file);
    for (const n of ["constructor", "__proto__"]) await weRefuse("claude-code", home, n);
  },
);

realClientTest("claude mcp list loads every name we allow for claude-code", "claude", async (bin, home) => {
  const names = ["toString", "hasOwnProperty", "prototype", "valueOf", "a.b", "Upper_Case-1", "x", LONG];
  await deployNames("claude-code", home, names);
  const r = await runClient(bin, ["mcp", "list"], realClientEnv(home, bin), home);
  for (const n of names) {
    assert.ok(r.text.includes(`\n${n}: node -e process.exit(0)`), `${n} not loaded:\n${r.text}`);
  }
});

realClientTest(
  "gemini: a server named __proto__ is dropped; we refuse it and allow the rest",
  "gemini",
  async (bin, home) => {
    await Deno.mkdir(join(home, ".gemini"));
    // Gemini disables servers of untrusted folders; trust the temp folder we run it in.
    await Deno.writeTextFile(
      join(home, ".gemini", "trustedFolders.json"),
      JSON.stringify({ [home]: "TRUST_FOLDER" }),
    );
    const env = realClientEnv(home, bin);
    const settings = join(home, ".gemini", "settings.json");
    const entry = JSON.stringify(LOCAL);
    await Deno.writeTextFile(settings, `{"mcpServers": {"ok-one": ${entry}, "__proto__": ${entry}}}`);
    const dropped = await runClient(bin, ["mcp", "list"], env, home);
    assert.match(dropped.text, /ok-one: node/, dropped.text);
    assert.doesNotMatch(dropped.text, /__proto__/, dropped.text);
    await Deno.remove(settings);
    await weRefuse("gemini-cli", home, "__proto__");
    const names = [
      "constructor",
      "toString",
      "prototype",
      "hasOwnProperty",
      "a.b",
      "Upper_Case-1",
      "x",
      LONG,
    ];
    await deployNames("gemini-cli", home, names);
    const r = await runClient(bin, ["mcp", "list"], env, home);
    for (const n of names) {
      assert.ok(
        r.text.includes(` ${n}: node -e process.exit(0) (stdio)`),
        `${n} not loaded:\n${r.text}`,
      );
    }
  },
);

realClientTest(
  "codex mcp list loads every name we allow for codex; we refuse the others",
  "codex",
  async (bin, home) => {
    for (const n of ["a.b", "a b", "é", "__proto__"]) await weRefuse("codex", home, n);
    const names = ["constructor", "toString", "Upper_Case-1", "under_score", "x", "123", LONG];
    await deployNames("codex", home, names);
    const r = await runClient(bin, ["mcp", "list", "--json"], realClientEnv(home, bin), home);
    const listed = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))).map((s: { name: string }) => s.name);
    assertEquals(listed.sort(), [...names].sort());
  },
);
