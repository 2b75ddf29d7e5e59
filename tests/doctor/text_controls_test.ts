/**
 * Doctor's text output writes terminal control characters as `\xNN`: a server's name, its stderr or its
 * error message cannot clear the screen or print a line that looks like doctor's own.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { runCli } from "../e2e/cli.ts";
import { join } from "node:path";

const SCRIPT = String.raw`process.stderr.write("\x1b[2J\x1b[Hboom\r\u009b31m\n"); process.exit(1)`;

Deno.test("doctor text output escapes C0/C1 control characters from names, stderr and messages", () =>
  withHome(async (h) => {
    await Deno.writeTextFile(
      join(h.userHome, ".claude.json"),
      JSON.stringify({
        mcpServers: { "evil\x1b[2J\nx": { type: "stdio", command: "node", args: ["-e", SCRIPT] } },
      }),
    );
    const r = await runCli(["doctor", "--client", "claude-code"], { HOME: h.userHome });
    assertEquals(r.code, 9, r.stdout + r.stderr);
    const out = r.stdout + r.stderr;
    for (const c of ["\x1b", "\r", "\x9b", "\x00"]) assert.ok(!out.includes(c), JSON.stringify(out));
    assert.ok(out.includes("evil\\x1b[2J\\x0ax"), out);
    assert.ok(out.includes("\\x1b[2J\\x1b[Hboom\\x0d\\x9b31m"), out);
    // JSON stays as it was: the exact text, escaped by JSON itself.
    const j = await runCli(["doctor", "--client", "claude-code", "--format", "json"], { HOME: h.userHome });
    assertEquals(j.json.servers[0].name, "evil\x1b[2J\nx");
  }));
