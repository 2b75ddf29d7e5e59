import assert from "node:assert/strict";
import { AppError } from "../../src/core/errors.ts";
import { normalizeServerJson, parseServerJsonText } from "../../src/registry/server_json.ts";

/** An older (2025-07-09-era) draft, snake_case, as published by early tools. */
const SNAKE = {
  name: "io.github.example/test-server",
  description: "A test MCP server",
  status: "active",
  version_detail: { version: "1.0.0", release_date: "2025-07-20T12:00:00Z", is_latest: true },
  packages: [{
    registry_name: "npm",
    name: "@example/test-server",
    version: "1.0.0",
    runtime_hint: "npx",
    package_arguments: [{
      type: "positional",
      value_hint: "config_path",
      description: "Config",
      default: "./c.json",
      is_required: true,
    }],
    environment_variables: [{ name: "API_KEY", description: "Key", is_required: true, is_secret: true }],
  }],
  remotes: [{
    transport_type: "streamable-http",
    url: "https://example.com/mcp",
    headers: [{
      name: "Authorization",
      value: "Bearer {api_token}",
      is_required: true,
      variables: { api_token: { is_secret: true, is_required: true } },
    }],
  }],
};

function expectInvalid(f: () => unknown, file: string, path: RegExp) {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, "invalid_input");
    assert.equal(e.details.file, file);
    assert.match(String(e.details.path), path);
    assert.ok(e.message.includes(file));
    return true;
  });
}

Deno.test("snake_case drafts become the current camelCase form", () => {
  const [s] = normalizeServerJson(SNAKE, "old.json");
  assert.equal(s.version, "1.0.0");
  const p = s.packages![0];
  assert.equal(p.registryType, "npm");
  assert.equal(p.identifier, "@example/test-server");
  assert.equal(p.runtimeHint, "npx");
  assert.deepEqual(p.transport, { type: "stdio" });
  assert.equal(p.packageArguments![0].type, "positional");
  assert.equal((p.packageArguments![0] as { valueHint?: string }).valueHint, "config_path");
  assert.equal(p.packageArguments![0].isRequired, true);
  assert.deepEqual(p.environmentVariables![0], {
    name: "API_KEY",
    description: "Key",
    isRequired: true,
    isSecret: true,
  });
  const r = s.remotes![0];
  assert.equal(r.type, "streamable-http");
  assert.equal(r.headers![0].variables!.api_token.isSecret, true);
  assert.equal((s as Record<string, unknown>).status, "active", "unknown fields are kept");
});

Deno.test("registry API responses: list and single shapes, _meta merged", () => {
  const current = {
    name: "io.github.a/one",
    description: "One",
    version: "1.0.0",
    remotes: [{ type: "sse", url: "https://a.example/sse" }],
  };
  const list = {
    servers: [
      { server: current, _meta: { "io.modelcontextprotocol.registry/official": { isLatest: true } } },
      { server: SNAKE },
    ],
    metadata: { count: 2 },
  };
  const out = normalizeServerJson(list, "api.json");
  assert.deepEqual(out.map((s) => s.name), ["io.github.a/one", "io.github.example/test-server"]);
  assert.deepEqual(out[0]._meta?.["io.modelcontextprotocol.registry/official"], { isLatest: true });
  const [single] = normalizeServerJson({ server: current }, "one.json");
  assert.equal(single.remotes![0].url, "https://a.example/sse");
  assert.equal(normalizeServerJson([current, current], "arr.json").length, 2);
});

Deno.test("wrong types and missing fields are invalid_input with the file and zod path", () => {
  const ok = {
    name: "io.github.a/one",
    description: "One",
    version: "1",
    packages: [{ registryType: "npm", identifier: "x", transport: { type: "stdio" } }],
  };
  expectInvalid(() => normalizeServerJson({ ...ok, name: undefined }, "a.json"), "a.json", /^name$/);
  expectInvalid(() => normalizeServerJson({ ...ok, description: 3 }, "b.json"), "b.json", /^description$/);
  expectInvalid(() => normalizeServerJson({ ...ok, version: undefined }, "c.json"), "c.json", /^version$/);
  expectInvalid(() => normalizeServerJson({ ...ok, packages: [] }, "d.json"), "d.json", /^packages$/);
  expectInvalid(
    () =>
      normalizeServerJson({
        ...ok,
        packages: [{ registryType: "npm", identifier: 5, transport: { type: "stdio" } }],
      }, "e.json"),
    "e.json",
    /^packages\.0\.identifier$/,
  );
  expectInvalid(
    () =>
      normalizeServerJson(
        { servers: [{ server: { ...ok, remotes: [{ type: "ws", url: "https://x" }] } }] },
        "f.json",
      ),
    "f.json",
    /^servers\.0\.server\.remotes\.0\.type$/,
  );
  expectInvalid(() => normalizeServerJson({ ...ok, name: "no-slash" }, "g.json"), "g.json", /^name$/);
  expectInvalid(() => normalizeServerJson("text", "h.json"), "h.json", /^$/);
  assert.throws(
    () => parseServerJsonText("{oops", "i.json"),
    (e: unknown) => e instanceof AppError && e.code === "invalid_input" && e.details.file === "i.json",
  );
});

Deno.test("extra unknown fields are tolerated at every level", () => {
  const [s] = normalizeServerJson({
    name: "io.github.a/one",
    description: "One",
    version: "1",
    icons: [{ src: "https://a/i.png" }],
    x: 1,
    packages: [{
      registryType: "npm",
      identifier: "x",
      transport: { type: "stdio", extra: true },
      fileSha256: "ab",
      whatever: [],
    }],
  });
  assert.equal((s.packages![0] as Record<string, unknown>).whatever instanceof Array, true);
});
