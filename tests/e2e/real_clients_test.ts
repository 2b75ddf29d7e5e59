/**
 * Claude Code's real reader on what `connect` and `deploy-config`'s required_env say, with HOME in a temp
 * folder. Skipped, saying so, when claude is not installed (.ci/run installs it from npm when it can).
 * That each real client reads what we deploy is tests/e2e/real_readers_test.ts.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { findClientBinary, realClientEnv } from "./real_clients.ts";

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
    // Run from source, the entry keeps `deno run` from asking dl.deno.land for updates at each start.
    const entry = JSON.parse(await Deno.readTextFile(`${home}/.claude.json`)).mcpServers["mcp-orchestration"];
    assertEquals(entry.env, { DENO_NO_UPDATE_CHECK: "1" });
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
