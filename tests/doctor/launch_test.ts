/** What each client would start for an entry: env model, expansion, PATH rule, cwd, Windows wrapping. */
import { assert, assertEquals } from "../core/assert.ts";
import { ALL_CLIENTS, getClient } from "../../src/clients/registry.ts";
import { type LaunchContext, planLaunch } from "../../src/doctor/launch.ts";
import { expandString, type VarUse } from "../../src/doctor/expand.ts";
import type { StdioLaunch } from "../../src/doctor/types.ts";
import { fromNative } from "../../src/doctor/targets.ts";

const ENV = {
  HOME: "/home/u",
  PATH: "/usr/bin",
  USER: "u",
  LANG: "C.UTF-8",
  GITHUB_TOKEN: "ghp_secretsecretsecretsecret1234",
  SSL_CERT_FILE: "/etc/ssl/cert.pem",
  HTTP_PROXY: "http://proxy:3128",
  NAME: "world",
};
const ctx: LaunchContext = { os: "linux", env: ENV, projectDir: "/work/proj", userHome: "/home/u" };

/** The launch of a client's native entry. */
function stdio(client: string, native: Record<string, unknown>, c: LaunchContext = ctx): StdioLaunch {
  const t = fromNative(getClient(client), "s", native);
  return planLaunch(getClient(client), t.entry!, c).launch as StdioLaunch;
}

Deno.test("expansion forms: ${VAR}, ${VAR:-default}, $VAR, ${env:VAR}, {env:VAR}; unset kept or emptied", () => {
  const uses: VarUse[] = [];
  const rule = {
    syntaxes: ["dollar-brace", "dollar-brace-default"] as const,
    fields: [],
    unset: "keep" as const,
  };
  assertEquals(
    expandString(
      "a ${NAME} ${NOPE} ${NOPE:-d} $NAME",
      { ...rule, syntaxes: [...rule.syntaxes] },
      ENV,
      {},
      uses,
    ),
    "a world ${NOPE} d $NAME",
  );
  assertEquals(uses, [{ name: "NAME", source: "environment" }, { name: "NOPE", source: "unset" }, {
    name: "NOPE",
    source: "default",
  }]);
  const bare = { syntaxes: ["bare-dollar" as const], fields: [], unset: "empty" as const };
  assertEquals(expandString("$NAME-$NOPE", bare, ENV, {}, []), "world-");
  assertEquals(
    expandString("${env:NAME} ${NAME}", { syntaxes: ["env-colon"], fields: [], unset: "keep" }, ENV, {}, []),
    "world ${NAME}",
  );
  assertEquals(
    expandString("{env:NAME}", { syntaxes: ["brace-env"], fields: [], unset: "keep" }, ENV, {}, []),
    "world",
  );
  // A value is never expanded again, and builtins only when the client has them.
  assertEquals(
    expandString("${A}", { syntaxes: ["dollar-brace"], fields: [], unset: "keep" }, { A: "${NAME}" }, {}, []),
    "${NAME}",
  );
  const ws = { syntaxes: ["env-colon" as const], fields: [], unset: "keep" as const, builtins: true };
  assertEquals(expandString("${workspaceFolder}/x", ws, ENV, { workspaceFolder: "/p" }, []), "/p/x");
});

Deno.test("Claude Code: whole env + its own variables, ${VAR} expanded, the cwd field ignored", () => {
  const l = stdio("claude-code", {
    type: "stdio",
    command: "node",
    args: ["${NAME}", "$NAME"],
    env: { X: "${NOPE}" },
    cwd: "/tmp",
  });
  assertEquals(l.args, ["world", "$NAME"]);
  assertEquals(l.env.X, "${NOPE}");
  assertEquals([l.env.GITHUB_TOKEN, l.env.HTTP_PROXY, l.env.CLAUDECODE, l.env.CLAUDE_PROJECT_DIR], [
    ENV.GITHUB_TOKEN,
    ENV.HTTP_PROXY,
    "1",
    "/work/proj",
  ]);
  assertEquals(l.cwd, "/work/proj");
});

Deno.test("Codex: only its allow-list and env_vars reach the server; an unset env_vars name is not passed", () => {
  const l = stdio("codex", {
    command: "srv",
    env_vars: ["GITHUB_TOKEN", "MISSING_TOKEN"],
    env: { A: "1" },
    cwd: "rel",
  });
  assertEquals(Object.keys(l.env).sort(), ["A", "GITHUB_TOKEN", "HOME", "LANG", "PATH", "USER"]);
  assertEquals(l.cwd, "/work/proj/rel");
});

Deno.test("Gemini CLI: secret-looking variables dropped, GEMINI_CLI=1, a second pass empties unset env values", () => {
  const l = stdio("gemini-cli", {
    command: "srv",
    args: ["${NOPE}", "$HOME"],
    env: { A: "$NOPE", B: "${NAME}" },
  });
  assertEquals([l.env.GITHUB_TOKEN, l.env.SSL_CERT_FILE, l.env.GEMINI_CLI, l.env.HTTP_PROXY], [
    undefined,
    undefined,
    "1",
    ENV.HTTP_PROXY,
  ]);
  assertEquals(l.args, ["${NOPE}", "/home/u"]);
  assertEquals([l.env.A, l.env.B], ["", "world"]);
});

Deno.test("PATH rules: VS Code appends the entry's PATH, Continue keeps its own, others replace it", () => {
  assertEquals(
    stdio("vscode", { type: "stdio", command: "x", env: { PATH: "/opt/bin" } }).env.PATH,
    "/usr/bin:/opt/bin",
  );
  assertEquals(
    stdio("continue", { name: "s", command: "x", env: { PATH: "/opt/bin" } }).env.PATH,
    "/usr/bin",
  );
  assertEquals(
    stdio("crush", { type: "stdio", command: "x", env: { PATH: "/opt/bin" } }).env.PATH,
    "/opt/bin",
  );
  // VS Code's own ${env:VAR} and ${workspaceFolder}.
  assertEquals(
    stdio("vscode", { type: "stdio", command: "x", args: ["${env:NAME}", "${workspaceFolder}"] }).args,
    ["world", "/work/proj"],
  );
});

Deno.test("SDK-based clients pass only the SDK's default variables; Claude Desktop runs servers in /", () => {
  const l = stdio("cline", { command: "x", env: { K: "${env:NAME}" } });
  assertEquals(Object.keys(l.env).sort(), ["HOME", "K", "PATH", "USER"]);
  assertEquals(l.env.K, "world");
  assertEquals(stdio("claude-desktop", { command: "x" }).cwd, "/");
});

Deno.test("Windows rules are applied to the launch (recorded even where they cannot run)", () => {
  const win: LaunchContext = {
    ...ctx,
    os: "windows",
    env: { Path: "C:\\bin", USERPROFILE: "C:\\u" },
    projectDir: "C:\\p",
  };
  const roo = stdio("roo-code", { command: "node", args: ["s.js"] }, win);
  assertEquals([roo.command, roo.args], ["cmd.exe", ["/c", "node", "s.js"]]);
  const cont = (c: string) => stdio("continue", { name: "s", command: c, args: ["a"] }, win);
  assertEquals([cont("npx").command, cont("node").command], ["cmd.exe", "node"]);
  assert.ok(stdio("vscode", { type: "stdio", command: "tool.cmd" }, win).shell);
});

Deno.test("every client has launch rules with a source; allow-lists are given where the model needs one", () => {
  for (const c of ALL_CLIENTS) {
    const r = c.launch;
    assert.ok(r.source.length > 10, `${c.id}: source`);
    if (r.env === "allow-list") {
      assert.ok(r.allow && r.allow.posix.includes("PATH") && r.allow.windows.length > 0, c.id);
    }
    assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(r.protocolVersion), c.id);
  }
});

Deno.test("an mcp-remote bridge is checked at its URL; headers expanded; secrets collected for redaction", () => {
  const native = {
    command: "npx",
    args: ["-y", "mcp-remote", "https://x.example/mcp", "--header", "Authorization:Bearer ${GITHUB_TOKEN}"],
  };
  const t = fromNative(getClient("claude-code"), "r", native);
  assert.ok(t.bridged);
  const plan = planLaunch(getClient("claude-code"), t.entry!, ctx);
  assertEquals(plan.launch, {
    transport: "http",
    url: "https://x.example/mcp",
    headers: { Authorization: `Bearer ${ENV.GITHUB_TOKEN}` },
  });
  assert.ok(plan.secrets.includes(ENV.GITHUB_TOKEN));
});
