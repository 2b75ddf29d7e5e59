/** Issue 14, "Running it": `deno task start` from the caller's folder, `deno task install` (an
 * `mcp-orchestration` on PATH that works from any folder and offline), a bare invocation in a terminal
 * prints the help, and every command's --help shows examples. */
import { assert, assertEquals } from "../core/assert.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withHome } from "../helpers/home.ts";
import { withDefaultCommand } from "../../src/cli/argv.ts";
import { COMMANDS } from "../../src/cli/commands/mod.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const denoDir = await realDenoDir();
const dec = new TextDecoder();

/** How this machine's Deno reaches the npm registry (a proxy's CA), kept for the caching step. */
const TLS_ENV = Object.fromEntries(
  ["DENO_TLS_CA_STORE", "DENO_CERT"].flatMap((k) => Deno.env.get(k) ? [[k, Deno.env.get(k)!]] : []),
);

async function run(cmd: string, args: string[], cwd: string, env: Record<string, string>) {
  const out = await new Deno.Command(cmd, {
    args,
    cwd,
    env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...TLS_ENV, ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const SERVERS = JSON.stringify({
  mcpServers: { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] } },
});

Deno.test("deno task start resolves relative paths against the caller's folder, not the clone", async () => {
  const home = await Deno.makeTempDir({ prefix: "mcpo-start-" });
  try {
    const work = `${home}/work`;
    await Deno.mkdir(work);
    await Deno.writeTextFile(`${work}/servers.json`, SERVERS);
    const env = { HOME: home };
    const task = (...a: string[]) =>
      run(Deno.execPath(), ["task", "--quiet", "--config", `${REPO}deno.json`, "start", ...a], work, env);
    assertEquals((await task("init")).code, 0);
    const p = await task("publish-config", "--client", "claude-code", "--file", "servers.json");
    assertEquals(p.code, 0, p.stderr);
    // --scope project with the default folder (the current one): the caller's, not the clone's.
    const d = await task(
      "deploy-config",
      "--client",
      "claude-code",
      "--scope",
      "project",
      "--format",
      "json",
    );
    assertEquals(d.code, 0, d.stderr);
    assertEquals(JSON.parse(d.stdout).config_path, `${work}/.mcp.json`);
    assert.ok(JSON.parse(await Deno.readTextFile(`${work}/.mcp.json`)).mcpServers.memory);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("deno task install puts mcp-orchestration on PATH; it runs from any folder and offline", async () => {
  const home = await Deno.makeTempDir({ prefix: "mcpo-install-" });
  try {
    const root = `${home}/deno-root`;
    const inst = await run(Deno.execPath(), ["task", "--quiet", "install"], REPO, {
      HOME: home,
      DENO_INSTALL_ROOT: root,
    });
    assertEquals(inst.code, 0, inst.stderr);
    const script = await Deno.readTextFile(`${root}/bin/mcp-orchestration`);
    for (const flag of ["--allow-read", "--allow-write", "--no-prompt", "--ignore-env="]) {
      assert.ok(script.includes(flag), `the installed command lacks ${flag}: ${script}`);
    }
    const elsewhere = `${home}/elsewhere`;
    await Deno.mkdir(elsewhere);
    await Deno.writeTextFile(`${elsewhere}/servers.json`, SERVERS);
    // No network: every request goes to a proxy that refuses connections.
    const offline = {
      HOME: home,
      PATH: `${root}/bin:${Deno.env.get("PATH")}`,
      HTTP_PROXY: "http://127.0.0.1:9",
      HTTPS_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "",
    };
    const cmd = (...a: string[]) => run("mcp-orchestration", a, elsewhere, offline);
    assertEquals((await cmd("init")).code, 0);
    const p = await cmd("publish-config", "--client", "cursor", "--file", "servers.json", "--format", "json");
    assertEquals(p.code, 0, p.stderr);
    const d = await cmd("deploy-config", "--client", "cursor", "--dry-run", "--format", "json");
    assertEquals(d.code, 0, d.stderr);
    assert.match(JSON.parse(d.stdout).diff, /server-memory/);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a bare invocation prints the help in a terminal and serves MCP otherwise", async () => {
  assertEquals(withDefaultCommand([], true), ["--help"]);
  assertEquals(withDefaultCommand(["--home", "/h"], true), ["--home", "/h", "--help"]);
  assertEquals(withDefaultCommand([], false), ["serve"]);
  assertEquals(withDefaultCommand(["status"], true), ["status"]);
  // Through a real terminal (util-linux `script` gives the program a pty as stdin).
  const home = await Deno.makeTempDir({ prefix: "mcpo-tty-" });
  try {
    const main = `${REPO}main.ts`;
    const line = [Deno.execPath(), "run", "--quiet", "-A", main].map((a) => `'${a}'`).join(" ");
    const r = await run("script", ["-qec", line, "/dev/null"], home, { HOME: home });
    assertEquals(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Usage: mcp-orchestration/);
    assert.ok(!/Missing command/.test(r.stdout + r.stderr));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("every command's --help shows at least one example", () =>
  withHome(async (h) => {
    const missing: string[] = [];
    for (const [name] of COMMANDS) {
      const r = await cli(h, [name, "--help"]);
      const examples = r.stdout.split("Examples:\n")[1] ?? "";
      if (r.code !== 0 || !examples.includes(`mcp-orchestration ${name}`)) missing.push(name);
    }
    assertEquals(missing, []);
  }));
