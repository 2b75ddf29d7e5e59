import assert from "node:assert/strict";
import { AppError } from "../../src/core/errors.ts";
import { ALL_CLIENTS, clientIds, getClient } from "../../src/clients/registry.ts";

const IDS = [
  "claude-desktop",
  "claude-code",
  "cursor",
  "windsurf",
  "vscode",
  "cline",
  "roo-code",
  "zed",
  "continue",
  "codex",
  "gemini-cli",
  "goose",
  "lm-studio",
  "kiro",
  "opencode",
  "copilot-cli",
  "amazon-q",
  "antigravity",
  "trae",
  "crush",
  "qwen-code",
  "amp",
  "auggie",
  "kilo-code",
];

Deno.test("registry: the 24 clients (CLIENTS.md and issue 17), unique ids", () => {
  assert.deepEqual(clientIds(), IDS);
  assert.equal(new Set(clientIds()).size, ALL_CLIENTS.length);
});

Deno.test("registry: getClient returns the record", () => {
  for (const id of IDS) assert.equal(getClient(id).id, id);
});

Deno.test("registry: getClient of an unknown id is client_not_found listing the known ids", () => {
  assert.throws(() => getClient("notepad"), (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, "client_not_found");
    assert.match(e.message, /"notepad"/);
    assert.deepEqual(e.details.known, IDS);
    return true;
  });
});

Deno.test("registry: data facts", () => {
  assert.equal(getClient("roo-code").deprecated, "Roo Code was discontinued in May 2026");
  assert.deepEqual(ALL_CLIENTS.filter((c) => c.deprecated).map((c) => c.id), ["roo-code"]);
  assert.deepEqual(getClient("vscode").servers, { path: ["servers"], shape: "map" });
  assert.deepEqual(getClient("zed").servers, { path: ["context_servers"], shape: "map" });
  assert.deepEqual(getClient("continue").servers, { path: ["mcpServers"], shape: "list", nameKey: "name" });
  assert.deepEqual(getClient("codex").servers, { path: ["mcp_servers"], shape: "map" });
  assert.deepEqual(getClient("goose").servers, { path: ["extensions"], shape: "map" });
  assert.deepEqual(getClient("opencode").servers, { path: ["mcp"], shape: "map" });
  assert.deepEqual(getClient("crush").servers, { path: ["mcp"], shape: "map" });
  // Amp's key is one literal top-level key with a dot in its name.
  assert.deepEqual(getClient("amp").servers, { path: ["amp.mcpServers"], shape: "map" });
  assert.deepEqual(getClient("qwen-code").servers, { path: ["mcpServers"], shape: "map" });
  assert.deepEqual(getClient("auggie").servers, { path: ["mcpServers"], shape: "map" });
  assert.deepEqual(getClient("kilo-code").servers, { path: ["mcp"], shape: "map" });
  const formats = Object.fromEntries(ALL_CLIENTS.map((c) => [c.id, c.format]));
  assert.equal(formats.vscode, "jsonc");
  assert.equal(formats.zed, "jsonc");
  assert.equal(formats.codex, "toml");
  assert.equal(formats.continue, "yaml");
  assert.equal(formats.goose, "yaml");
  assert.equal(getClient("claude-desktop").remote, "bridge");
  assert.equal(getClient("codex").remote, "http-only");
  for (const c of ALL_CLIENTS) {
    assert.ok(c.displayName.length > 0 && c.restartHint.length > 0, c.id);
  }
});
