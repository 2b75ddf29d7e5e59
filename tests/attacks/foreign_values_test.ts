/**
 * Someone else's server may hold any valid value of its format: a TOML integer past 2^53, `inf`,
 * `nan`, dates and times, multi-line strings, arrays of tables; YAML `!!binary`, anchors and aliases,
 * big integers, `.inf`, `.nan`, timestamps, unknown tags; JSON `2^64`, `1e400`, `-0`. A deploy of our
 * server next to it (through the CLI) succeeds, keeps every line of the user's file, is idempotent,
 * updates and removes ours without touching the rest, and `rollback --restore` gives back the exact
 * bytes. Before: `config_parse_error` for a big TOML integer anywhere in the file, `invalid_input` for
 * `inf`/`nan`/`1e400`/`.inf` in another server (every entry of the file was hashed as canonical JSON),
 * and a server of the same name holding such a value could not be reported as drift.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";

interface Case {
  client: string;
  ext: string;
  text: string;
}

const CASES: Record<string, Case> = {
  "codex (TOML)": {
    client: "codex",
    ext: "toml",
    text: [
      "# my codex config",
      "seed = 9007199254740993 # past 2^53",
      'notes = """',
      "[mcp_servers.not_a_table]",
      'multi-line "string" \\',
      '  continued"""',
      "literal = '''",
      "raw \\n text'''",
      "",
      "[[profiles.list]]",
      'name = "a"',
      "[[profiles.list]]",
      'name = "b"',
      "",
      "[mcp_servers.mine]",
      'command = "mine" # keep me',
      "big = 9223372036854775807",
      "neg = -9223372036854775808",
      "hex = 0xDEAD_BEEF",
      "pinf = inf",
      "ninf = -inf",
      "nan = nan",
      "float = 1.0",
      "exp = 1e400",
      "odt = 1979-05-27T07:32:00-08:00",
      "ldt = 1979-05-27T07:32:00.999999",
      "ld = 1979-05-27",
      "lt = 07:32:00",
      "arr = [ 1, 2.0, inf, 1979-05-27 ]",
      "",
      "[mcp_servers.inline_other]",
      "t = { when = 1979-05-27, n = nan, big = 18446744073709551615.0 }",
      "",
    ].join("\n"),
  },
  "codex (TOML inline container over several lines)": {
    client: "codex",
    ext: "toml",
    text: [
      "mcp_servers = { # mine",
      '  mine = { command = "x", when = 1979-05-27, at = 07:32:00, n = nan, big = 9007199254740993 }, # c',
      "}",
      "",
    ].join("\n"),
  },
  "goose (YAML map)": {
    client: "goose",
    ext: "yaml",
    text: [
      "# my goose config",
      "base: &base",
      "  cmd: shared",
      "extensions:",
      "  mine:",
      "    <<: *base",
      "    blob: !!binary aGVsbG8gd29ybGQ=",
      "    big: 18446744073709551616",
      "    pinf: .inf",
      "    nan: .NaN",
      "    when: 2001-12-14t21:59:43.10-05:00",
      "    day: 2002-12-14",
      "    tagged: !Ref something",
      "    octal: 0o17",
      "    set: !!set {a, b}",
      "    folded: >",
      "      text",
      "  other: *base",
      "",
    ].join("\n"),
  },
  "continue (YAML list)": {
    client: "continue",
    ext: "yaml",
    text: [
      "name: my assistant",
      "version: 1.0.0",
      "mcpServers:",
      "  - &first",
      "    name: mine",
      "    command: x",
      "    big: 18446744073709551616",
      "    ninf: -.inf",
      "    when: 2001-12-14 21:59:43.10 -5",
      "    blob: !!binary |",
      "      aGVsbG8=",
      "",
    ].join("\n"),
  },
  "cursor (JSON)": {
    client: "cursor",
    ext: "json",
    text: [
      "{",
      '  "mcpServers": {',
      '    "mine": {',
      '      "command": "x",',
      '      "big": 18446744073709551616,',
      '      "huge": 1e400,',
      '      "negzero": -0,',
      '      "float": 1.0,',
      '      "precise": 0.1000000000000000055511151231257827',
      "    }",
      "  }",
      "}",
      "",
    ].join("\n"),
  },
  "vscode (JSONC)": {
    client: "vscode",
    ext: "jsonc",
    text: [
      "{",
      "  // mine",
      '  "servers": {',
      '    "mine": { "command": "x", "big": -18446744073709551616, "huge": -1e400, }, // trailing',
      "  },",
      "}",
      "",
    ].join("\n"),
  },
};

const OURS = { command: "npx", args: ["-y", "@example/pkg"], env: { MODE: "a" } };

async function ok(h: TempHome, args: string[]) {
  const r = await cli(h, [...args, "--format", "json"]);
  assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.json;
}

async function publishServers(h: TempHome, client: string, servers: Record<string, unknown>) {
  const f = join(h.userHome, "servers.json");
  await Deno.writeTextFile(f, JSON.stringify({ mcpServers: servers }));
  return (await ok(h, ["publish-config", "--client", client, "--file", f])).artifact_id as string;
}

/** True when every line of `before` is a line of `after`, in order (a comma added at its end aside). */
function keepsEveryLine(before: string, after: string): boolean {
  const lines = after.split("\n");
  let i = 0;
  for (const line of before.split("\n")) {
    while (i < lines.length && lines[i] !== line && lines[i] !== line + ",") i++;
    if (i++ >= lines.length) return false;
  }
  return true;
}

for (const [label, c] of Object.entries(CASES)) {
  Deno.test(`foreign values in a ${label} file: deploy, update and remove ours; every user line kept; restore gives the bytes back`, () =>
    withHome(async (h) => {
      await ok(h, ["init"]);
      const file = join(h.userHome, `config.${c.ext}`);
      await Deno.writeTextFile(file, c.text);
      const deployArgs = ["deploy-config", "--client", c.client, "--config-path", file];

      await publishServers(h, c.client, { ours: OURS });
      const first = await ok(h, deployArgs);
      assertEquals(first.changes.added, ["ours"]);
      const afterFirst = await Deno.readTextFile(file);
      assert.ok(keepsEveryLine(c.text, afterFirst), afterFirst);
      assertEquals((await ok(h, deployArgs)).status, "unchanged");

      const status = await ok(h, ["status"]);
      const target = status.targets.find((t: { config_path: string }) => t.config_path === file);
      assertEquals(target?.state, "up-to-date", JSON.stringify(status));

      // An update of ours, then ours replaced by another name: the user's lines stay.
      await publishServers(h, c.client, { ours: { ...OURS, env: { MODE: "b" } } });
      assertEquals((await ok(h, deployArgs)).changes.updated, ["ours"]);
      assert.ok(keepsEveryLine(c.text, await Deno.readTextFile(file)));
      await publishServers(h, c.client, { second: OURS });
      const third = await ok(h, deployArgs);
      assertEquals([third.changes.added, third.changes.removed], [["second"], ["ours"]]);
      const afterThird = await Deno.readTextFile(file);
      assert.ok(keepsEveryLine(c.text, afterThird), afterThird);
      assert.ok(!/\bours\b/.test(afterThird), afterThird);

      // Each deployment restored in turn, newest first: the file is back to its exact first bytes.
      const hist = await ok(h, ["history", "--client", c.client]);
      const ids = hist.deployments.map((d: { deployment_id: string }) => d.deployment_id);
      for (const id of ids) {
        await ok(h, ["rollback", "--client", c.client, "--restore", id, "--config-path", file]);
      }
      assertEquals(await Deno.readTextFile(file), c.text);
    }));
}

Deno.test("a server of the same name holding such values is drift (reported as JSON), and --force replaces only it", () =>
  withHome(async (h) => {
    await ok(h, ["init"]);
    const file = join(h.userHome, "config.toml");
    const text = '[mcp_servers.ours]\ncommand = "x"\nn = 9007199254740993\nw = 1979-05-27\ni = inf\n\n' +
      '[mcp_servers.keep]\ncommand = "k"\nwhen = 07:32:00\n';
    await Deno.writeTextFile(file, text);
    await publishServers(h, "codex", { ours: OURS });
    const args = ["deploy-config", "--client", "codex", "--config-path", file];
    const drift = await cli(h, [...args, "--format", "json"]);
    assertEquals(drift.json?.error, "drift_detected", drift.stdout + drift.stderr);
    const diffs = drift.json.details.conflicts[0].differences;
    const byPath = Object.fromEntries(diffs.map((d: { path: string; new: unknown }) => [d.path, d.new]));
    assertEquals([byPath.n, byPath.w, byPath.i], ["9007199254740993", "1979-05-27", "Infinity"]);
    assertEquals(await Deno.readTextFile(file), text);
    const forced = await ok(h, [...args, "--force"]);
    assertEquals(forced.changes.updated, ["ours"]);
    const after = await Deno.readTextFile(file);
    assert.ok(after.endsWith('\n[mcp_servers.keep]\ncommand = "k"\nwhen = 07:32:00\n'), after);
    assert.ok(!after.includes("9007199254740993") && !after.includes("inf"), after);
  }));

Deno.test("our entry edited by hand to hold a date or inf is drift in status, not an error", () =>
  withHome(async (h) => {
    await ok(h, ["init"]);
    const file = join(h.userHome, "config.yaml");
    await Deno.writeTextFile(file, "extensions: {}\n");
    await publishServers(h, "goose", { ours: OURS });
    await ok(h, ["deploy-config", "--client", "goose", "--config-path", file]);
    const text = await Deno.readTextFile(file);
    await Deno.writeTextFile(file, text.replace("timeout: 300", "timeout: .inf"));
    const st = await ok(h, ["status"]);
    const target = st.targets.find((t: { config_path: string }) => t.config_path === file);
    assertEquals(target.state, "drifted");
    assertEquals(target.drifted_servers, [{ server: "ours", change: "modified" }]);
  }));
