/**
 * Nine real readers (issue 17): Claude Code, Codex, Gemini CLI, opencode, Copilot CLI, Continue (`cn`),
 * Qwen Code, Amp and Auggie each read what `deploy-config` wrote, from a fresh file (none there before)
 * and from a hand-made file whose own server must be kept; the test then asks the real CLI what it
 * loaded and compares every field it shows (command, args, env, url, headers, transport) with what was
 * deployed. Continue from a fresh file is the test of issue 17's defect (cn refused a config.yaml of
 * `mcpServers` alone).
 *
 * The stdio server's command is a shim on PATH (`mcpo-fixture-server`, which runs the fixture MCP server
 * tests/fixtures/servers/ok.mjs): clients that start servers while listing (Claude Code, Gemini CLI,
 * Continue, Qwen Code) start it, nothing is fetched, and the server writes the argv and environment it
 * got to a file (FIXTURE_DUMP), which is how args and env are compared for those clients. The remote
 * servers (one streamable HTTP, one SSE; no SSE for Codex, which has none) are MCP endpoints of this
 * test on 127.0.0.1 that record each request (path, method, headers): Qwen Code reads a `url` as SSE
 * whatever its `type`, so its HTTP server must come out as "(http)". HOME and the XDG folders are in a temp folder, nothing logs in, each CLI call has a
 * timeout. A client that is not installed is reported SKIPPED with the reason (.ci/run installs them
 * from npm, best effort). `ONLY_READER=qwen-code` runs one client's two scenarios.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { dirname, join } from "node:path";
import { runCli } from "./cli.ts";
import { findClientBinary, runClient } from "./real_clients.ts";

const FIXTURE_SERVER = new URL("../fixtures/servers/ok.mjs", import.meta.url).pathname;
const SHIM = "mcpo-fixture-server";

/** What a reader says it loaded for one server (only the fields that reader shows). */
interface Loaded {
  transport?: string;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
}

/** One request the remote fixture received. */
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** The answer of the remote fixture to one JSON-RPC request. */
function answer(msg: { id: unknown; method: string; params?: { protocolVersion?: string } }) {
  const results: Record<string, unknown> = {
    initialize: {
      protocolVersion: msg.params?.protocolVersion ?? "2025-06-18",
      capabilities: { tools: {} },
      serverInfo: { name: "remote-fixture", version: "1.0.0" },
    },
    "tools/list": { tools: [{ name: "echo", inputSchema: { type: "object" } }] },
    "prompts/list": { prompts: [] },
    "resources/list": { resources: [] },
    "resources/templates/list": { resourceTemplates: [] },
    ping: {},
  };
  return msg.method in results
    ? { jsonrpc: "2.0", id: msg.id, result: results[msg.method] }
    : { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } };
}

/**
 * MCP endpoints on 127.0.0.1 that record every request: streamable HTTP at `/mcp` (answers in the POST
 * response), and the SSE transport at `/sse` (a GET opens the event stream, whose first event names
 * `/messages` where the client POSTs; the answers go down the stream).
 */
function remoteFixture() {
  const seen: Seen[] = [];
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let sse: ReadableStreamDefaultController<Uint8Array> | null = null;
  const event = (name: string, data: string) => new TextEncoder().encode(`event: ${name}\ndata: ${data}\n\n`);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    seen.push({ method: req.method, path: url.pathname, headers: Object.fromEntries(req.headers) });
    if (req.method === "GET" && url.pathname === "/sse") {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          streams.add(c);
          sse = c;
          c.enqueue(event("endpoint", "/messages"));
        },
        cancel() {
          sse = null;
        },
      });
      return new Response(body, {
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
      });
    }
    if (req.method !== "POST") return new Response(null, { status: 405 });
    const msg = await req.json().catch(() => null);
    if (url.pathname === "/messages") {
      if (msg && msg.id !== undefined) sse?.enqueue(event("message", JSON.stringify(answer(msg))));
      return new Response(null, { status: 202 });
    }
    if (!msg || msg.id === undefined) return new Response(null, { status: 202 });
    return Response.json(answer(msg));
  });
  return {
    seen,
    port: (server.addr as Deno.NetAddr).port,
    close: async () => {
      for (const c of streams) {
        try {
          c.close();
        } catch { /* closed by the client */ }
      }
      await server.shutdown();
    },
  };
}

/** Runs a real client with exactly `env` (HOME, XDG_* in the temp home), stdin closed, 120 s at most
 * (a guard against a hang: under the parallel suite one call has taken 35 s). */
const run = (bin: string, args: string[], env: Record<string, string>, cwd: string) =>
  runClient(bin, args, env, cwd, 120_000);

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The first JSON value in `text` (some CLIs print a warning line first). */
function firstJson(text: string): any {
  const i = text.search(/^[[{]/m);
  assert.ok(i >= 0, `no JSON in: ${text}`);
  return JSON.parse(text.slice(i));
}

interface Ctx {
  home: string;
  env: Record<string, string>;
  bin: string;
  port: number;
  seen: Seen[];
}

/** The argv and env the fixture server got, when a client started it (FIXTURE_DUMP). */
async function dumpOf(
  home: string,
  name: string,
): Promise<{ argv: string[]; env: Record<string, string> } | null> {
  try {
    return JSON.parse(await Deno.readTextFile(join(home, `${name}.dump.json`)));
  } catch {
    return null;
  }
}

/** What a client that started the servers loaded: argv and env from the dumps; for each remote, the
 * url, headers and transport of the first request to its path (a POST: streamable HTTP; a GET of the
 * event stream: SSE). */
async function started(c: Ctx, names: string[]): Promise<Record<string, Loaded>> {
  const out: Record<string, Loaded> = {};
  for (const n of names) {
    const d = await dumpOf(c.home, n);
    if (d) out[n] = { transport: "stdio", command: SHIM, args: d.argv, env: d.env };
  }
  for (const [name, path] of [["remote", "/mcp"], ["events", "/sse"]]) {
    const first = c.seen.find((s) => s.path === path);
    if (!first) continue;
    out[name] = {
      transport: first.method === "POST" ? "http" : "sse",
      url: `http://127.0.0.1:${c.port}${first.path}`,
      headers: first.headers,
    };
  }
  return out;
}

/**
 * For the CLIs that start every server while listing and print one line each (`qwen mcp list`,
 * `gemini mcp list`: "✓ name: command args (stdio) - Connected", "✓ name: url (http) - Connected"): every
 * server connected, the transport and command or url of each line match, argv and env from the dumps,
 * the remote's url, headers and transport from its requests.
 */
async function statusList(c: Ctx, args: string[]): Promise<Record<string, Loaded>> {
  const r = await run(c.bin, args, c.env, c.home);
  assertEquals(r.code, 0, r.text);
  const text = r.text.replace(ANSI, "");
  const out = await started(c, ["local", "my-own"]);
  const lines = [...text.matchAll(/^\S+ ([^:\s]+): (.*) \((stdio|http|sse)\) - (\w+)$/gm)];
  assertEquals(lines.length, Object.keys(out).length, text);
  for (const [, name, what, transport, state] of lines) {
    assertEquals(state, "Connected", `${text}\nrequests to the remote fixture: ${JSON.stringify(c.seen)}`);
    assertEquals(out[name]?.transport, transport, `${name}: ${text}`);
    if (transport === "stdio") assert.ok(what.startsWith(`${out[name].command} `), text);
    else assertEquals(what, out[name].url, text);
  }
  return out;
}

interface Reader {
  id: string;
  binary: string;
  /** Our client file in the temp home. */
  file(home: string): string;
  /** A hand-made file with the user's own server `my-own` (and other settings). */
  handMade(own: Record<string, unknown>): string;
  /** What the client needs besides our file (Gemini CLI: the folder trusted). */
  prepare?(home: string): Promise<void>;
  /** Asks the real CLI what it loaded. */
  read(c: Ctx): Promise<Record<string, Loaded>>;
  /** The fields this reader shows, per kind of server. */
  fields: { stdio: (keyof Loaded)[]; remote: (keyof Loaded)[] };
  /** false: no SSE server is deployed (Codex has no SSE transport). */
  sse?: false;
  /** How the reader shows a deployed server (default: as deployed). */
  shown?(e: Loaded): Loaded;
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";

const READERS: Reader[] = [
  {
    id: "claude-code",
    binary: "claude",
    file: (h) => join(h, ".claude.json"),
    handMade: (own) => json({ numStartups: 3, mcpServers: { "my-own": { type: "stdio", ...own } } }),
    async read(c) {
      // `claude mcp list` starts every server: "name: command args - ✔ Connected", "name: url (HTTP) - ...".
      const r = await run(c.bin, ["mcp", "list"], c.env, c.home);
      assertEquals(r.code, 0, r.text);
      const out = await started(c, ["local", "my-own"]);
      const lines = [...r.text.matchAll(/^([^:\s]+): (.*?)(?: \((HTTP|SSE)\))? - (.*)$/gm)];
      assertEquals(lines.length, Object.keys(out).length, r.text);
      for (const [, name, what, transport, state] of lines) {
        assert.match(state, /Connected/, r.text);
        assertEquals(out[name]?.transport, transport ? transport.toLowerCase() : "stdio", r.text);
        if (!transport) assert.ok(what.startsWith(`${out[name].command} `), r.text);
        else assertEquals(what, out[name].url, r.text);
      }
      return out;
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "codex",
    binary: "codex",
    sse: false,
    file: (h) => join(h, ".codex", "config.toml"),
    handMade: (own) =>
      [
        'model = "gpt-5"',
        "",
        '[mcp_servers."my-own"]',
        `command = ${JSON.stringify(own.command)}`,
        `args = ${JSON.stringify(own.args)}`,
        "",
        '[mcp_servers."my-own".env]',
        ...Object.entries(own.env as Record<string, string>).map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
        "",
      ].join("\n"),
    async read(c) {
      const r = await run(
        c.bin,
        ["mcp", "list", "--json"],
        { ...c.env, CODEX_HOME: join(c.home, ".codex") },
        c.home,
      );
      assertEquals(r.code, 0, r.text);
      const list = firstJson(r.stdout) as { name: string; transport: any }[];
      return Object.fromEntries(list.map(({ name, transport: t }) => [
        name,
        t.type === "stdio"
          ? { transport: "stdio", command: t.command, args: t.args, env: t.env ?? undefined }
          : {
            transport: t.type === "streamable_http" ? "http" : t.type,
            url: t.url,
            headers: t.http_headers,
          },
      ]));
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "gemini-cli",
    binary: "gemini",
    file: (h) => join(h, ".gemini", "settings.json"),
    handMade: (own) => json({ theme: "GitHub", mcpServers: { "my-own": own } }),
    // Gemini CLI starts no stdio server of an untrusted folder: the temp home is trusted.
    prepare: async (home) => {
      await Deno.mkdir(join(home, ".gemini"), { recursive: true });
      await Deno.writeTextFile(
        join(home, ".gemini", "trustedFolders.json"),
        JSON.stringify({ [home]: "TRUST_FOLDER" }),
      );
    },
    read: (c) => statusList(c, ["mcp", "list"]),
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "copilot-cli",
    binary: "copilot",
    file: (h) => join(h, ".copilot", "mcp-config.json"),
    handMade: (own) => json({ mcpServers: { "my-own": { type: "stdio", ...own, tools: ["*"] } } }),
    async read(c) {
      const r = await run(c.bin, ["mcp", "list", "--json"], c.env, c.home);
      assertEquals(r.code, 0, r.text);
      const servers = firstJson(r.stdout).mcpServers as Record<string, any>;
      return Object.fromEntries(
        Object.entries(servers).map(([n, s]) => [n, {
          transport: s.type === "local" ? "stdio" : s.type,
          command: s.command,
          args: s.args,
          env: s.env,
          url: s.url,
          headers: s.headers,
        }]),
      );
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "opencode",
    binary: "opencode",
    file: (h) => join(h, ".config", "opencode", "opencode.json"),
    handMade: (own) =>
      json({
        $schema: "https://opencode.ai/config.json",
        mcp: {
          "my-own": {
            type: "local",
            command: [own.command, ...(own.args as string[])],
            environment: own.env,
            enabled: true,
          },
        },
      }),
    async read(c) {
      // The exact objects opencode merged from its config files (it starts no server for this).
      const r = await run(c.bin, ["debug", "config"], c.env, c.home);
      assertEquals(r.code, 0, r.text);
      const mcp = firstJson(r.stdout).mcp as Record<string, any>;
      return Object.fromEntries(
        Object.entries(mcp).map(([n, s]) => [
          n,
          s.type === "local"
            ? { transport: "stdio", command: s.command[0], args: s.command.slice(1), env: s.environment }
            : { transport: s.type, url: s.url, headers: s.headers },
        ]),
      );
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
    // `debug config` masks header values; the names are shown. One `remote` type for both transports.
    shown: (e) =>
      e.transport === "stdio" ? e : {
        ...e,
        transport: "remote",
        headers: Object.fromEntries(Object.keys(e.headers!).map((k) => [k, "***"])),
      },
  },
  {
    id: "continue",
    binary: "cn",
    file: (h) => join(h, ".continue", "config.yaml"),
    handMade: (own) =>
      [
        "# my assistant",
        "name: My Assistant",
        "version: 1.0.0",
        "schema: v1",
        "mcpServers:",
        "  - name: my-own",
        `    command: ${own.command}`,
        `    args: ${JSON.stringify(own.args)}`,
        "    env:",
        ...Object.entries(own.env as Record<string, string>).map(([k, v]) =>
          `      ${k}: ${JSON.stringify(v)}`
        ),
        "",
      ].join("\n"),
    async read(c) {
      // `cn -p` loads the whole config, starts every MCP server and names those that failed, then calls
      // the model: one given with --model (a block file), at a closed port, so it stops there.
      const model = join(c.home, "model.yaml");
      await Deno.writeTextFile(
        model,
        "name: Test Model\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: local\n    provider: openai\n" +
          "    model: gpt-4o\n    apiBase: http://127.0.0.1:9/v1\n    apiKey: none\n",
      );
      const r = await run(c.bin, ["-p", "hello", "--model", model], c.env, c.home);
      assert.ok(!/Failed to parse config/.test(r.text), `cn refused the file: ${r.text}`);
      assert.ok(!/MCP server\(s\) failed to load/.test(r.text), r.text);
      assert.match(r.text, /Connection error/, r.text);
      return await started(c, ["local", "my-own"]);
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "qwen-code",
    binary: "qwen",
    file: (h) => join(h, ".qwen", "settings.json"),
    handMade: (own) => json({ mcpServers: { "my-own": own }, $version: 4 }),
    // `qwen mcp list` starts every server; a `url` is SSE to qwen, so ours must show "(http)".
    read: (c) => statusList(c, ["mcp", "list"]),
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
  },
  {
    id: "amp",
    binary: "amp",
    file: (h) => join(h, ".config", "amp", "settings.json"),
    handMade: (own) => json({ "amp.notifications.enabled": true, "amp.mcpServers": { "my-own": own } }),
    async read(c) {
      // Offline: amp says it cannot reach its account's servers and lists the local ones.
      const r = await run(c.bin, ["mcp", "list", "--json"], c.env, c.home);
      assertEquals(r.code, 0, r.text);
      const list = firstJson(r.stdout) as { name: string; type: string; spec: any }[];
      return Object.fromEntries(list.map((s) => [s.name, {
        transport: s.type === "command" ? "stdio" : "url",
        command: s.spec.command,
        args: s.spec.args,
        env: s.spec.env,
        url: s.spec.url,
        headers: s.spec.headers,
      }]));
    },
    fields: { stdio: ["transport", "command", "args", "env"], remote: ["transport", "url", "headers"] },
    // Amp has no transport field: it detects it when it connects (a `url` server is a "url" server).
    shown: (e) => (e.transport === "stdio" ? e : { ...e, transport: "url" }),
  },
  {
    id: "auggie",
    binary: "auggie",
    file: (h) => join(h, ".augment", "settings.json"),
    handMade: (own) => json({ model: "sonnet4.5", mcpServers: { "my-own": { type: "stdio", ...own } } }),
    async read(c) {
      const r = await run(c.bin, ["mcp", "list", "--json"], c.env, c.home);
      assertEquals(r.code, 0, r.text);
      assert.ok(!/Error loading MCP server configurations/.test(r.text), r.text);
      const list = firstJson(r.stdout).servers as {
        name: string;
        transport: string;
        command?: string;
        url?: string;
      }[];
      return Object.fromEntries(
        list.map((s) => [s.name, { transport: s.transport, command: s.command, url: s.url }]),
      );
    },
    // `auggie mcp list` shows the command line joined with spaces, and no env or headers.
    fields: { stdio: ["transport", "command"], remote: ["transport", "url"] },
    shown: (e) => (e.transport === "stdio" ? { ...e, command: [e.command, ...e.args!].join(" ") } : e),
  },
];

/** The entries deployed (neutral payload) and what each is expected to load as; `sse`: with an SSE
 * server too (not for Codex, which has no SSE: a deploy bridges it through `npx -y mcp-remote`). */
function servers(home: string, port: number, sse: boolean) {
  const local = {
    command: SHIM,
    args: ["--flag", "two words"],
    env: { PLAIN: "hello world", FIXTURE_DUMP: join(home, "local.dump.json") },
  };
  const remote = { type: "http", url: `http://127.0.0.1:${port}/mcp`, headers: { "X-Team": "blue" } };
  const events = { type: "sse", url: `http://127.0.0.1:${port}/sse`, headers: { "X-Team": "green" } };
  const own = { command: SHIM, args: ["hand-made"], env: { FIXTURE_DUMP: join(home, "my-own.dump.json") } };
  const expected: Record<string, Loaded> = {
    local: { transport: "stdio", ...local },
    remote: { transport: "http", url: remote.url, headers: remote.headers },
  };
  if (sse) expected.events = { transport: "sse", url: events.url, headers: events.headers };
  return { payload: { mcpServers: { local, remote, ...(sse ? { events } : {}) } }, own, expected };
}

/** `loaded[name][field]` equals the expected value for every field the reader shows; env and headers:
 * every deployed pair is there (a started server also gets the client's own variables). */
function compare(r: Reader, loaded: Record<string, Loaded>, expected: Record<string, Loaded>) {
  for (const [name, want0] of Object.entries(expected)) {
    const want = r.shown ? r.shown(want0) : want0;
    const got = loaded[name];
    assert.ok(got, `${r.id} did not load "${name}": ${JSON.stringify(loaded)}`);
    for (const f of want.transport === "stdio" ? r.fields.stdio : r.fields.remote) {
      if (f === "env" || f === "headers") {
        const have = Object.fromEntries(
          Object.entries(got[f] ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        for (const [k, v] of Object.entries(want[f] ?? {})) {
          assertEquals(have[k.toLowerCase()], v, `${r.id} ${name}.${f}.${k}`);
        }
      } else {
        assertEquals(got[f], want[f], `${r.id} ${name}.${f}`);
      }
    }
  }
}

async function deploy(home: string, client: string, payload: unknown, env: Record<string, string>) {
  await Deno.writeTextFile(join(home, "servers.json"), JSON.stringify(payload));
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

/** One scenario: `r`'s file fresh (none before) or hand-made, deployed by the CLI, read by the client. */
async function scenario(r: Reader, bin: string, fresh: boolean) {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-reader-" }));
  const remote = remoteFixture();
  try {
    const shims = join(home, "shims");
    await Deno.mkdir(shims);
    await Deno.writeTextFile(join(shims, SHIM), `#!/bin/sh\nexec node "${FIXTURE_SERVER}" "$@"\n`);
    await Deno.chmod(join(shims, SHIM), 0o755);
    const xdg = {
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local", "share"),
      XDG_CACHE_HOME: join(home, ".cache"),
      XDG_STATE_HOME: join(home, ".local", "state"),
    };
    const { payload, own, expected } = servers(home, remote.port, r.sse !== false);
    const file = r.file(home);
    if (!fresh) {
      await Deno.mkdir(dirname(file), { recursive: true });
      await Deno.writeTextFile(file, r.handMade(own));
      expected["my-own"] = { transport: "stdio", ...own };
    }
    await deploy(home, r.id, payload, { HOME: home, ...xdg });
    await r.prepare?.(home);
    const env = {
      HOME: home,
      USERPROFILE: home,
      ...xdg,
      PATH: `${shims}:${dirname(bin)}:${Deno.env.get("PATH") ?? ""}`,
      NO_COLOR: "1",
    };
    const loaded = await r.read({ home, env, bin, port: remote.port, seen: remote.seen });
    compare(r, loaded, expected);
    assertEquals(Object.keys(loaded).sort(), Object.keys(expected).sort(), JSON.stringify(loaded));
    // Whatever the client did to its file while reading it (Claude Code rewrites ~/.claude.json), our
    // entries are still what we deployed.
    const st = await runCli(["status", "--client", r.id, "--format", "json"], { HOME: home, ...xdg });
    assertEquals(
      st.json?.targets?.map((t: { state: string }) => t.state),
      ["up-to-date"],
      st.stdout + st.stderr,
    );
  } finally {
    await remote.close();
    await Deno.remove(home, { recursive: true });
  }
}

/** At most `n` scenarios at once: each real CLI is a Node process of 1-4 s of CPU. */
function limiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await f();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const CASES = READERS.filter((r) => r.id === Deno.env.get("ONLY_READER") || !Deno.env.get("ONLY_READER"))
  .flatMap((r) =>
    [true, false].map((fresh) => ({
      r,
      fresh,
      bin: findClientBinary(r.binary),
      name: `real ${r.binary} reads what deploy-config wrote for ${r.id} ${
        fresh ? "into a fresh file" : "into a hand-made file, and keeps its server"
      }`,
    }))
  );
for (const c of CASES.filter((c) => c.bin === null)) {
  console.log(`SKIPPED: ${c.name}: the real "${c.r.binary}" CLI is not installed (npm package unavailable)`);
}

// One test, a step per scenario, run four at a time (steps without sanitizers may run concurrently):
// 18 real CLI runs one after another take minutes; side by side well under one.
Deno.test({
  name: "nine real readers read what deploy-config wrote, from a fresh file and from a hand-made one",
  ignore: CASES.every((c) => c.bin === null),
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const limit = limiter(4);
    const results = await Promise.all(CASES.map((c) =>
      t.step({
        name: c.name,
        ignore: c.bin === null,
        sanitizeResources: false,
        sanitizeOps: false,
        sanitizeExit: false,
        fn: () => limit(() => scenario(c.r, c.bin!, c.fresh)),
      })
    ));
    assert.ok(results.every((ok, i) => ok || CASES[i].bin === null), "a real reader did not read our file");
  },
});
