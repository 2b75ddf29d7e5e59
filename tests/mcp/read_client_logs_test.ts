/** read_client_logs: the `logs` command over MCP, through the SDK client: same result and errors, a
 * read-only tool with no follow, and no secret in the result. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";
import { setSecrets } from "../../src/store/secrets.ts";

const SECRET = "s3cr3t-value-from-secrets-json";

Deno.test("read_client_logs: the last lines with their file, a server's lines, redacted; read-only annotations", () =>
  withMcp(async (t) => {
    await setSecrets(t.deps, { MEMORY_API_KEY: SECRET });
    const file = join(t.home.userHome, ".codex", "log", "codex-tui.log");
    await Deno.mkdir(join(file, ".."), { recursive: true });
    await Deno.writeTextFile(
      file,
      `INFO starting memory with ${SECRET}\nINFO github ready\nINFO memory: 9 tools\n`,
    );
    const r = await t.ok("read_client_logs", { client_id: "codex", lines: 2 });
    assertEquals(r.lines, [
      { file, text: "INFO github ready" },
      { file, text: "INFO memory: 9 tools" },
    ]);
    assertEquals([r.folder, r.known, r.verified, r.files.length], [join(file, ".."), true, true, 1]);
    const s = await t.ok("read_client_logs", { client_id: "codex", server: "memory" });
    assertEquals(s.server_match, "line");
    assertEquals(s.lines.map((l: { text: string }) => l.text), [
      "INFO starting memory with ***",
      "INFO memory: 9 tools",
    ]);
    const raw = JSON.stringify(
      await t.client.callTool({ name: "read_client_logs", arguments: { client_id: "codex" } }),
    );
    assert.ok(!raw.includes(SECRET), raw);
    // Answers, not errors; the same error codes as the CLI.
    const cursor = await t.ok("read_client_logs", { client_id: "cursor" });
    assertEquals([cursor.known, cursor.message], [false, "The log folder is not known for cursor on linux"]);
    await t.fail("read_client_logs", { client_id: "nope" }, "client_not_found");
    await t.fail("read_client_logs", { client_id: "codex", lines: 0 }, "invalid_input");
    const tool = (await t.client.listTools()).tools.find((x: { name: string }) =>
      x.name === "read_client_logs"
    )!;
    assertEquals(tool.annotations?.readOnlyHint, true);
    const props = Object.keys(tool.inputSchema.properties ?? {});
    assertEquals(props, ["client_id", "server", "lines", "project_dir"], "no follow over MCP");
    assertEquals(tool.inputSchema.required, ["client_id"]);
  }));
