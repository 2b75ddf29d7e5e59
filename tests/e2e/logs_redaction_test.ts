/**
 * `logs` under the binary's flags hides what an outside test saw leak: the value of a variable a client
 * entry references (`${GITHUB_TOKEN}`: `logs` reads the user's environment for it, as the client passes
 * it to the server), a literal secret in the project file (`--project-dir`), and a secret assignment
 * inside another key's value (`{"msg": "password=..."}`).
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";

Deno.test("logs: referenced variables, project-file literals and nested assignments never show", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-logs-red-" }));
  try {
    const project = join(home, "app");
    await Deno.mkdir(project);
    await Deno.writeTextFile(
      join(home, ".claude.json"),
      JSON.stringify({
        mcpServers: {
          svc: {
            command: "svc-mcp",
            args: ["--api-key", "userargSECRET07"],
            env: { GITHUB_TOKEN: "${GITHUB_TOKEN}" },
          },
          // A default written in the file for a secret variable (used here: API_KEY is not set).
          dflt: {
            command: "dflt-mcp",
            env: { UPSTREAM: "${API_KEY:-dfltSECRETvalue91}", DB: "${DB_PASS:-dbpassDEFAULT77}" },
          },
        },
      }),
    );
    await Deno.writeTextFile(
      join(project, ".mcp.json"),
      JSON.stringify({
        mcpServers: {
          proj: {
            command: "proj-mcp",
            args: ["--token", "projargSECRET03"],
            env: { API_KEY: "projectsecretvalue55" },
          },
        },
      }),
    );
    const dir = join(home, ".cache", "claude-cli-nodejs", "-app", "mcp-logs-svc");
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(
      join(dir, "2026-12-05.jsonl"),
      [
        '{"debug":"gh token is ghtok_plain_value_4242 here"}',
        '{"debug":"project key projectsecretvalue55 used"}',
        '{"msg":"password=hunter2hunter2"}',
        // A server echoing its own argv: the literal args of both files.
        '{"debug":"argv userargSECRET07 projargSECRET03"}',
        '{"debug":"upstream key dfltSECRETvalue91 db dbpassDEFAULT77"}',
        '{"debug":"an ordinary line"}',
        "",
      ].join("\n"),
    );
    const env = { HOME: home, GITHUB_TOKEN: "ghtok_plain_value_4242" };
    for (const format of ["json", "text"]) {
      const r = await runCli(
        ["logs", "--client", "claude-code", "--project-dir", project, "--format", format],
        env,
      );
      assertEquals(r.code, 0, r.stdout + r.stderr);
      for (
        const s of [
          "ghtok_plain_value_4242",
          "projectsecretvalue55",
          "hunter2hunter2",
          "userargSECRET07",
          "projargSECRET03",
          "dfltSECRETvalue91",
          "dbpassDEFAULT77",
        ]
      ) {
        assert.ok(!(r.stdout + r.stderr).includes(s), `${s} leaked (${format}):\n${r.stdout}`);
      }
      assert.ok(r.stdout.includes("an ordinary line"), r.stdout);
      assert.ok(r.stdout.includes("password=***"), r.stdout);
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("text output escapes terminal controls from outside data (a log line's ESC, OSC 52, CR); JSON keeps the data", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-logs-esc-" }));
  try {
    const dir = join(home, ".cache", "claude-cli-nodejs", "-app", "mcp-logs-svc");
    await Deno.mkdir(dir, { recursive: true });
    const hostile =
      "\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;ZWNobyBoaQ==\x07fake\r✔ all good \u202egnp.exe\u2066x\u2069";
    await Deno.writeTextFile(join(dir, "a.jsonl"), `${hostile}\n`);
    const t = await runCli(["logs", "--client", "claude-code"], { HOME: home });
    assertEquals(t.code, 0, t.stderr);
    const controls = [...t.stdout].filter((c) =>
      c !== "\n" && c !== "\t" &&
      (c < " " || (c >= "\x7f" && c <= "\x9f") || /[\u202a-\u202e\u2066-\u2069]/.test(c))
    );
    assertEquals(controls, [], JSON.stringify(t.stdout));
    assert.ok(t.stdout.includes("\\x1b[2J\\x1b]0;PWNED\\x07"), t.stdout);
    assert.ok(t.stdout.includes("fake\\x0d✔ all good \\u202egnp.exe\\u2066x\\u2069"), t.stdout);
    const j = await runCli(["logs", "--client", "claude-code", "--format", "json"], { HOME: home });
    assertEquals(j.json.lines[0].text, hostile);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
