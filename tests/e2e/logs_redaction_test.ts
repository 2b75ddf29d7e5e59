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
        mcpServers: { svc: { command: "svc-mcp", env: { GITHUB_TOKEN: "${GITHUB_TOKEN}" } } },
      }),
    );
    await Deno.writeTextFile(
      join(project, ".mcp.json"),
      JSON.stringify({
        mcpServers: { proj: { command: "proj-mcp", env: { API_KEY: "projectsecretvalue55" } } },
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
      for (const s of ["ghtok_plain_value_4242", "projectsecretvalue55", "hunter2hunter2"]) {
        assert.ok(!(r.stdout + r.stderr).includes(s), `${s} leaked (${format}):\n${r.stdout}`);
      }
      assert.ok(r.stdout.includes("an ordinary line"), r.stdout);
      assert.ok(r.stdout.includes("password=***"), r.stdout);
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
