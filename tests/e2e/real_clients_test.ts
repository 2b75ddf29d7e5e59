/**
 * The real clients read what we deploy: `claude mcp list`, `codex mcp list --json`, `gemini mcp list`,
 * each with HOME (and CODEX_HOME) in a temp folder. Skipped, saying so, when a client is not installed
 * (.ci/run installs them from npm when it can).
 */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { findClientBinary, realClientEnv } from "./real_clients.ts";

const PAYLOAD = {
  mcpServers: {
    "local-echo": { command: "node", args: ["-e", "process.exit(0)"], env: { PLAIN: "hello" } },
    "remote-http": { type: "http", url: "http://127.0.0.1:9/mcp", headers: { "X-Team": "blue" } },
  },
};

async function run(bin: string, args: string[], env: Record<string, string>, cwd: string) {
  const out = await new Deno.Command(bin, {
    args,
    env,
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(90_000),
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  return { code: out.code, stdout, text: stdout + new TextDecoder().decode(out.stderr) };
}

async function deployFor(client: string, home: string, env: Record<string, string>) {
  await Deno.writeTextFile(join(home, "servers.json"), JSON.stringify(PAYLOAD));
  for (
    const args of [
      ["init"],
      ["publish-config", "--client", client, "--file", join(home, "servers.json")],
      ["deploy-config", "--client", client],
    ]
  ) {
    const r = await runCli([...args, "--format", "json"], env);
    assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  }
}

function realTest(name: string, binary: string, fn: (bin: string, home: string) => Promise<void>) {
  const bin = findClientBinary(binary);
  if (!bin) {
    console.log(`SKIPPED: ${name}: the real "${binary}" CLI is not installed (npm package unavailable)`);
  }
  Deno.test({
    name,
    ignore: bin === null,
    sanitizeResources: false,
    fn: async () => {
      const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-real-" }));
      try {
        await fn(bin!, home);
      } finally {
        await Deno.remove(home, { recursive: true });
      }
    },
  });
}

realTest("claude mcp list reads what we deployed for claude-code", "claude", async (bin, home) => {
  await deployFor("claude-code", home, { HOME: home });
  const r = await run(bin, ["mcp", "list"], realClientEnv(home, bin), home);
  assert.match(r.text, /local-echo: node -e process\.exit\(0\)/, r.text);
  assert.match(r.text, /remote-http: http:\/\/127\.0\.0\.1:9\/mcp \(HTTP\)/, r.text);
  const get = await run(bin, ["mcp", "get", "local-echo"], realClientEnv(home, bin), home);
  assert.match(get.text, /PLAIN=hello/, get.text);
});

realTest("codex mcp list --json reads what we deployed for codex", "codex", async (bin, home) => {
  await deployFor("codex", home, { HOME: home });
  const r = await run(bin, ["mcp", "list", "--json"], realClientEnv(home, bin), home);
  const list = JSON.parse(r.stdout);
  const byName = Object.fromEntries(list.map((s: { name: string }) => [s.name, s]));
  assertEquals(Object.keys(byName).sort(), ["local-echo", "remote-http"]);
  assertEquals(byName["local-echo"].transport.command, "node");
  assertEquals(byName["local-echo"].transport.env, { PLAIN: "hello" });
  assertEquals(byName["remote-http"].transport.url, "http://127.0.0.1:9/mcp");
});

realTest("gemini mcp list reads what we deployed for gemini-cli", "gemini", async (bin, home) => {
  await deployFor("gemini-cli", home, { HOME: home });
  // Gemini disables servers of untrusted folders; trust the temp folder we run it in.
  await Deno.writeTextFile(
    join(home, ".gemini", "trustedFolders.json"),
    JSON.stringify({ [home]: "TRUST_FOLDER" }),
  );
  const r = await run(bin, ["mcp", "list"], realClientEnv(home, bin), home);
  assert.match(r.text, /local-echo: node -e process\.exit\(0\) \(stdio\)/, r.text);
  assert.match(r.text, /remote-http: http:\/\/127\.0\.0\.1:9\/mcp \(http\)/, r.text);
});

realTest(
  "after `connect claude-code`, claude mcp list reports our server Connected",
  "claude",
  async (bin, home) => {
    const { realDenoDir } = await import("../../scripts/deno_dir.ts");
    // connect logs its write in the signed deployment log: the signing key comes first.
    assertEquals((await runCli(["init", "--format", "json"], { HOME: home })).code, 0);
    const c = await runCli(["connect", "claude-code", "--format", "json"], { HOME: home });
    assertEquals(c.code, 0, c.stdout + c.stderr);
    assertEquals(c.json.status, "connected");
    // The server claude starts runs with claude's environment: keep the real Deno cache.
    const env = { ...realClientEnv(home, bin), DENO_DIR: await realDenoDir() };
    const r = await run(bin, ["mcp", "list"], env, home);
    assert.match(r.text, /mcp-orchestration: .*serve.* - ✔ Connected/, r.text);
  },
);

realTest(
  "deploy's required_env names exactly the variables real `claude mcp list` reports missing",
  "claude",
  async (bin, home) => {
    const payload = {
      mcpServers: {
        api: {
          command: "node",
          args: ["-e", "process.exit(0)", "--level=${LEVEL:-info}"],
          env: { API_TOKEN: "${API_TOKEN}", LOG: "x" },
        },
        docs: {
          type: "http",
          url: "http://127.0.0.1:9/mcp",
          headers: { Authorization: "Bearer ${DOCS_TOKEN}" },
        },
        plain: { command: "node", args: ["-e", "process.exit(0)"], env: { SET_HERE: "${SET_HERE}" } },
      },
    };
    await Deno.writeTextFile(join(home, "servers.json"), JSON.stringify(payload));
    const env = { HOME: home, SET_HERE: "present" };
    for (
      const args of [["init"], [
        "publish-config",
        "--client",
        "claude-code",
        "--file",
        join(home, "servers.json"),
      ]]
    ) {
      assertEquals((await runCli([...args, "--format", "json"], env)).code, 0);
    }
    const dep = await runCli(["deploy-config", "--client", "claude-code", "--format", "json"], env);
    assertEquals(dep.code, 0, dep.stdout + dep.stderr);
    const unset = dep.json.required_env.filter((e: { set: boolean }) => !e.set).map((e: { name: string }) =>
      e.name
    );
    assertEquals(unset, ["API_TOKEN", "DOCS_TOKEN"]);
    assertEquals(dep.json.required_env.find((e: { name: string }) => e.name === "SET_HERE").set, true);
    const r = await run(bin, ["mcp", "list"], { ...realClientEnv(home, bin), SET_HERE: "present" }, home);
    const missing = [...r.text.matchAll(/Missing environment variables: ([A-Z0-9_, ]+)/g)]
      .flatMap((m) => m[1].split(/,\s*/)).map((s) => s.trim()).filter(Boolean).sort();
    assertEquals(missing, unset, r.text);
    const get = await run(bin, ["mcp", "get", "docs"], realClientEnv(home, bin), home);
    assert.match(get.text, /Authorization: Bearer \$\{DOCS_TOKEN\}/, get.text);
  },
);
