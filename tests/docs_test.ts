/**
 * The generated reference (docs/reference/{cli,mcp,errors,clients}.md) is regenerated in memory from the
 * code and compared with the committed pages: a command, flag, tool, error code or client missing from
 * the reference fails here. Fix with `deno task docs`.
 */
import { assert, assertEquals } from "./core/assert.ts";
import { collect, committed, render } from "../scripts/gen_docs.ts";
import { commandsIn } from "../scripts/docs/cli_page.ts";
import { EXPECTED_TOOLS } from "./mcp/client.ts";

/** The first line where two texts differ, for a short failure message. */
function firstDifference(a: string, b: string): string {
  const x = a.split("\n"), y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) {
      return `line ${i + 1}:\n  committed: ${JSON.stringify(x[i])}\n  generated: ${JSON.stringify(y[i])}`;
    }
  }
  return "";
}

Deno.test("docs/reference: every committed generated page equals what the code generates now", async () => {
  const c = await collect();
  const pages = render(c);
  const stale: string[] = [];
  for (const [path, text] of Object.entries(pages)) {
    const old = await committed(path);
    if (old !== text) {
      stale.push(`${path} ${old === null ? "is missing" : "differs at " + firstDifference(old, text)}`);
    }
  }
  assertEquals(stale, [], `run deno task docs:\n${stale.join("\n")}`);

  const cli = (await committed("docs/reference/cli.md")) ?? "";
  const commands = commandsIn(c.help.top);
  assert.ok(commands.length >= 20, `the top-level help lists ${commands.length} commands`);
  for (const name of commands) {
    assert.ok(cli.includes(`## \`${name}\``), `cli.md has no section for "${name}"`);
  }
  assert.ok(cli.includes("--artifact-id"), "cli.md shows the flags");

  const mcp = (await committed("docs/reference/mcp.md")) ?? "";
  const tools = c.listing.tools.map((t) => t.name as string);
  for (const name of new Set([...tools, ...EXPECTED_TOOLS])) {
    assert.ok(mcp.includes(`### \`${name}\``), `mcp.md has no section for the tool "${name}"`);
  }
  for (const t of c.listing.templates) {
    assert.ok(mcp.includes(t.uriTemplate), `mcp.md misses ${t.uriTemplate}`);
  }
  for (const p of c.listing.prompts) {
    assert.ok(mcp.includes(`### \`${p.name}\``), `mcp.md misses the prompt ${p.name}`);
  }
});

Deno.test("docs/reference: the command list is read from any help layout", () => {
  const commander = [
    "Usage: mcp-orchestration [options] [command]",
    "",
    "Options:",
    "  --home <dir>   state folder",
    "",
    "Commands:",
    "  init [options]          Create the keys, a description long enough",
    "                          to wrap onto a second line",
    "  deploy-config [options] Deploy",
    "  help [command]          display help for command",
    "",
  ].join("\n");
  assertEquals(commandsIn(commander), ["init", "deploy-config"]);
  const grouped =
    "Draft commands:\n  add-server ID   Add\n\nDeploy commands:\n  status   State\n  rollback   Back\n";
  assertEquals(commandsIn(grouped), ["add-server", "status", "rollback"]);
  assertEquals(commandsIn("Usage: x [command]\n\nOptions:\n  -h, --help  help\n"), []);
});
