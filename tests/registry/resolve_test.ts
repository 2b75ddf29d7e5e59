import assert from "node:assert/strict";
import fc from "../helpers/fc.ts";
import { AppError } from "../../src/core/errors.ts";
import type { NeutralRemote, NeutralStdio } from "../../src/core/neutral.ts";
import { buildCatalog } from "../../src/registry/catalog.ts";
import { resolveServer } from "../../src/registry/resolve.ts";
import { normalizeServerJson } from "../../src/registry/server_json.ts";

const catalog = buildCatalog();
const server = (id: string) => catalog.get(id).server;

Deno.test("npm: npx -y identifier then package arguments; repeated positional", () => {
  const r = resolveServer(server("filesystem"), { params: { allowed_directory: ["/home/me/a", "/srv/b"] } });
  assert.deepEqual(r.entry, {
    command: "npx",
    args: ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/a", "/srv/b"],
  });
  assert.deepEqual(r.missing, { params: [], env: [] });
  assert.equal(r.transport, "stdio");
  const pinned = resolveServer(server("everything"), { pin: true });
  assert.deepEqual((pinned.entry as NeutralStdio).args, [
    "-y",
    "@modelcontextprotocol/server-everything@2026.8.31",
    "stdio",
  ]);
});

Deno.test("pypi: uvx identifier with named flags; boolean flags alone; defaults applied", () => {
  const f = resolveServer(server("fetch"), {
    params: { "ignore-robots-txt": "true", "--user-agent": "Bot/1" },
  });
  assert.deepEqual(f.entry, {
    command: "uvx",
    args: ["mcp-server-fetch", "--user-agent", "Bot/1", "--ignore-robots-txt"],
  });
  const off = resolveServer(server("fetch"), { params: { "ignore-robots-txt": "false" } });
  assert.deepEqual((off.entry as NeutralStdio).args, ["mcp-server-fetch"]);
  const redis = resolveServer(server("redis"));
  assert.deepEqual(redis.entry, {
    command: "uvx",
    args: ["redis-mcp-server", "--url", "redis://localhost:6379/0"],
  });
  const sqlite = resolveServer(server("sqlite"), { params: { "db-path": "/tmp/a.db" } });
  assert.deepEqual((sqlite.entry as NeutralStdio).args, ["mcp-server-sqlite", "--db-path", "/tmp/a.db"]);
  assert.match(sqlite.warnings[0], /deprecated/);
  assert.deepEqual(resolveServer(server("time"), { pin: true }).entry, {
    command: "uvx",
    args: ["mcp-server-time@2025.9.25"],
  });
});

Deno.test("oci: docker run -i --rm -e VAR image, secret only as a reference", () => {
  const r = resolveServer(server("github"), { env: { GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_abc" } });
  assert.deepEqual(r.entry, {
    command: "docker",
    args: ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}" },
  });
  assert.deepEqual(r.secrets, { GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_abc" });
  const pinned = resolveServer(server("github"), { pin: true, env: { GITHUB_PERSONAL_ACCESS_TOKEN: "x" } });
  assert.equal((pinned.entry as NeutralStdio).args!.at(-1), "ghcr.io/github/github-mcp-server:v1.11.0");
});

Deno.test("oci: the publisher's own docker run line (github-mcp-server's server.json) is honoured", () => {
  const [s] = normalizeServerJson({
    name: "io.github.github/github-mcp-server",
    description: "GitHub",
    version: "1.0.0",
    packages: [{
      registryType: "oci",
      identifier: "ghcr.io/github/github-mcp-server:1.0.0",
      transport: { type: "stdio" },
      runtimeArguments: [
        { type: "positional", value: "run" },
        { type: "named", name: "-i", value: "true", format: "boolean" },
        { type: "named", name: "--rm", value: "true", format: "boolean" },
        {
          type: "named",
          name: "-e",
          value: "GITHUB_PERSONAL_ACCESS_TOKEN={token}",
          isRequired: true,
          variables: { token: { isRequired: true, isSecret: true } },
        },
        { type: "positional", valueHint: "image_name", value: "ghcr.io/github/github-mcp-server" },
      ],
    }],
  });
  const r = resolveServer(s, { params: { token: "ghp_secret" } });
  assert.deepEqual((r.entry as NeutralStdio).args, [
    "run",
    "-i",
    "--rm",
    "-e",
    "GITHUB_PERSONAL_ACCESS_TOKEN=${TOKEN}",
    "ghcr.io/github/github-mcp-server",
  ]);
  assert.deepEqual(r.secrets, { TOKEN: "ghp_secret" });
  assert.deepEqual(resolveServer(s).missing.params, ["token"]);
});

Deno.test("remote: http and sse entries, secret header filled from its template", () => {
  const gh = resolveServer(server("github"), {
    transport: "http",
    params: { GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_x" },
  });
  assert.deepEqual(gh.entry, {
    type: "http",
    url: "https://api.githubcopilot.com/mcp/",
    headers: { Authorization: "Bearer ${GITHUB_PERSONAL_ACCESS_TOKEN}" },
  });
  assert.deepEqual(gh.secrets, { GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_x" });
  const oauth = resolveServer(server("github"), { transport: "http" });
  assert.deepEqual(
    oauth.entry,
    { type: "http", url: "https://api.githubcopilot.com/mcp/" },
    "optional header omitted",
  );
  assert.deepEqual(
    resolveServer(server("linear")).entry,
    { type: "http", url: "https://mcp.linear.app/mcp" },
    "remote-only default",
  );
  const sse = resolveServer(server("deepwiki"), { transport: "sse" });
  assert.deepEqual(sse.entry, { type: "sse", url: "https://mcp.deepwiki.com/sse" });
  assert.ok(sse.warnings.some((w) => /SSE/.test(w)));
  assert.throws(
    () => resolveServer(server("linear"), { transport: "stdio" }),
    (e: unknown) =>
      e instanceof AppError && e.code === "invalid_input" && (e.details.offered as string[]).includes("http"),
  );
});

Deno.test("remote URL variables and required secret headers", () => {
  const [s] = normalizeServerJson({
    name: "io.github.a/tenant",
    description: "T",
    version: "1",
    remotes: [{
      type: "streamable-http",
      url: "https://{tenant}.example.com/mcp",
      variables: { tenant: { isRequired: true } },
      headers: [{ name: "X-Api-Key", isRequired: true, isSecret: true }],
    }],
  });
  const ok = resolveServer(s, { params: { tenant: "acme", "X-Api-Key": "k1" } });
  assert.deepEqual(ok.entry, {
    type: "http",
    url: "https://acme.example.com/mcp",
    headers: { "X-Api-Key": "${X_API_KEY}" },
  });
  assert.deepEqual(ok.secrets, { X_API_KEY: "k1" });
  const miss = resolveServer(s);
  assert.deepEqual(miss.missing.params.sort(), ["X-Api-Key", "tenant"]);
  assert.deepEqual((miss.entry as NeutralRemote).headers, { "X-Api-Key": "${X_API_KEY}" });
});

Deno.test("missing required params and env are reported, not thrown", () => {
  const r = resolveServer(server("slack"));
  assert.deepEqual(r.missing, { params: [], env: ["SLACK_BOT_TOKEN", "SLACK_TEAM_ID"] });
  assert.deepEqual((r.entry as NeutralStdio).env, { SLACK_BOT_TOKEN: "${SLACK_BOT_TOKEN}" });
  assert.deepEqual(resolveServer(server("postgres")).missing.params, ["connection_string"]);
  assert.deepEqual(resolveServer(server("filesystem")).missing.params, ["allowed_directory"]);
});

Deno.test("unknown params are refused with the known names; bad choices/format refused", () => {
  assert.throws(() => resolveServer(server("fetch"), { params: { "user-agnet": "x" } }), (e: unknown) => {
    assert.ok(e instanceof AppError && e.code === "invalid_input");
    assert.deepEqual(e.details.unknown, ["user-agnet"]);
    assert.deepEqual(e.details.known, ["user-agent", "ignore-robots-txt", "proxy-url"]);
    return true;
  });
  assert.throws(
    () => resolveServer(server("playwright"), { params: { browser: "lynx" } }),
    (e: unknown) =>
      (e as AppError).code === "invalid_input" && (e as AppError).details.choices instanceof Array,
  );
  assert.throws(() => resolveServer(server("fetch"), { params: { "ignore-robots-txt": "yes" } }), AppError);
  assert.throws(() => resolveServer(catalog.get("gdrive").server, { params: { nope: "1" } }), AppError);
});

Deno.test("undeclared env is passed through with a warning, secret-looking names as references", () => {
  const r = resolveServer(server("fetch"), { env: { PYTHONIOENCODING: "utf-8", EXTRA_TOKEN: "t0k" } });
  assert.deepEqual((r.entry as NeutralStdio).env, {
    PYTHONIOENCODING: "utf-8",
    EXTRA_TOKEN: "${EXTRA_TOKEN}",
  });
  assert.deepEqual(r.secrets, { EXTRA_TOKEN: "t0k" });
  assert.equal(r.warnings.length, 2);
});

Deno.test("property: a secret value never appears literally in the entry", () => {
  const cases: [string, (v: string) => Parameters<typeof resolveServer>[1]][] = [
    ["brave-search", (v) => ({ env: { BRAVE_API_KEY: v } })],
    ["github", (v) => ({ env: { GITHUB_PERSONAL_ACCESS_TOKEN: v } })],
    ["github", (v) => ({ transport: "http", params: { GITHUB_PERSONAL_ACCESS_TOKEN: v } })],
    ["context7", (v) => ({ transport: "http", params: { CONTEXT7_API_KEY: v } })],
    ["postgres", (v) => ({ params: { connection_string: v } })],
    ["redis", (v) => ({ env: { REDIS_PWD: v } })],
    ["mongodb", (v) => ({ params: { MDB_MCP_CONNECTION_STRING: v } })],
  ];
  // Text the entries hold anyway (commands, names, references): a value inside it proves nothing.
  const base = cases.map(([id, opts]) => JSON.stringify(resolveServer(server(id), opts("\u0000")).entry))
    .join();
  const value = fc.string({ minLength: 6 }).filter((v) => !base.includes(v) && !/[$]/.test(v));
  fc.assert(
    fc.property(value, fc.nat(cases.length - 1), (v, i) => {
      const [id, opts] = cases[i];
      const r = resolveServer(server(id), opts(v));
      assert.ok(!JSON.stringify(r.entry).includes(JSON.stringify(v).slice(1, -1)), `${id} leaked`);
      assert.ok(Object.values(r.secrets).includes(v));
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: hostile argument values stay single argv items, unchanged", () => {
  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "a b",
      "'; rm -rf ~ #",
      "$(reboot)",
      "`id`",
      "x\ny",
      '"quoted"',
      "a && b | c > d",
      "--flag=1",
      " ",
    ),
  ).filter((v) => v.length > 0 && !/[{}]/.test(v));
  fc.assert(
    fc.property(hostile, hostile, (dir, ua) => {
      const fs = resolveServer(server("filesystem"), { params: { allowed_directory: dir } });
      assert.deepEqual((fs.entry as NeutralStdio).args, [
        "-y",
        "@modelcontextprotocol/server-filesystem",
        dir,
      ]);
      const f = resolveServer(server("fetch"), { params: { "user-agent": ua } });
      assert.deepEqual((f.entry as NeutralStdio).args, ["mcp-server-fetch", "--user-agent", ua]);
    }),
    { numRuns: 300 },
  );
});
