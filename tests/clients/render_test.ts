/**
 * Rendering table: for every client, the native entry of a stdio server with env (secret in reference
 * mode), an HTTP remote with a header, an SSE remote, and npx on Windows; then literal mode.
 */
import assert from "node:assert/strict";
import { getClient } from "../../src/clients/registry.ts";
import type { NativeEntry, OS, RenderContext } from "../../src/clients/types.ts";
import type { NeutralEntry } from "../../src/core/neutral.ts";

const SECRETS: Record<string, string> = { API_KEY: "k-123" };
const ctx = (os: OS, secrets: "reference" | "literal" = "reference"): RenderContext => ({
  os,
  secrets,
  resolveSecret: (n) => SECRETS[n],
});

const STDIO: NeutralEntry = {
  command: "uvx",
  args: ["mcp-server-time"],
  env: { TZ: "UTC", API_KEY: "${API_KEY}" },
};
const HTTP: NeutralEntry = {
  type: "http",
  url: "https://example.com/mcp",
  headers: { Authorization: "Bearer ${API_KEY}" },
};
const SSE: NeutralEntry = { type: "sse", url: "https://example.com/sse", headers: { "X-Team": "blue" } };
const NPX: NeutralEntry = { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] };

const ARGS = ["mcp-server-time"];
const WIN_ARGS = ["/c", "npx", "-y", "@modelcontextprotocol/server-memory"];
const LIT_ENV = { TZ: "UTC", API_KEY: "k-123" };
const ENV_COLON = { TZ: "UTC", API_KEY: "${env:API_KEY}" };
const BEARER_LIT = { Authorization: "Bearer k-123" };
const BLUE = { "X-Team": "blue" };

/** [stdio, http, sse, npx on windows] per client. */
const TABLE: Record<string, [NativeEntry, NativeEntry, NativeEntry, NativeEntry]> = {
  "claude-desktop": [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    {
      command: "npx",
      args: [
        "-y",
        "mcp-remote",
        "https://example.com/mcp",
        "--header",
        "Authorization:${MCP_REMOTE_HEADER_AUTHORIZATION}",
      ],
      env: { MCP_REMOTE_HEADER_AUTHORIZATION: "Bearer k-123" },
    },
    {
      command: "npx",
      args: [
        "-y",
        "mcp-remote",
        "https://example.com/sse",
        "--header",
        "X-Team:blue",
        "--transport",
        "sse-only",
      ],
    },
    { command: "cmd", args: WIN_ARGS },
  ],
  "claude-code": [
    { type: "stdio", command: "uvx", args: ARGS, env: STDIO.env as NativeEntry },
    { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer ${API_KEY}" } },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { type: "stdio", command: "cmd", args: WIN_ARGS },
  ],
  cursor: [
    { command: "uvx", args: ARGS, env: ENV_COLON },
    { url: "https://example.com/mcp", headers: { Authorization: "Bearer ${env:API_KEY}" } },
    { url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  windsurf: [
    { command: "uvx", args: ARGS, env: ENV_COLON },
    { serverUrl: "https://example.com/mcp", headers: { Authorization: "Bearer ${env:API_KEY}" } },
    { serverUrl: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  vscode: [
    { type: "stdio", command: "uvx", args: ARGS, env: ENV_COLON },
    { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer ${env:API_KEY}" } },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { type: "stdio", command: "cmd", args: WIN_ARGS },
  ],
  cline: [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { type: "streamableHttp", url: "https://example.com/mcp", headers: BEARER_LIT },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  "roo-code": [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { type: "streamable-http", url: "https://example.com/mcp", headers: BEARER_LIT },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  zed: [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { url: "https://example.com/mcp", headers: BEARER_LIT },
    { url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  continue: [
    { name: "srv", command: "uvx", args: ARGS, env: LIT_ENV },
    {
      name: "srv",
      type: "streamable-http",
      url: "https://example.com/mcp",
      requestOptions: { headers: BEARER_LIT },
    },
    { name: "srv", type: "sse", url: "https://example.com/sse", requestOptions: { headers: BLUE } },
    { name: "srv", command: "cmd", args: WIN_ARGS },
  ],
  codex: [
    { command: "uvx", args: ARGS, env: { TZ: "UTC" }, env_vars: ["API_KEY"] },
    { url: "https://example.com/mcp", bearer_token_env_var: "API_KEY" },
    {
      command: "npx",
      args: [
        "-y",
        "mcp-remote",
        "https://example.com/sse",
        "--header",
        "X-Team:blue",
        "--transport",
        "sse-only",
      ],
    },
    { command: "cmd", args: WIN_ARGS },
  ],
  "gemini-cli": [
    { command: "uvx", args: ARGS, env: STDIO.env as NativeEntry },
    { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer ${API_KEY}" } },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  goose: [
    {
      name: "srv",
      type: "stdio",
      cmd: "uvx",
      args: ARGS,
      envs: { TZ: "UTC" },
      env_keys: ["API_KEY"],
      enabled: true,
      timeout: 300,
    },
    {
      name: "srv",
      type: "streamable_http",
      uri: "https://example.com/mcp",
      headers: BEARER_LIT,
      enabled: true,
      timeout: 300,
    },
    { name: "srv", type: "sse", uri: "https://example.com/sse", headers: BLUE, enabled: true, timeout: 300 },
    { name: "srv", type: "stdio", cmd: "cmd", args: WIN_ARGS, enabled: true, timeout: 300 },
  ],
  "lm-studio": [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { url: "https://example.com/mcp", headers: BEARER_LIT },
    { url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  kiro: [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { url: "https://example.com/mcp", headers: BEARER_LIT },
    { url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  opencode: [
    { type: "local", command: ["uvx", ...ARGS], environment: LIT_ENV, enabled: true },
    { type: "remote", url: "https://example.com/mcp", headers: BEARER_LIT, enabled: true },
    { type: "remote", url: "https://example.com/sse", headers: BLUE, enabled: true },
    { type: "local", command: ["cmd", ...WIN_ARGS], enabled: true },
  ],
  "copilot-cli": [
    { type: "stdio", command: "uvx", args: ARGS, env: LIT_ENV, tools: ["*"] },
    { type: "http", url: "https://example.com/mcp", headers: BEARER_LIT, tools: ["*"] },
    { type: "sse", url: "https://example.com/sse", headers: BLUE, tools: ["*"] },
    { type: "stdio", command: "cmd", args: WIN_ARGS, tools: ["*"] },
  ],
  "amazon-q": [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { type: "http", url: "https://example.com/mcp", headers: BEARER_LIT },
    { type: "http", url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  antigravity: [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { serverUrl: "https://example.com/mcp", headers: BEARER_LIT },
    { serverUrl: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  trae: [
    { command: "uvx", args: ARGS, env: LIT_ENV },
    { url: "https://example.com/mcp", headers: BEARER_LIT },
    { url: "https://example.com/sse", headers: BLUE },
    { command: "cmd", args: WIN_ARGS },
  ],
  crush: [
    { type: "stdio", command: "uvx", args: ARGS, env: LIT_ENV },
    { type: "http", url: "https://example.com/mcp", headers: BEARER_LIT },
    { type: "sse", url: "https://example.com/sse", headers: BLUE },
    { type: "stdio", command: "cmd", args: WIN_ARGS },
  ],
};

for (const [id, [stdio, http, sse, npxWin]] of Object.entries(TABLE)) {
  const c = getClient(id);
  Deno.test(`render ${id}: stdio with env (secret reference mode)`, () => {
    assert.deepEqual(c.render("srv", STDIO, ctx("linux")), stdio);
  });
  Deno.test(`render ${id}: http remote with a header`, () => {
    assert.deepEqual(c.render("srv", HTTP, ctx("linux")), http);
  });
  Deno.test(`render ${id}: sse remote`, () => {
    assert.deepEqual(c.render("srv", SSE, ctx("darwin")), sse);
  });
  Deno.test(`render ${id}: npx on windows goes through cmd /c; uvx and docker do not`, () => {
    assert.deepEqual(c.render("srv", NPX, ctx("windows")), npxWin);
    assert.deepEqual(c.render("srv", STDIO, ctx("windows")), stdio);
    const docker = c.parse(
      "srv",
      c.render("srv", { command: "docker", args: ["run", "-i"] }, ctx("windows")),
    );
    assert.equal(docker.command, "docker");
  });
  Deno.test(`render ${id}: literal mode puts every known secret in, unknown ones stay as text`, () => {
    const lit = c.render(
      "srv",
      { command: "uvx", env: { A: "${API_KEY}", B: "${NOPE}" } },
      ctx("linux", "literal"),
    );
    const text = JSON.stringify(lit);
    assert.ok(text.includes('"k-123"'), text);
    assert.ok(text.includes('"${NOPE}"'), text);
    assert.ok(!text.includes("${API_KEY}") && !text.includes("env:"), text);
    const remote = JSON.stringify(c.render("srv", HTTP, ctx("linux", "literal")));
    assert.ok(remote.includes("Bearer k-123") && !remote.includes("API_KEY"), remote);
  });
}

Deno.test("render: every shim and .cmd variant is wrapped on windows, never elsewhere", () => {
  const c = getClient("cursor");
  for (const command of ["npx", "npm", "pnpm", "bunx", "yarn", "npx.cmd", "pnpm.CMD"]) {
    assert.deepEqual(c.render("s", { command, args: ["x"] }, ctx("windows")), {
      command: "cmd",
      args: ["/c", command, "x"],
    });
    assert.deepEqual(c.render("s", { command, args: ["x"] }, ctx("linux")), { command, args: ["x"] });
  }
  for (const command of ["uvx", "docker", "node"]) {
    assert.deepEqual(c.render("s", { command }, ctx("windows")), { command });
  }
});

Deno.test("render: the claude-desktop bridge on windows is cmd /c npx -y mcp-remote", () => {
  const r = getClient("claude-desktop").render("s", SSE, ctx("windows"));
  assert.deepEqual(r, {
    command: "cmd",
    args: [
      "/c",
      "npx",
      "-y",
      "mcp-remote",
      "https://example.com/sse",
      "--header",
      "X-Team:blue",
      "--transport",
      "sse-only",
    ],
  });
});

Deno.test("render codex: names-only references", () => {
  const c = getClient("codex");
  const r = c.render("s", {
    type: "http",
    url: "https://x/mcp",
    headers: {
      Authorization: "Bearer ${TOK}",
      "X-Api-Key": "${API_KEY}",
      "X-Team": "blue",
      "X-Mixed": "a-${API_KEY}",
    },
  }, ctx("linux"));
  assert.deepEqual(r, {
    url: "https://x/mcp",
    http_headers: { "X-Team": "blue", "X-Mixed": "a-k-123" },
    bearer_token_env_var: "TOK",
    env_http_headers: { "X-Api-Key": "API_KEY" },
  });
  // a value that is a reference to another name cannot be said by name: literal
  assert.deepEqual(c.render("s", { command: "x", env: { TOKEN: "${API_KEY}" } }, ctx("linux")), {
    command: "x",
    env: { TOKEN: "k-123" },
  });
  assert.deepEqual(c.parse("s", r), {
    type: "http",
    url: "https://x/mcp",
    headers: {
      Authorization: "Bearer ${TOK}",
      "X-Api-Key": "${API_KEY}",
      "X-Team": "blue",
      "X-Mixed": "a-k-123",
    },
  });
});

Deno.test("parse: client syntax back to ${VAR}, legacy spellings, wrappers and bridges undone", () => {
  assert.deepEqual(
    getClient("cursor").parse("s", {
      command: "cmd",
      args: ["/c", "npx", "-y", "p"],
      env: { K: "${env:K}" },
    }),
    {
      command: "npx",
      args: ["-y", "p"],
      env: { K: "${K}" },
    },
  );
  assert.deepEqual(getClient("gemini-cli").parse("s", { httpUrl: "https://x/mcp" }), {
    type: "http",
    url: "https://x/mcp",
  });
  assert.deepEqual(getClient("gemini-cli").parse("s", { url: "https://x/sse", type: "sse" }), {
    type: "sse",
    url: "https://x/sse",
  });
  assert.deepEqual(
    getClient("goose").parse("s", {
      name: "s",
      type: "stdio",
      cmd: "u",
      envs: {},
      env_keys: ["A"],
      enabled: false,
      timeout: 300,
    }),
    // goose's own switch (`enabled: false`) reads as the neutral `disabled: true` (disable-server).
    {
      command: "u",
      env: { A: "${A}" },
      disabled: true,
    },
  );
  assert.deepEqual(
    getClient("claude-desktop").parse("s", {
      command: "npx",
      args: ["mcp-remote@0.1.29", "https://x/mcp", "--header", "A: b"],
    }),
    {
      type: "http",
      url: "https://x/mcp",
      headers: { A: "b" },
    },
  );
  // an mcp-remote with an option we do not model stays a stdio process
  const odd = { command: "npx", args: ["-y", "mcp-remote", "https://x/mcp", "--debug"] };
  assert.deepEqual(getClient("claude-desktop").parse("s", odd), odd);
  // a hand-written type label on a client that infers the transport
  assert.deepEqual(getClient("cursor").parse("s", { url: "https://x/sse", type: "sse" }), {
    type: "sse",
    url: "https://x/sse",
  });
});

Deno.test("render: extra fields are carried over; opencode keeps only the fields its schema allows", () => {
  const e: NeutralEntry = { command: "node", cwd: "/w", disabled: false, autoApprove: ["t"], timeout: 5 };
  assert.deepEqual(getClient("cline").render("s", e, ctx("linux")), {
    command: "node",
    cwd: "/w",
    disabled: false,
    autoApprove: ["t"],
    timeout: 5,
  });
  assert.deepEqual(getClient("opencode").render("s", e, ctx("linux")), {
    type: "local",
    command: ["node"],
    timeout: 5,
    enabled: true,
  });
  assert.deepEqual(getClient("opencode").render("s", { ...e, enabled: false }, ctx("linux")).enabled, false);
});
