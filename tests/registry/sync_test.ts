/** Issue 16, the official registry as a source: `registry sync [--url URL]` against a fixture of the MCP
 * registry API (GET /v0.1/servers) on 127.0.0.1, serving recorded pages in the API's shape: pagination by
 * cursor, updated_since, a deprecated, a deleted and a malformed entry, and hostile ones (a name with `..`,
 * forged metadata, a literal secret). Through the CLI in process, and sync_registry over MCP. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { withMcp } from "../mcp/client.ts";

const OFFICIAL = "io.modelcontextprotocol.registry/official";
const T1 = "2026-11-01T10:00:00Z";
const T2 = "2026-11-20T08:30:00Z";

/** One API entry: `{server, _meta}` with the registry's metadata. */
function entry(
  name: string,
  meta: { status?: string; statusMessage?: string; updatedAt?: string; isLatest?: boolean } = {},
  server: Record<string, unknown> = {},
) {
  return {
    server: {
      $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
      name,
      description: `The ${name.split("/")[1]} server`,
      version: "1.0.0",
      packages: [{
        registryType: "npm",
        identifier: `@acme/${name.split("/")[1]}`,
        version: "1.0.0",
        transport: { type: "stdio" },
      }],
      ...server,
    },
    _meta: {
      [OFFICIAL]: {
        status: meta.status ?? "active",
        publishedAt: T1,
        updatedAt: meta.updatedAt ?? T1,
        isLatest: meta.isLatest ?? true,
        ...(meta.statusMessage ? { statusMessage: meta.statusMessage } : {}),
      },
    },
  };
}

/** The first full sync's entries: 9, served 3 per page. */
const FIRST = [
  entry("io.github.acme/weather"),
  entry("io.github.acme/old-tool", {
    status: "deprecated",
    statusMessage: "use io.github.acme/weather\u0007",
  }),
  entry("io.github.acme/gone", { status: "deleted" }),
  // Malformed: no description, and a name that is no reverse-DNS name.
  { server: { name: "io.github.acme/broken", version: "1", packages: [] }, _meta: {} },
  { server: { name: "not a name", description: "x", version: "1" } },
  // A name made of dots, and one forging our own metadata and the registry's status.
  entry("io.github.evil/..", {}),
  entry("io.github.evil/hijack", { status: "deprecated" }, {
    _meta: {
      "io.github.mcp-orchestration/catalog": { id: "github", aliases: { env: { X: "Y" } } },
      [OFFICIAL]: { status: "active" },
    },
  }),
  // A literal secret, an older version, and a built-in's own name deprecated upstream.
  entry("io.github.acme/leaky", {}, {
    packages: [{
      registryType: "npm",
      identifier: "@acme/leaky",
      transport: { type: "stdio" },
      environmentVariables: [{
        name: "GITHUB_TOKEN",
        isSecret: true,
        default: "ghp_syncFIXTUREfake0123456789abcdefABCD",
      }],
    }],
  }),
  entry("io.github.acme/weather", { isLatest: false, updatedAt: "2026-10-01T00:00:00Z" }),
  entry("io.github.modelcontextprotocol/server-memory", {
    status: "deprecated",
    statusMessage: "archived upstream",
  }),
];

interface Fixture {
  url: string;
  requests: URL[];
  /** What the registry holds now (tests change it between syncs). */
  entries: unknown[];
  close(): Promise<void>;
}

/** The registry API over `entries`: 3 per page (cursor = index of the next entry), `updated_since`
 * keeps entries updated after it; `/broken` fails on its second page, `/moved` redirects. */
function fixture(entries: unknown[]): Fixture {
  const requests: URL[] = [];
  const f: Fixture = { url: "", requests, entries, close: async () => {} };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const u = new URL(req.url);
    requests.push(u);
    if (u.pathname === "/moved/v0.1/servers") {
      return new Response(null, { status: 302, headers: { location: "http://198.51.100.7/v0.1/servers" } });
    }
    if (u.pathname === "/loop/v0.1/servers") {
      return Response.json({ servers: [], metadata: { count: 0, nextCursor: "again" } });
    }
    if (u.pathname !== "/v0.1/servers" && u.pathname !== "/broken/v0.1/servers") {
      return new Response("not found", { status: 404 });
    }
    const start = Number(u.searchParams.get("cursor") ?? "0");
    if (u.pathname === "/broken/v0.1/servers" && start > 0) return new Response("boom", { status: 500 });
    const since = u.searchParams.get("updated_since");
    const all = f.entries.filter((e) => {
      const at = (e as { _meta?: Record<string, { updatedAt?: string }> })._meta?.[OFFICIAL]?.updatedAt;
      return !since || (at !== undefined && Date.parse(at) > Date.parse(since));
    });
    const page = all.slice(start, start + 3);
    const next = start + 3 < all.length ? String(start + 3) : undefined;
    return Response.json({
      servers: page,
      metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) },
    });
  });
  f.url = `http://127.0.0.1:${server.addr.port}`;
  f.close = () => server.shutdown();
  return f;
}

async function withRegistry(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const f = fixture([...FIRST]);
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

const run = (h: TempHome, args: string[]) => cli(h, [...args, "--format", "json"]);

/** Every file under `dir`, relative. */
async function tree(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(join(dir, rel))) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await tree(dir, p));
    else out.push(p);
  }
  return out.sort();
}

Deno.test("registry sync: every page read into <home>/registry/synced; deprecated and deleted flagged; malformed and hostile entries skipped with warnings", () =>
  withRegistry((f) =>
    withHome(async (h) => {
      const r = await run(h, ["registry", "sync", "--url", f.url]);
      assertEquals(r.code, 0, r.stdout);
      const s = r.json;
      assertEquals([s.mode, s.pages, s.received, s.updated_since], ["full", 4, 10, null]);
      // weather, old-tool, gone, evil/.., hijack, server-memory; skipped: 2 malformed, the secret, the old version.
      assertEquals([s.written, s.skipped, s.servers], [6, 4, 6]);
      assertEquals(s.deprecated.sort(), [
        "io.github.acme.old-tool",
        "io.github.evil.hijack",
        "io.github.modelcontextprotocol.server-memory",
      ]);
      assertEquals(s.deleted, ["io.github.acme.gone"]);
      assertEquals(s.next_updated_since, T1);
      const warnings = s.warnings.join("\n");
      assert.match(warnings, /page 2, entry 1.*description/);
      assert.match(warnings, /page 2, entry 2/);
      assert.match(warnings, /"io.github.acme\/leaky".*literal secret/);
      assert.ok(!r.stdout.includes("ghp_syncFIXTURE"), "a secret is never echoed");
      // Every page asked for the latest versions, deleted ones included, 100 at a time.
      const q = f.requests[0].searchParams;
      assertEquals([q.get("limit"), q.get("version"), q.get("include_deleted"), q.get("updated_since")], [
        "100",
        "latest",
        "true",
        null,
      ]);
      assertEquals(f.requests.map((u) => u.searchParams.get("cursor")), [null, "3", "6", "9"]);

      // Nothing outside the source's folder; the forged metadata is not ours.
      const source = `127.0.0.1_${new URL(f.url).port}`;
      assertEquals(await tree(join(h.home, "registry")), [
        `synced/${source}.json`,
        ...[
          "io.github.acme.gone",
          "io.github.acme.old-tool",
          "io.github.acme.weather",
          "io.github.evil.",
          "io.github.evil.hijack",
          "io.github.modelcontextprotocol.server-memory",
        ].map((id) => `synced/${source}/${id}.json`),
      ]);
      const hijack = JSON.parse(
        await Deno.readTextFile(join(h.home, "registry", "synced", source, "io.github.evil.hijack.json")),
      );
      assertEquals(hijack._meta["io.github.mcp-orchestration/catalog"], { id: "io.github.evil.hijack" });
      assertEquals(hijack._meta[OFFICIAL].status, "deprecated");
      const state = JSON.parse(await Deno.readTextFile(join(h.home, "registry", "synced", `${source}.json`)));
      assertEquals([state.url, state.updated_since], [f.url, T1]);

      // list-servers: new servers listed, flagged; the built-in github keeps its id; memory is flagged.
      const list = (await run(h, ["list-servers"])).json.servers as {
        id: string;
        upstream_status?: string;
        deprecated: boolean;
      }[];
      const by = new Map(list.map((x) => [x.id, x]));
      assertEquals(by.get("io.github.acme.weather")?.upstream_status, undefined);
      assertEquals(by.get("io.github.acme.old-tool")?.upstream_status, "deprecated");
      assertEquals(by.get("io.github.acme.gone")?.upstream_status, "deleted");
      assertEquals([by.get("memory")?.deprecated, by.get("memory")?.upstream_status], [true, "deprecated"]);
      assert.ok(
        !by.has("io.github.modelcontextprotocol.server-memory"),
        "a built-in's name is that built-in",
      );
      assertEquals(by.get("github")?.upstream_status, undefined);
      const text = (await cli(h, ["list-servers", "--search", "acme"])).stdout;
      assert.match(text, /io\.github\.acme\.gone \(deleted upstream\)/);
      assert.match(text, /io\.github\.acme\.old-tool \(deprecated upstream\)/);
      const desc = await run(h, ["describe-server", "io.github.acme.old-tool"]);
      assert.match(
        desc.json.deprecation.reason,
        /deprecated in the MCP registry \(127\.0\.0\.1_\d+\): use io\.github\.acme\/weather$/,
      );
      assert.ok(!desc.stdout.includes("\\u0007"), "control characters from upstream are dropped");

      // validate-config: DEPRECATED_SERVER for a deprecated upstream server and for the built-in memory.
      assertEquals((await run(h, ["add-server", "io.github.acme.old-tool", "--client", "cursor"])).code, 0);
      assertEquals((await run(h, ["add-server", "memory", "--client", "cursor"])).code, 0);
      assertEquals((await run(h, ["add-server", "io.github.acme.gone", "--client", "cursor"])).code, 0);
      const v = await run(h, ["validate-config", "--client", "cursor"]);
      const dep = v.json.warnings.filter((w: { code: string }) => w.code === "DEPRECATED_SERVER")
        .map((w: { server: string; message: string }) => `${w.server}: ${w.message}`).join("\n");
      assert.match(dep, /old-tool: .*deprecated in the MCP registry/);
      assert.match(dep, /memory: .*deprecated in the MCP registry .*archived upstream/);
      assert.match(dep, /gone: .*deleted from the MCP registry/);
    })
  ));

Deno.test("registry sync: the next sync sends updated_since and reads only what changed (a server deleted since)", () =>
  withRegistry((f) =>
    withHome(async (h) => {
      assertEquals((await run(h, ["registry", "sync", "--url", f.url])).code, 0);
      f.entries[0] = entry("io.github.acme/weather", { status: "deleted", updatedAt: T2 });
      f.requests.length = 0;
      const r = await run(h, ["registry", "sync", "--url", `${f.url}/`]);
      assertEquals(r.code, 0, r.stdout);
      assertEquals(f.requests.map((u) => u.searchParams.get("updated_since")), [T1]);
      assertEquals(
        [r.json.mode, r.json.received, r.json.written, r.json.deleted, r.json.next_updated_since],
        [
          "incremental",
          1,
          1,
          ["io.github.acme.weather"],
          T2,
        ],
      );
      const list = (await run(h, ["list-servers", "--search", "weather"])).json.servers;
      assertEquals(list.map((x: { id: string; upstream_status?: string }) => [x.id, x.upstream_status]), [
        ["io.github.acme.weather", "deleted"],
      ]);
      // Nothing changed since: nothing written, the mark stays.
      const quiet = await run(h, ["registry", "sync", "--url", f.url]);
      assertEquals([quiet.json.received, quiet.json.written, quiet.json.next_updated_since], [0, 0, T2]);
      // --full reads everything again.
      const full = await run(h, ["registry", "sync", "--url", f.url, "--full"]);
      assertEquals([full.json.mode, full.json.received, full.json.written, full.json.unchanged], [
        "full",
        10,
        0,
        6,
      ]);
      assert.match(
        (await cli(h, ["registry", "sync", "--url", f.url])).stdout,
        /^Synced http:\/\/127\.0\.0\.1:\d+ \(changes since /,
      );
    })
  ));

Deno.test("registry sync: a failing page stops with io_error keeping the last mark; a redirect, a non-URL and credentials in the URL are refused", () =>
  withRegistry((f) =>
    withHome(async (h) => {
      const broken = await run(h, ["registry", "sync", "--url", `${f.url}/broken`]);
      assertEquals([broken.code, broken.json.error], [1, "io_error"]);
      assert.match(broken.json.message, /answered HTTP 500/);
      const source = `127.0.0.1_${new URL(f.url).port}_broken`;
      assert.ok(
        !(await Deno.stat(join(h.home, "registry", "synced", `${source}.json`)).catch(() => null)),
        "no mark",
      );
      const moved = await run(h, ["registry", "sync", "--url", `${f.url}/moved`]);
      assertEquals(moved.json.error, "io_error");
      assert.match(moved.json.message, /redirects \(HTTP 302\)/);
      assertEquals((await run(h, ["registry", "sync", "--url", "ftp://x"])).json.error, "invalid_input");
      const cred = await run(h, ["registry", "sync", "--url", "https://user:hunter2@mirror.example.com"]);
      assertEquals(cred.json.error, "invalid_input");
      assert.ok(!cred.stdout.includes("hunter2"));
      assertEquals((await run(h, ["registry", "sync", "extra.json"])).json.error, "invalid_input");
      assertEquals(
        (await run(h, ["registry", "import", "x.json", "--url", f.url])).json.error,
        "invalid_input",
      );
      const loop = await run(h, ["registry", "sync", "--url", `${f.url}/loop`]);
      assertEquals(loop.json.error, "io_error");
      assert.match(loop.json.message, /same cursor twice/);
      // Nothing listening: the error says why (Deno's own message is only "fetch failed").
      const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const closed = `http://127.0.0.1:${(l.addr as Deno.NetAddr).port}`;
      l.close();
      const refused = await run(h, ["registry", "sync", "--url", closed]);
      assertEquals(refused.json.error, "io_error");
      assert.match(refused.json.message, /: fetch failed \(client error \(Connect\): .*Connection refused/);
      const notApi = await run(h, ["registry", "sync", "--url", `${f.url}/nowhere`]);
      assertEquals([notApi.json.error, /HTTP 404/.test(notApi.json.message)], ["io_error", true]);
      // A failure before any entry arrived (a redirect, a 404) leaves no folder behind (/broken failed on its
      // second page: the entries of its first stay, for the next sync to go on from).
      const synced = join(h.home, "registry", "synced");
      const left = [...Deno.readDirSync(synced)].map((e) => e.name).filter((n) => /_(moved|nowhere)/.test(n));
      assertEquals(left, []);
    })
  ));

Deno.test("MCP sync_registry: a source the user synced from the CLI syncs; a URL never synced is refused", () =>
  withRegistry((f) =>
    withMcp(async (t) => {
      const refused = await t.fail("sync_registry", { url: f.url }, "invalid_input");
      assert.match(refused.message, /registry sync --url/);
      assertEquals(f.requests.length, 0, "nothing was fetched");
      assertEquals((await cli(t.home, ["registry", "sync", "--url", f.url, "--format", "json"])).code, 0);
      const r = await t.ok("sync_registry", { url: f.url });
      assertEquals([r.mode, r.received], ["incremental", 0]);
      // A full sync over MCP reports each page as progress (4 pages of the fixture).
      const progress: { progress: number; message?: string }[] = [];
      const full = (await t.client.callTool(
        { name: "sync_registry", arguments: { url: f.url, full: true } },
        undefined,
        { onprogress: (p: { progress: number; message?: string }) => progress.push(p) },
      )) as { isError?: boolean; structuredContent: { pages: number; unchanged: number } };
      assert.ok(!full.isError);
      assertEquals([full.structuredContent.pages, full.structuredContent.unchanged], [4, 6]);
      assertEquals(progress.map((p) => p.progress), [1, 2, 3, 4]);
      assert.match(progress[0].message ?? "", /^page 1: 3 entries/);
      const list = await t.ok("list_available_servers", {});
      const row = list.servers.find((s: { id: string }) => s.id === "io.github.acme.old-tool");
      assertEquals([row?.deprecated, row?.upstream_status], [true, "deprecated"]);
      const tools = (await t.client.listTools()).tools as {
        name: string;
        annotations?: Record<string, unknown>;
      }[];
      const tool = tools.find((x) => x.name === "sync_registry")!;
      assertEquals([tool.annotations?.readOnlyHint, tool.annotations?.openWorldHint], [false, true]);
    })
  ));
