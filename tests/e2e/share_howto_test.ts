/**
 * docs/how-to/share-a-profile.md runs end to end: every command of its ```console blocks is run, in
 * order, by the real CLI under the compiled binary's permission flags, `alice$` with one temp HOME and
 * `bob$` with another (two machines), `$` on the shared folder that stands for the team's git server
 * (/tmp/team in the page: a temp folder here). Each command's output must be the one the page shows,
 * once paths, ids (hex) and times are normalised; ids the page shows (Alice's key id...) are mapped to
 * the real ones as they appear, so a later command naming one uses the real one.
 *
 * MCPO_HOWTO_OUT=FILE writes the page with this run's real outputs (to refresh the page after a change).
 */
import { assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";

const PAGE = new URL("../../docs/how-to/share-a-profile.md", import.meta.url);

interface Step {
  who: "alice" | "bob" | "team";
  command: string;
  expected: string[];
}

/** Every command of the page's console blocks, with the output lines shown after it. */
function steps(page: string): Step[] {
  const out: Step[] = [];
  for (const block of page.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of block[1].split("\n")) {
      const m = /^(alice|bob)?\$ (.*)$/.exec(line);
      if (m) out.push({ who: (m[1] ?? "team") as Step["who"], command: m[2], expected: [] });
      else if (out.length && line !== "") out.at(-1)!.expected.push(line);
    }
  }
  return out;
}

/** Shell words: spaces split, single and double quotes group. */
function words(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const HEX = /\b[0-9a-f]{7,64}\b/g;
const norm = (l: string) =>
  l.replace(/\b\d{8}T\d{9}Z-[0-9a-f]{6}\b/g, "<deployment id>").replace(HEX, "<hex>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>").trimEnd();

Deno.test("docs/how-to/share-a-profile.md: two machines and a bare repository, from the README's commands", async () => {
  const page = await Deno.readTextFile(PAGE);
  const all = steps(page);
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-howto-" }));
  const homes = { alice: join(base, "alice"), bob: join(base, "bob"), team: join(base, "team") };
  for (const h of Object.values(homes)) await Deno.mkdir(h);
  const ids = new Map<string, string>(); // id on the page -> id in this run
  const transcript: string[] = [];
  try {
    for (const s of all) {
      const home = homes[s.who];
      let cmd = s.command;
      for (const [shown, real] of ids) cmd = cmd.replaceAll(shown, real);
      const argv = words(cmd).map((w) =>
        w.replace(/^~(?=\/|$)/, home).replace(/\$HOME/g, home).replaceAll("/tmp/team", homes.team)
      );
      let lines: string[];
      let code: number;
      if (argv[0] === "mcp-orchestration") {
        const r = await runCli(argv.slice(1), { HOME: home, GIT_CONFIG_NOSYSTEM: "1" });
        code = r.code;
        lines = [...r.stdout.split("\n"), ...r.stderr.split("\n")].filter((l) => l !== "");
      } else if (argv[0] === "git" || argv[0] === "cp" || argv[0] === "mkdir") {
        const o = await new Deno.Command(argv[0], {
          args: argv.slice(1),
          env: { HOME: home, PATH: Deno.env.get("PATH") ?? "", GIT_CONFIG_NOSYSTEM: "1" },
          clearEnv: true,
          stdout: "piped",
          stderr: "piped",
        }).output();
        code = o.code;
        lines = new TextDecoder().decode(o.stdout).split("\n").filter((l) => l !== "");
      } else {
        throw new Error(`the how-to runs a command this test does not know: ${s.command}`);
      }
      // Show paths as the page does: the machine's home as ~, the shared folder as /tmp/team.
      lines = lines.map((l) => l.replaceAll(homes.team, "/tmp/team").replaceAll(home, "~"));
      transcript.push(
        `${s.who === "team" ? "" : s.who}$ ${s.command}`,
        ...lines,
        ...(code ? [`[exit ${code}]`] : []),
      );
      // Ids shown on the page, by position, are this run's ids from now on.
      s.expected.forEach((l, i) => {
        const a = [...l.matchAll(HEX)].map((m) => m[0]);
        const b = [...(lines[i] ?? "").matchAll(HEX)].map((m) => m[0]);
        a.forEach((x, j) => b[j] && b[j].length === x.length && ids.set(x, b[j]));
      });
      if (Deno.env.get("MCPO_HOWTO_OUT")) continue; // recording the page's outputs, not checking them
      // A command that fails shows `[exit N]` after its output (docs/README.md).
      const exit = /^\[exit (\d+)\]$/.exec(s.expected.at(-1) ?? "");
      const expected = exit ? s.expected.slice(0, -1) : s.expected;
      assertEquals(
        code,
        exit ? Number(exit[1]) : 0,
        `${s.who}$ ${s.command} exited ${code}:\n${lines.join("\n")}`,
      );
      assertEquals(lines.map(norm), expected.map(norm), `output of ${s.who}$ ${s.command}`);
    }
    // Bob's Claude Code file holds what Alice published.
    const file = JSON.parse(await Deno.readTextFile(join(homes.bob, ".claude.json")));
    assertEquals(Object.keys(file.mcpServers).sort(), ["memory", "time"]);
  } finally {
    const out = Deno.env.get("MCPO_HOWTO_OUT");
    if (out) await Deno.writeTextFile(out, transcript.join("\n") + "\n");
    await Deno.remove(base, { recursive: true });
  }
});
