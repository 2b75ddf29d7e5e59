import assert from "node:assert/strict";
import { AppError } from "../../src/core/errors.ts";
import { buildCatalog } from "../../src/registry/catalog.ts";

const catalog = buildCatalog();

Deno.test("list: all servers sorted, each with transports and tags", () => {
  const all = catalog.list();
  assert.ok(all.length >= 25);
  assert.deepEqual(all.map((s) => s.id), [...all.map((s) => s.id)].sort());
  const gh = all.find((s) => s.id === "github")!;
  assert.deepEqual(gh.transports, ["stdio", "http"]);
  assert.equal(gh.source, "builtin");
});

Deno.test("list: search is case-insensitive over id, name, title, description and tags", () => {
  assert.ok(catalog.list({ search: "BRAVE" }).some((s) => s.id === "brave-search"));
  assert.ok(catalog.list({ search: "knowledge graph" }).some((s) => s.id === "memory"), "description words");
  assert.ok(catalog.list({ search: "getsentry" }).some((s) => s.id === "sentry"), "name");
  assert.deepEqual(catalog.list({ search: "timezone" }).map((s) => s.id), ["time"], "tag");
  assert.deepEqual(catalog.list({ search: "no-such-thing-xyz" }), []);
});

Deno.test("list: search is ranked and ignores the reverse-DNS prefix of names (io.github.*)", () => {
  // Every built-in name starts with io.github.: that must not make "git" match 28 of 29 servers.
  assert.deepEqual(catalog.list({ search: "git" }).map((s) => s.id), ["git", "github", "deepwiki"]);
  assert.deepEqual(catalog.list({ search: "io" }), []);
  // exact id first, then id prefix, then tags, then description words
  const db = catalog.list({ search: "database" }).map((s) => s.id);
  assert.equal(db.at(-1), "notion", "a description word ranks after the tag matches");
  const search = catalog.list({ search: "search" }).map((s) => s.id);
  assert.equal(search[0], "brave-search", "id word before tags");
  assert.ok(search.indexOf("exa") < search.indexOf("filesystem"), "tag before description word");
});

Deno.test("list: transport and tag filters", () => {
  const sse = catalog.list({ transport: "sse" }).map((s) => s.id);
  assert.deepEqual(sse, ["cloudflare-docs", "deepwiki"]);
  const http = catalog.list({ transport: "http" }).map((s) => s.id);
  for (const id of ["github", "sentry", "linear", "context7", "deepwiki"]) assert.ok(http.includes(id), id);
  assert.ok(!http.includes("filesystem"));
  const stdio = catalog.list({ transport: "stdio" }).map((s) => s.id);
  assert.ok(stdio.includes("fetch") && !stdio.includes("linear"));
  const db = catalog.list({ tag: "Database" }).map((s) => s.id);
  for (const id of ["postgres", "sqlite", "redis"]) assert.ok(db.includes(id), id);
  assert.deepEqual(catalog.list({ tag: "database", search: "redis" }).map((s) => s.id), ["redis"]);
});

Deno.test("get: unknown id is server_not_found with close suggestions", () => {
  assert.equal(catalog.get("fetch").server.name, "io.github.modelcontextprotocol/server-fetch");
  assert.throws(() => catalog.get("filesytem"), (e: unknown) => {
    assert.ok(e instanceof AppError && e.code === "server_not_found");
    assert.deepEqual((e.details.suggestions as string[])[0], "filesystem");
    return true;
  });
  assert.throws(
    () => catalog.get("brave"),
    (e: unknown) =>
      (e as AppError).details.suggestions instanceof Array &&
      ((e as AppError).details.suggestions as string[]).includes("brave-search"),
  );
});

Deno.test("describe: inputs, transports, install hints and deprecation", () => {
  const fs = catalog.describe("filesystem");
  assert.equal(fs.options.length, 1);
  assert.equal(
    fs.options[0].installHint,
    "npx downloads @modelcontextprotocol/server-filesystem on first run; needs Node.js (npx)",
  );
  assert.deepEqual(fs.options[0].inputs[0], {
    name: "allowed_directory",
    kind: "positional",
    isRequired: true,
    isSecret: false,
    isRepeated: true,
    description: "Absolute path the server may access; pass one or more.",
    format: "filepath",
  });
  const gh = catalog.describe("github");
  assert.deepEqual(gh.options.map((o) => o.transport), ["stdio", "http"]);
  assert.match(gh.options[0].installHint, /needs Docker/);
  assert.equal(gh.options[1].installHint, "Hosted at https://api.githubcopilot.com/mcp/; nothing to install");
  const tok = gh.options[0].inputs.find((i) => i.name === "GITHUB_PERSONAL_ACCESS_TOKEN")!;
  assert.equal(tok.kind, "env");
  assert.equal(tok.isSecret && tok.isRequired, true);
  assert.equal(gh.options[1].inputs[0].kind, "variable");
  assert.match(catalog.describe("fetch").options[0].installHint, /needs uv \(uvx\)/);
  const redisUrl = catalog.describe("redis").options[0].inputs.find((i) => i.name === "url")!;
  assert.equal(redisUrl.default, "redis://localhost:6379/0");
  const pw = catalog.describe("playwright").options[0].inputs.find((i) => i.name === "browser")!;
  assert.deepEqual(pw.choices, ["chrome", "firefox", "webkit", "msedge"]);
  const pup = catalog.describe("puppeteer");
  assert.equal(pup.deprecated, true);
  assert.equal(pup.deprecation?.successor, "playwright");
  assert.equal(catalog.describe("memory").deprecation, undefined);
});

Deno.test("user files override built-ins with the same id and add new ones", () => {
  const override = JSON.stringify({
    name: "io.github.me/fetch",
    description: "My fetch",
    version: "9.9.9",
    remotes: [{ type: "streamable-http", url: "https://fetch.example/mcp" }],
    _meta: { "io.github.mcp-orchestration/catalog": { id: "fetch", tags: ["mine"] } },
  });
  const plain = JSON.stringify({
    name: "io.github.me/acme",
    description: "Acme",
    version: "1",
    remotes: [{ type: "sse", url: "https://acme.example/sse" }],
  });
  const api = JSON.stringify({
    servers: [{
      server: {
        name: "io.github.me/Alpha_One",
        description: "A",
        version: "1",
        remotes: [{ type: "sse", url: "https://a.example/sse" }],
      },
    }],
    metadata: {},
  });
  const c = buildCatalog([
    { path: "/home/me/registry/custom.json", text: override },
    { path: "/home/me/registry/Acme-Tools.json", text: plain },
    { path: "/home/me/registry/dump.json", text: api + "" },
  ]);
  const f = c.get("fetch");
  assert.equal(f.source, "user");
  assert.equal(f.server.version, "9.9.9");
  assert.equal(c.list().filter((s) => s.id === "fetch").length, 1);
  assert.equal(c.get("acme-tools").server.name, "io.github.me/acme");
  assert.equal(c.get("dump").server.name, "io.github.me/Alpha_One", "single-server file takes the basename");
  assert.equal(c.ids().length, catalog.ids().length + 2);
  const two = JSON.stringify({
    servers: [
      {
        server: {
          name: "io.github.me/Tool.One",
          description: "1",
          version: "1",
          remotes: [{ type: "sse", url: "https://1.example/sse" }],
        },
      },
      {
        server: {
          name: "io.github.me/tool-two",
          description: "2",
          version: "1",
          remotes: [{ type: "sse", url: "https://2.example/sse" }],
        },
      },
    ],
  });
  assert.deepEqual(
    buildCatalog([{ path: "many.json", text: two }], []).ids(),
    ["tool-two", "tool.one"],
    "multi-server file: name tails",
  );
  assert.throws(
    () => buildCatalog([{ path: "bad.json", text: '{"name": 1}' }]),
    (e: unknown) => (e as AppError).code === "invalid_input",
  );
});
