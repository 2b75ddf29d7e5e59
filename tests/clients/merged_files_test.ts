/** The files each client merges with ours (record `merged`): well-formed, and the precedence the sources
 * name (opencode config.ts/paths.ts and its `debug config`, Claude Code's scope docs and `claude mcp get`,
 * VS Code's mcpWorkbenchService, `gemini mcp list`). */
import { assert, assertEquals } from "../core/assert.ts";
import { ALL_CLIENTS, getClient } from "../../src/clients/registry.ts";
import { projectDirOf } from "../../src/deploy/shadowing.ts";

Deno.test("merged places are well-formed: a file, its parts, a source", () => {
  for (const c of ALL_CLIENTS) {
    if (!c.merged) continue;
    assert.ok(c.merged.source.length > 20, `${c.id}: a source`);
    assert.ok(["deep", "replace"].includes(c.merged.merge));
    for (const p of c.merged.places) {
      const what = `${c.id} ${p.scope} ${p.label}`;
      if (p.file === "sibling") assertEquals(p.parts?.length, 1, what);
      if (p.file === "project") assert.ok(p.parts && p.parts.length > 0, what);
      if (p.file === "user") assertEquals(p.parts, undefined, what);
      if (p.scope === "project") assert.ok(c.projectPath, `${what}: the client has a project file`);
    }
  }
});

Deno.test("merged places: who wins a name, per client and scope", () => {
  const wins = (id: string, scope: "user" | "project") =>
    getClient(id).merged!.places.filter((p) => p.scope === scope).map((p) => [p.label, p.wins, p.imported]);
  assertEquals(getClient("opencode").merged!.merge, "deep");
  assertEquals(wins("opencode", "user"), [
    ["opencode.jsonc", true, true],
    ["config.json", false, true],
    ["project opencode.json", true, false],
    ["project opencode.jsonc", true, false],
    ["project .opencode/opencode.json", true, false],
    ["project .opencode/opencode.jsonc", true, false],
  ]);
  assertEquals(wins("opencode", "project"), [["opencode.jsonc", true, true]]);
  assertEquals(getClient("claude-code").merged!.merge, "replace");
  assertEquals(wins("claude-code", "user"), [["local scope", true, false], [
    "project scope .mcp.json",
    true,
    false,
  ]]);
  assertEquals(wins("claude-code", "project"), [["local scope", true, true]]);
  assertEquals(wins("vscode", "user"), [["workspace .vscode/mcp.json", true, false]]);
  assertEquals(wins("gemini-cli", "user"), [["project .gemini/settings.json", true, false]]);
  // The others read one file.
  assertEquals(
    ALL_CLIENTS.filter((c) => c.merged).map((c) => c.id).sort(),
    ["claude-code", "gemini-cli", "opencode", "vscode"],
  );
});

Deno.test("projectDirOf finds the project folder of a project file", () => {
  assertEquals(projectDirOf(getClient("vscode"), "linux", "/src/app/.vscode/mcp.json"), "/src/app");
  assertEquals(projectDirOf(getClient("claude-code"), "linux", "/src/app/.mcp.json"), "/src/app");
  assertEquals(projectDirOf(getClient("claude-code"), "windows", "C:\\src\\app\\.mcp.json"), "C:\\src\\app");
  assertEquals(projectDirOf(getClient("claude-code"), "linux", "/src/app/other.json"), undefined);
  assertEquals(projectDirOf(getClient("claude-desktop"), "linux", "/src/app/.mcp.json"), undefined);
});
