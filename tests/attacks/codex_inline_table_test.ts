/**
 * A Codex `config.toml` written by hand, in every form TOML allows for the servers: the whole
 * container as one inline table with a comment after it (on one line, or over several as TOML 1.1 and
 * Codex allow), dotted keys at the top level, `[mcp_servers]` with inline and dotted entries, next to
 * arrays of tables and multi-line strings. A deploy through the CLI keeps the user's form and every
 * byte of theirs (ours goes inside the inline table, or after it as `[mcp_servers.<name>]` tables), an
 * update and a removal of ours touch only ours, `rollback --restore` gives back the exact bytes, and the
 * real `codex mcp list --json` reads the user's servers and ours. Before: the inline table was
 * rewritten as `[mcp_servers.*]` tables and its comment deleted.
 */
import { join } from "node:path";
import { assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { findClientBinary, realClientEnv } from "../e2e/real_clients.ts";

const OURS = { command: "npx", args: ["-y", "@example/pkg"], env: { MODE: "a" } };
const OURS_TOML = '{ command = "npx", args = ["-y", "@example/pkg"], env = { MODE = "a" } }';
const OURS_B_TOML = OURS_TOML.replace('"a"', '"b"');
const TABLES = (name: string, mode: string) =>
  `[mcp_servers.${name}]\ncommand = "npx"\nargs = ["-y", "@example/pkg"]\n\n[mcp_servers.${name}.env]\nMODE = "${mode}"\n`;

interface Case {
  /** The user's file. */
  text: string;
  /** The user's servers: name -> command and args, as `codex mcp list` must report them. */
  mine: Record<string, string[]>;
  /** The file after deploying `ours`, after updating it, and after replacing it by `second`. */
  added: string;
  updated: string;
  replaced: string;
  /** The file after a forced deploy takes over the user's `mine` (args `--new`), next to `second`. */
  taken: string;
}

const MULTILINE = [
  'model = "gpt-5"',
  "notes = '''",
  "mcp_servers = { fake = {} }",
  "'''",
  "",
  "mcp_servers = { # servers I wrote",
  '  mine = { command = "mine-cmd", args = ["--flag"] }, # the first',
  '  fetch = { command = "uvx", args = ["mcp-server-fetch"] } # the second',
  "} # end of servers",
  "",
  "[[my_list]]",
  'name = "a"',
  "",
].join("\n");

const CASES: Record<string, Case> = {
  "the container as one inline table with a comment": {
    text:
      'mcp_servers = { mine = { command = "mine-cmd" } } # my servers, keep this comment\nmodel = "gpt-5"\n',
    mine: { mine: ["mine-cmd"] },
    added:
      `mcp_servers = { mine = { command = "mine-cmd" }, ours = ${OURS_TOML} } # my servers, keep this comment\nmodel = "gpt-5"\n`,
    updated:
      `mcp_servers = { mine = { command = "mine-cmd" }, ours = ${OURS_B_TOML} } # my servers, keep this comment\nmodel = "gpt-5"\n`,
    replaced:
      `mcp_servers = { mine = { command = "mine-cmd" }, second = ${OURS_TOML} } # my servers, keep this comment\nmodel = "gpt-5"\n`,
    taken:
      `mcp_servers = { mine = { command = "mine-cmd", args = ["--new"] }, second = ${OURS_TOML} } # my servers, keep this comment\nmodel = "gpt-5"\n`,
  },
  "the container as an inline table over several lines (TOML 1.1)": {
    text: MULTILINE,
    mine: { mine: ["mine-cmd", "--flag"], fetch: ["uvx", "mcp-server-fetch"] },
    added: MULTILINE.replace(
      "} # the second\n",
      `}, # the second\n  ours = ${OURS_TOML}\n`,
    ),
    updated: MULTILINE.replace(
      "} # the second\n",
      `}, # the second\n  ours = ${OURS_B_TOML}\n`,
    ),
    replaced: MULTILINE.replace(
      "} # the second\n",
      `}, # the second\n  second = ${OURS_TOML}\n`,
    ),
    taken: MULTILINE.replace(
      "} # the second\n",
      `}, # the second\n  second = ${OURS_TOML}\n`,
    ).replace('args = ["--flag"] }, # the first', 'args = ["--new"] }, # the first'),
  },
  "dotted keys at the top level": {
    text:
      '# mine\nmcp_servers.mine.command = "mine-cmd"\nmcp_servers.mine.args = ["--flag"] # flag\nmodel = "gpt-5"\n',
    mine: { mine: ["mine-cmd", "--flag"] },
    added:
      `# mine\nmcp_servers.mine.command = "mine-cmd"\nmcp_servers.mine.args = ["--flag"] # flag\nmodel = "gpt-5"\n\n${
        TABLES("ours", "a")
      }`,
    updated:
      `# mine\nmcp_servers.mine.command = "mine-cmd"\nmcp_servers.mine.args = ["--flag"] # flag\nmodel = "gpt-5"\n\n${
        TABLES("ours", "b")
      }`,
    replaced:
      `# mine\nmcp_servers.mine.command = "mine-cmd"\nmcp_servers.mine.args = ["--flag"] # flag\nmodel = "gpt-5"\n\n${
        TABLES("second", "a")
      }`,
    taken: `# mine\nmcp_servers.mine = { command = "mine-cmd", args = ["--new"] }\nmodel = "gpt-5"\n\n${
      TABLES("second", "a")
    }`,
  },
  "[mcp_servers] with inline and dotted entries, arrays of tables and multi-line strings": {
    text: [
      'instructions = """',
      "[mcp_servers.not_a_server]",
      'command = "no"',
      '"""',
      "",
      "[mcp_servers]",
      'mine = { command = "mine-cmd" } # inline entry',
      'fetch.command = "uvx" # dotted entry',
      'fetch.args = ["mcp-server-fetch"]',
      "",
      "[[my_list]]",
      'name = "a"',
      "",
      "[[my_list]]",
      "name = '''b'''",
      "",
    ].join("\n"),
    mine: { mine: ["mine-cmd"], fetch: ["uvx", "mcp-server-fetch"] },
    added: "",
    updated: "",
    replaced: "",
    taken: "",
  },
};
{
  const c = CASES["[mcp_servers] with inline and dotted entries, arrays of tables and multi-line strings"];
  c.added = `${c.text}\n${TABLES("ours", "a")}`;
  c.updated = `${c.text}\n${TABLES("ours", "b")}`;
  c.replaced = `${c.text}\n${TABLES("second", "a")}`;
  c.taken = c.replaced.replace(
    'mine = { command = "mine-cmd" } # inline entry',
    'mine = { command = "mine-cmd", args = ["--new"] } # inline entry',
  );
}

async function ok(h: TempHome, args: string[]) {
  const r = await cli(h, [...args, "--format", "json"]);
  assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.json;
}

async function publishServers(h: TempHome, servers: Record<string, unknown>) {
  const f = join(h.userHome, "servers.json");
  await Deno.writeTextFile(f, JSON.stringify({ mcpServers: servers }));
  await ok(h, ["publish-config", "--client", "codex", "--file", f]);
}

/** `codex mcp list --json` in the temp home: name -> command and args. */
async function codexList(bin: string, home: string): Promise<Record<string, string[]>> {
  const out = await new Deno.Command(bin, {
    args: ["mcp", "list", "--json"],
    env: realClientEnv(home, bin),
    clearEnv: true,
    cwd: home,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(90_000),
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assertEquals(out.code, 0, text + new TextDecoder().decode(out.stderr));
  const list = JSON.parse(text) as { name: string; transport: { command?: string; args?: string[] } }[];
  return Object.fromEntries(
    list.map((s) => [s.name, [s.transport.command ?? "", ...(s.transport.args ?? [])]]),
  );
}

const codex = findClientBinary("codex");
if (!codex) {
  console.log(
    'SKIPPED (part): the real "codex" CLI is not installed; the files are still checked byte for byte',
  );
}

for (const [label, c] of Object.entries(CASES)) {
  Deno.test({
    name: `codex file with ${label}: the user's form and bytes are kept; restore gives them back`,
    sanitizeResources: false,
    fn: () =>
      withHome(async (h) => {
        await ok(h, ["init"]);
        const file = join(h.userHome, ".codex", "config.toml");
        await Deno.mkdir(join(h.userHome, ".codex"));
        await Deno.writeTextFile(file, c.text);
        const deploy = ["deploy-config", "--client", "codex"];

        await publishServers(h, { ours: OURS });
        assertEquals((await ok(h, deploy)).changes.added, ["ours"]);
        assertEquals(await Deno.readTextFile(file), c.added);
        const npx = ["npx", "-y", "@example/pkg"];
        if (codex) assertEquals(await codexList(codex, h.userHome), { ...c.mine, ours: npx });
        assertEquals((await ok(h, deploy)).status, "unchanged");

        await publishServers(h, { ours: { ...OURS, env: { MODE: "b" } } });
        assertEquals((await ok(h, deploy)).changes.updated, ["ours"]);
        assertEquals(await Deno.readTextFile(file), c.updated);

        await publishServers(h, { second: OURS });
        const third = await ok(h, deploy);
        assertEquals([third.changes.added, third.changes.removed], [["second"], ["ours"]]);
        assertEquals(await Deno.readTextFile(file), c.replaced);
        if (codex) assertEquals(await codexList(codex, h.userHome), { ...c.mine, second: npx });

        // A forced deploy takes over the user's `mine`: it is changed where and as the user wrote it.
        await publishServers(h, { second: OURS, mine: { command: "mine-cmd", args: ["--new"] } });
        assertEquals((await ok(h, [...deploy, "--force"])).changes.updated, ["mine"]);
        assertEquals(await Deno.readTextFile(file), c.taken);
        if (codex) {
          assertEquals(await codexList(codex, h.userHome), {
            ...c.mine,
            mine: ["mine-cmd", "--new"],
            second: npx,
          });
        }

        const hist = await ok(h, ["history", "--client", "codex"]);
        for (const d of hist.deployments) {
          await ok(h, ["rollback", "--client", "codex", "--restore", d.deployment_id]);
        }
        assertEquals(await Deno.readTextFile(file), c.text);
        if (codex) assertEquals(await codexList(codex, h.userHome), c.mine);
      }),
  });
}
