/**
 * logs: a client's own MCP log files read from their end, per OS as its record says, with --server as
 * that server's own files or the lines naming it; "not known", "no log file" and "no files" are answers;
 * every line is redacted; the log folder is read only; a large file is read only at its end.
 */
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { type TempHome, tempHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { type FileSystem, realFs } from "../../src/platform/fs.ts";
import type { OS } from "../../src/platform/host.ts";
import { call } from "../../src/ops/spec.ts";
import { op } from "../../src/ops/specs/logs.ts";
import { text } from "../../src/cli/commands/logs.ts";
import { PLAIN } from "../../src/cli/style.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { findLogFiles, tailLines } from "../../src/clients/log_files.ts";

/** The logs operation as the CLI calls it. */
const logsOf = (deps: Parameters<typeof call>[1], input: Parameters<typeof op.run>[2]) =>
  call(op, deps, input, { door: "cli" });

const SECRET = "s3cr3t-value-from-secrets-json";
const TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

async function withOsHome(os: OS, fn: (h: TempHome) => Promise<void>) {
  const h = await tempHome(os);
  try {
    await fn(h);
  } finally {
    await h.cleanup();
  }
}

async function write(path: string, text: string, mtimeS?: number) {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
  if (mtimeS !== undefined) await Deno.utime(path, mtimeS, mtimeS);
}

Deno.test("Claude Desktop on macOS: mcp*.log under ~/Library/Logs/Claude, the last N lines over the files, newest last", () =>
  withOsHome("darwin", async (h) => {
    const dir = join(h.userHome, "Library", "Logs", "Claude");
    await write(join(dir, "mcp.log"), "m1\nm2 [memory] connected\nm3\n", 1000);
    await write(join(dir, "mcp-server-memory.log"), "s1\ns2\n", 2000);
    await write(join(dir, "mcp-server-github.log"), "g1\n", 500);
    await write(join(dir, "unrelated.txt"), "not a log\n");
    const deps = h.deps();
    const r = await logsOf(deps, { client: "claude-desktop", lines: 4 });
    assertEquals([r.folder, r.known, r.verified, r.message], [dir, true, true, null]);
    assertEquals(
      r.files.map((f) => f.path),
      ["mcp-server-github.log", "mcp.log", "mcp-server-memory.log"].map((f) => join(dir, f)),
    );
    assertEquals(r.files[1].size, 28);
    assertEquals(r.lines, [
      { file: join(dir, "mcp.log"), text: "m2 [memory] connected" },
      { file: join(dir, "mcp.log"), text: "m3" },
      { file: join(dir, "mcp-server-memory.log"), text: "s1" },
      { file: join(dir, "mcp-server-memory.log"), text: "s2" },
    ]);
    // --server: Claude Desktop writes one file per server, so only that file.
    const s = await logsOf(deps, { client: "claude-desktop", server: "memory" });
    assertEquals([s.server_match, s.files.map((f) => f.path)], ["file", [
      join(dir, "mcp-server-memory.log"),
    ]]);
    assertEquals(s.lines.map((l) => l.text), ["s1", "s2"]);
    const none = await logsOf(deps, { client: "claude-desktop", server: "fetch" });
    assertEquals(none.lines, []);
    assert.ok(none.message!.includes(`No log files in ${dir} for the server "fetch"`), none.message!);
    // The folder is allowed for reading only: a write there is refused by the policy.
    await assertRejectsCode(
      () => deps.fs.writeFile(join(dir, "mcp.log"), new Uint8Array([1])),
      "path_not_allowed",
    );
    await assertRejectsCode(() => deps.fs.remove(join(dir, "mcp.log")), "path_not_allowed");
    assertEquals(await Deno.readTextFile(join(dir, "mcp.log")), "m1\nm2 [memory] connected\nm3\n");
  }));

Deno.test("Claude Desktop on Windows: its logs folder under %APPDATA%\\Claude, files found with Windows paths", async () => {
  const env = { USERPROFILE: "C:\\Users\\a", APPDATA: "C:\\Users\\a\\AppData\\Roaming" };
  const { logFolder } = await import("../../src/clients/logs.ts");
  const { getClient } = await import("../../src/clients/registry.ts");
  const c = getClient("claude-desktop");
  const folder = logFolder(c.logs, "windows", env)!;
  assertEquals(folder, "C:\\Users\\a\\AppData\\Roaming\\Claude\\logs");
  // An in-memory Windows file system: the reader joins with "\" and tails the files it finds.
  const files: Record<string, string> = {
    [`${folder}\\mcp.log`]: "w1\r\nw2\r\n",
    [`${folder}\\mcp-server-memory.log`]: "mem\r\n",
  };
  const bytes = (p: string) => new TextEncoder().encode(files[p]);
  const fake = {
    ...realFs,
    readDir: (p: string) =>
      Promise.resolve(p === folder ? Object.keys(files).map((f) => f.slice(folder.length + 1)).sort() : []),
    stat: (p: string) =>
      Promise.resolve(
        p in files
          ? {
            isFile: true,
            isDirectory: false,
            isSymlink: false,
            mode: null,
            size: bytes(p).length,
            mtimeMs: 1,
          }
          : null,
      ),
    readAt: (p: string, o: number, n: number) => Promise.resolve(bytes(p).slice(o, o + n)),
  } as FileSystem;
  const found = await findLogFiles(fake, "windows", folder, c.logs!.files, "memory");
  assertEquals(found.map((f) => f.path), [`${folder}\\mcp-server-memory.log`]);
  const all = await findLogFiles(fake, "windows", folder, c.logs!.files);
  assertEquals(all.length, 2);
  const t = await tailLines(
    fake,
    `${folder}\\mcp.log`,
    all.find((f) => f.path.endsWith("mcp.log"))!.size,
    10,
  );
  assertEquals(t.lines, ["w1", "w2"], "CRLF lines");
});

Deno.test("codex (one file for every server): --server keeps the lines that name the server as a word", () =>
  withOsHome("linux", async (h) => {
    const file = join(h.userHome, ".codex", "log", "codex-tui.log");
    await write(
      file,
      [
        "INFO MCP server stderr (npx): memory server ready",
        "INFO starting github",
        "INFO memoryx is another server",
        "INFO tools/list from memory: 9 tools",
        "",
      ].join("\n"),
    );
    const r = await logsOf(h.deps(), { client: "codex", server: "memory" });
    assertEquals(r.server_match, "line");
    assertEquals(r.lines.map((l) => l.text), [
      "INFO MCP server stderr (npx): memory server ready",
      "INFO tools/list from memory: 9 tools",
    ]);
    const t = await cli(h, ["logs", "--client", "codex", "--server", "memory"]);
    assertEquals(t.code, 0);
    assert.ok(t.stdout.includes("the lines naming it (Codex CLI writes no file per server)"), t.stdout);
    assert.ok(t.stdout.includes("codex-tui.log: INFO tools/list from memory: 9 tools"), t.stdout);
  }));

Deno.test("Claude Code: a folder per project, then mcp-logs-<server>/; --server picks that server's folder", () =>
  withOsHome("linux", async (h) => {
    const base = join(h.userHome, ".cache", "claude-cli-nodejs");
    await write(
      join(base, "-home-me-app", "mcp-logs-memory", "2026-01-01.jsonl"),
      '{"debug":"memory up"}\n',
      100,
    );
    await write(join(base, "-home-me-app", "mcp-logs-github", "2026-01-01.jsonl"), '{"error":"401"}\n', 200);
    await write(
      join(base, "-home-me-web", "mcp-logs-memory", "2026-01-02.jsonl"),
      '{"debug":"memory again"}\n',
      300,
    );
    const r = await logsOf(h.deps(), { client: "claude-code", server: "memory" });
    assertEquals(r.server_match, "file");
    assertEquals(r.lines.map((l) => l.text), ['{"debug":"memory up"}', '{"debug":"memory again"}']);
    const all = await logsOf(h.deps(), { client: "claude-code" });
    assertEquals(all.files.length, 3);
  }));

Deno.test("not known, no log file and no files are answers (exit 0); an unknown client is client_not_found", () =>
  withOsHome("linux", async (h) => {
    const desktop = await cli(h, ["logs", "--client", "claude-desktop", "--format", "json"]);
    assertEquals(desktop.code, 0);
    assertEquals([desktop.json.known, desktop.json.folder, desktop.json.lines], [false, null, []]);
    assert.ok(desktop.json.message.startsWith("The log folder is not known for claude-desktop on linux"));
    const cursor = await cli(h, ["logs", "--client", "cursor"]);
    assertEquals([cursor.code, cursor.stdout.trim()], [0, "The log folder is not known for cursor on linux"]);
    const gemini = await cli(h, ["logs", "--client", "gemini-cli", "--format", "json"]);
    assertEquals([gemini.code, gemini.json.known], [0, true]);
    assert.ok(
      gemini.json.message.startsWith("Gemini CLI writes no MCP log file here; "),
      gemini.json.message,
    );
    const codex = await cli(h, ["logs", "--client", "codex"]);
    assertEquals(codex.code, 0);
    assert.ok(
      codex.stdout.includes(
        `No log files in ${join(h.userHome, ".codex", "log")} (the folder does not exist)`,
      ),
      codex.stdout,
    );
    const unknown = await cli(h, ["logs", "--client", "nope", "--format", "json"]);
    assertEquals([unknown.code, unknown.json.error], [3, "client_not_found"]);
    const bad = await cli(h, ["logs", "--client", "codex", "--lines", "0", "--format", "json"]);
    assertEquals(bad.json.error, "invalid_input");
    const missing = await cli(h, ["logs"]);
    assertEquals(missing.code, 2, "--client is required");
  }));

Deno.test("crush logs inside the project: --project-dir", () =>
  withOsHome("linux", async (h) => {
    const project = join(h.userHome, "src", "app");
    await write(join(project, ".crush", "logs", "crush.log"), "crush line\n");
    const r = await logsOf(h.deps(), { client: "crush", projectDir: project });
    assertEquals([r.folder, r.lines.map((l) => l.text)], [join(project, ".crush", "logs"), ["crush line"]]);
  }));

Deno.test("a secret in a log line never reaches the text or the JSON: secrets.json, token shapes, the client's env", () =>
  withOsHome("darwin", async (h) => {
    const deps = h.deps();
    await setSecrets(deps, { MY_API_KEY: SECRET });
    await write(
      join(h.userHome, "Library", "Application Support", "Claude", "claude_desktop_config.json"),
      JSON.stringify({ mcpServers: { db: { command: "db-mcp", env: { DB_PASSWORD: "hunter2-plain-pw" } } } }),
    );
    const dir = join(h.userHome, "Library", "Logs", "Claude");
    await write(
      join(dir, "mcp-server-db.log"),
      [
        `starting with key ${SECRET} ok`,
        `token ${TOKEN} seen`,
        "env dump: connecting as hunter2-plain-pw",
        "Authorization: Bearer abcdef0123456789abcdef",
        "an ordinary line",
        "",
      ].join("\n"),
    );
    // Claude Desktop has no log folder on Linux: the op on darwin deps, then its text and JSON forms.
    const one = await logsOf(deps, { client: "claude-desktop", server: "db" });
    const all = await logsOf(deps, { client: "claude-desktop" });
    for (const out of [text(one, PLAIN), JSON.stringify(all)]) {
      for (const s of [SECRET, TOKEN, "hunter2-plain-pw", "abcdef0123456789abcdef"]) {
        assert.ok(!out.includes(s), `${s} leaked:\n${out}`);
      }
      assert.ok(out.includes("an ordinary line"));
      assert.ok(out.includes("starting with key *** ok"), out);
    }
    assertEquals(all.lines.length, 5);
  }));

Deno.test("a large log is read only at its end: bytes read counted through the file system", () =>
  withOsHome("linux", async (h) => {
    const file = join(h.userHome, ".codex", "log", "codex-tui.log");
    await Deno.mkdir(join(file, ".."), { recursive: true });
    const filler = "x".repeat(99) + "\n";
    const f = await Deno.open(file, { write: true, create: true });
    const block = new TextEncoder().encode(filler.repeat(10_000)); // 1 MB
    for (let i = 0; i < 64; i++) await f.write(block); // 64 MB
    await f.write(new TextEncoder().encode("the end 1\nthe end 2 memory\n"));
    f.close();
    let read = 0;
    const counting: FileSystem = {
      ...realFs,
      readFile: (p) => Promise.reject(new Error(`readFile(${p}): a log is never read whole`)),
      readAt: async (p, o, n) => {
        const b = await realFs.readAt(p, o, n);
        if (p === file) read += b.length;
        return b;
      },
    };
    const r = await logsOf(h.deps(counting), { client: "codex", lines: 3 });
    assertEquals(r.lines.map((l) => l.text), [filler.trim(), "the end 1", "the end 2 memory"]);
    assert.ok(read <= 64 * 1024, `${read} bytes read for 3 lines of a 64 MB file`);
    read = 0;
    const s = await logsOf(h.deps(counting), { client: "codex", server: "memory", lines: 2 });
    assertEquals(s.lines.map((l) => l.text), ["the end 2 memory"]);
    assert.ok(read <= 33 * 1024 * 1024, `${read} bytes searched`);
    assertEquals(s.warnings.length, 1, "the search stopped at its limit, and says so");
  }));

Deno.test("tail: a last line without newline counts, empty lines are kept, a huge line is cut", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mcpo-tail-" });
  try {
    const p = join(dir, "a.log");
    const check = async (text: string, n: number, want: string[]) => {
      await Deno.writeTextFile(p, text);
      const size = (await Deno.stat(p)).size;
      assertEquals((await tailLines(realFs, p, size, n)).lines, want, JSON.stringify(text));
    };
    await check("", 5, []);
    await check("one", 5, ["one"]);
    await check("a\n\nb\n", 5, ["a", "", "b"]);
    await check("a\nb\nc", 2, ["b", "c"]);
    await check("\n", 5, [""]);
    const long = "y".repeat(200_000);
    await Deno.writeTextFile(p, `start\n${long}\nend\n`);
    const t = await tailLines(realFs, p, (await Deno.stat(p)).size, 3);
    assertEquals(t.lines[0], "start");
    assert.ok(t.lines[1].length < 20_000 && t.lines[1].endsWith("[line cut at 16384 bytes]"));
    assertEquals(t.lines[2], "end");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("lines of several files interleave by their own timestamps, newest last", () =>
  withOsHome("linux", async (h) => {
    const base = join(h.userHome, ".cache", "claude-cli-nodejs", "-p");
    const stamp = (s: number) => `{"debug":"x","timestamp":"2026-01-01T00:00:0${s}.000Z"}`;
    await write(join(base, "mcp-logs-a", "1.jsonl"), `${stamp(1)}\n${stamp(4)}\n`, 50);
    await write(join(base, "mcp-logs-b", "1.jsonl"), `${stamp(2)}\n${stamp(3)}\n${stamp(5)}\n`, 50);
    const r = await logsOf(h.deps(), { client: "claude-code", lines: 4 });
    assertEquals(r.lines.map((l) => l.text), [stamp(2), stamp(3), stamp(4), stamp(5)]);
  }));
