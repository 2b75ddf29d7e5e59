import assert from "node:assert/strict";
import { AppError } from "../../src/core/errors.ts";
import { ALL_CLIENTS, getClient } from "../../src/clients/registry.ts";
import type { Env, OS } from "../../src/clients/types.ts";

const ENV: Record<OS, Env> = {
  linux: { HOME: "/home/u" },
  darwin: { HOME: "/Users/u" },
  windows: {
    USERPROFILE: "C:\\Users\\u",
    APPDATA: "C:\\Users\\u\\AppData\\Roaming",
    LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local",
  },
};

const MAC_AS = "/Users/u/Library/Application Support";
const ROAMING = "C:\\Users\\u\\AppData\\Roaming";
const CLINE = "globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json";
const ROO = "globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json";
const win = (p: string) => p.replaceAll("/", "\\");

/** id -> [linux, darwin, windows] with explicit env (no overrides). */
const EXPECTED: Record<string, [string, string, string]> = {
  "claude-desktop": [
    "/home/u/.config/Claude/claude_desktop_config.json",
    `${MAC_AS}/Claude/claude_desktop_config.json`,
    `${ROAMING}\\Claude\\claude_desktop_config.json`,
  ],
  "claude-code": ["/home/u/.claude.json", "/Users/u/.claude.json", "C:\\Users\\u\\.claude.json"],
  cursor: ["/home/u/.cursor/mcp.json", "/Users/u/.cursor/mcp.json", "C:\\Users\\u\\.cursor\\mcp.json"],
  windsurf: [
    "/home/u/.codeium/windsurf/mcp_config.json",
    "/Users/u/.codeium/windsurf/mcp_config.json",
    "C:\\Users\\u\\.codeium\\windsurf\\mcp_config.json",
  ],
  vscode: [
    "/home/u/.config/Code/User/mcp.json",
    `${MAC_AS}/Code/User/mcp.json`,
    `${ROAMING}\\Code\\User\\mcp.json`,
  ],
  cline: [
    `/home/u/.config/Code/User/${CLINE}`,
    `${MAC_AS}/Code/User/${CLINE}`,
    `${ROAMING}\\Code\\User\\${win(CLINE)}`,
  ],
  "roo-code": [
    `/home/u/.config/Code/User/${ROO}`,
    `${MAC_AS}/Code/User/${ROO}`,
    `${ROAMING}\\Code\\User\\${win(ROO)}`,
  ],
  zed: [
    "/home/u/.config/zed/settings.json",
    "/Users/u/.config/zed/settings.json",
    `${ROAMING}\\Zed\\settings.json`,
  ],
  continue: [
    "/home/u/.continue/config.yaml",
    "/Users/u/.continue/config.yaml",
    "C:\\Users\\u\\.continue\\config.yaml",
  ],
  codex: ["/home/u/.codex/config.toml", "/Users/u/.codex/config.toml", "C:\\Users\\u\\.codex\\config.toml"],
  "gemini-cli": [
    "/home/u/.gemini/settings.json",
    "/Users/u/.gemini/settings.json",
    "C:\\Users\\u\\.gemini\\settings.json",
  ],
  goose: [
    "/home/u/.config/goose/config.yaml",
    "/Users/u/.config/goose/config.yaml",
    `${ROAMING}\\Block\\goose\\config\\config.yaml`,
  ],
  "lm-studio": [
    "/home/u/.lmstudio/mcp.json",
    "/Users/u/.lmstudio/mcp.json",
    "C:\\Users\\u\\.lmstudio\\mcp.json",
  ],
  kiro: [
    "/home/u/.kiro/settings/mcp.json",
    "/Users/u/.kiro/settings/mcp.json",
    "C:\\Users\\u\\.kiro\\settings\\mcp.json",
  ],
  opencode: [
    "/home/u/.config/opencode/opencode.json",
    "/Users/u/.config/opencode/opencode.json",
    "C:\\Users\\u\\.config\\opencode\\opencode.json",
  ],
  "copilot-cli": [
    "/home/u/.copilot/mcp-config.json",
    "/Users/u/.copilot/mcp-config.json",
    "C:\\Users\\u\\.copilot\\mcp-config.json",
  ],
  "amazon-q": [
    "/home/u/.aws/amazonq/mcp.json",
    "/Users/u/.aws/amazonq/mcp.json",
    "C:\\Users\\u\\.aws\\amazonq\\mcp.json",
  ],
  antigravity: [
    "/home/u/.gemini/antigravity/mcp_config.json",
    "/Users/u/.gemini/antigravity/mcp_config.json",
    "C:\\Users\\u\\.gemini\\antigravity\\mcp_config.json",
  ],
  trae: [
    "/home/u/.config/Trae/User/mcp.json",
    `${MAC_AS}/Trae/User/mcp.json`,
    `${ROAMING}\\Trae\\User\\mcp.json`,
  ],
  crush: [
    "/home/u/.config/crush/crush.json",
    "/Users/u/.config/crush/crush.json",
    "C:\\Users\\u\\AppData\\Local\\crush\\crush.json",
  ],
  "qwen-code": [
    "/home/u/.qwen/settings.json",
    "/Users/u/.qwen/settings.json",
    "C:\\Users\\u\\.qwen\\settings.json",
  ],
  amp: [
    "/home/u/.config/amp/settings.json",
    "/Users/u/.config/amp/settings.json",
    "C:\\Users\\u\\.config\\amp\\settings.json",
  ],
  auggie: [
    "/home/u/.augment/settings.json",
    "/Users/u/.augment/settings.json",
    "C:\\Users\\u\\.augment\\settings.json",
  ],
  "kilo-code": [
    "/home/u/.config/kilo/kilo.jsonc",
    "/Users/u/.config/kilo/kilo.jsonc",
    "C:\\Users\\u\\.config\\kilo\\kilo.jsonc",
  ],
};

Deno.test("configPath: every client has an expected path on every OS", () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), ALL_CLIENTS.map((c) => c.id).sort());
});

for (const c of ALL_CLIENTS) {
  Deno.test(`configPath: ${c.id} on linux, darwin, windows`, () => {
    const [linux, darwin, windows] = EXPECTED[c.id];
    assert.equal(c.configPath("linux", ENV.linux), linux);
    assert.equal(c.configPath("darwin", ENV.darwin), darwin);
    assert.equal(c.configPath("windows", ENV.windows), windows);
  });
}

Deno.test("configPath: XDG_CONFIG_HOME is honoured on linux by the clients that follow it, and only on linux", () => {
  const linux = { HOME: "/home/u", XDG_CONFIG_HOME: "/xdg" };
  const expected: Record<string, string> = {
    "claude-desktop": "/xdg/Claude/claude_desktop_config.json",
    vscode: "/xdg/Code/User/mcp.json",
    cline: `/xdg/Code/User/${CLINE}`,
    "roo-code": `/xdg/Code/User/${ROO}`,
    zed: "/xdg/zed/settings.json",
    goose: "/xdg/goose/config.yaml",
    opencode: "/xdg/opencode/opencode.json",
    trae: "/xdg/Trae/User/mcp.json",
    crush: "/xdg/crush/crush.json",
    "kilo-code": "/xdg/kilo/kilo.jsonc",
    amp: "/xdg/amp/settings.json",
  };
  for (const c of ALL_CLIENTS) {
    const want = expected[c.id] ?? EXPECTED[c.id][0];
    assert.equal(c.configPath("linux", linux), want, c.id);
    assert.equal(
      c.configPath("darwin", { HOME: "/Users/u", XDG_CONFIG_HOME: "/xdg" }),
      EXPECTED[c.id][1],
      c.id,
    );
  }
});

Deno.test("configPath: CLAUDE_CONFIG_DIR, CODEX_HOME, COPILOT_HOME override the folder on every OS", () => {
  const cases: [string, string, string, string][] = [
    ["claude-code", "CLAUDE_CONFIG_DIR", "/cfg/.claude.json", "D:\\cfg\\.claude.json"],
    ["codex", "CODEX_HOME", "/cfg/config.toml", "D:\\cfg\\config.toml"],
    ["copilot-cli", "COPILOT_HOME", "/cfg/mcp-config.json", "D:\\cfg\\mcp-config.json"],
  ];
  for (const [id, v, posixPath, winPath] of cases) {
    const c = getClient(id);
    assert.equal(c.configPath("linux", { ...ENV.linux, [v]: "/cfg" }), posixPath);
    assert.equal(c.configPath("darwin", { ...ENV.darwin, [v]: "/cfg" }), posixPath);
    assert.equal(c.configPath("windows", { ...ENV.windows, [v]: "D:\\cfg" }), winPath);
    // empty means unset
    assert.equal(c.configPath("linux", { ...ENV.linux, [v]: "" }), EXPECTED[id][0]);
  }
});

function assertInvalid(fn: () => unknown, variable: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, "invalid_input");
    assert.equal(e.details.variable, variable);
    assert.match(e.message, new RegExp(variable));
    return true;
  });
}

Deno.test("configPath: a missing required env var is invalid_input naming it", () => {
  for (const c of ALL_CLIENTS) assertInvalid(() => c.configPath("linux", {}), "HOME");
  assertInvalid(() => getClient("cursor").configPath("windows", { APPDATA: "x" }), "USERPROFILE");
  assertInvalid(() => getClient("vscode").configPath("windows", { USERPROFILE: "C:\\u" }), "APPDATA");
  assertInvalid(() => getClient("crush").configPath("windows", { USERPROFILE: "C:\\u" }), "LOCALAPPDATA");
  // an override makes HOME unnecessary
  assert.equal(getClient("codex").configPath("linux", { CODEX_HOME: "/c" }), "/c/config.toml");
});

Deno.test("projectPath: the clients with a project file, joined per OS", () => {
  const expected: Record<string, string | undefined> = {
    "claude-code": ".mcp.json",
    cursor: ".cursor/mcp.json",
    vscode: ".vscode/mcp.json",
    "roo-code": ".roo/mcp.json",
    zed: ".zed/settings.json",
    codex: ".codex/config.toml",
    "gemini-cli": ".gemini/settings.json",
    kiro: ".kiro/settings/mcp.json",
    opencode: "opencode.json",
    "copilot-cli": ".mcp.json",
    "amazon-q": ".amazonq/mcp.json",
    crush: ".crush.json",
    "qwen-code": ".qwen/settings.json",
    amp: ".amp/settings.json",
    auggie: ".augment/settings.json",
    "kilo-code": ".kilo/kilo.jsonc",
  };
  for (const c of ALL_CLIENTS) {
    const rel = expected[c.id];
    if (rel === undefined) {
      assert.equal(c.projectPath, undefined, `${c.id} has no project file`);
      continue;
    }
    assert.equal(c.projectPath!("/p", "linux"), `/p/${rel}`);
    assert.equal(c.projectPath!("/p", "darwin"), `/p/${rel}`);
    assert.equal(c.projectPath!("C:\\p", "windows"), `C:\\p\\${win(rel)}`);
  }
});
