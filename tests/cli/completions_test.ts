/**
 * Shell completions: generated from the registered commands, checked by the shells themselves (bash
 * always; zsh and fish when installed: `apt-get install zsh fish`).
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { buildProgram } from "../../src/cli/program.ts";
import { completionScript, type Shell } from "../../src/cli/completions.ts";
import { ALL_CLIENTS } from "../../src/clients/registry.ts";
import { runCli } from "../e2e/cli.ts";

const env = {
  io: { out: () => {}, err: () => {} },
  makeDeps: () => Promise.reject(new Error("unused")),
  version: "0",
  exitCode: 0,
};
const program = await buildProgram(env);
const clients = ALL_CLIENTS.map((c) => c.id);
const script = (shell: Shell) => completionScript(shell, program, clients);

/** The shells run with HOME and their config/data folders in a temp folder: fish creates ~/.config/fish
 * and ~/.local/share/fish on first run, and tests never touch the real home. */
const shellHome = Deno.makeTempDirSync({ prefix: "mcpo-shell-" });
const shellEnv = {
  HOME: shellHome,
  XDG_CONFIG_HOME: `${shellHome}/.config`,
  XDG_DATA_HOME: `${shellHome}/.local/share`,
  XDG_CACHE_HOME: `${shellHome}/.cache`,
  ZDOTDIR: shellHome,
};
globalThis.addEventListener("unload", () => Deno.removeSync(shellHome, { recursive: true }));

function has(shell: string): boolean {
  try {
    return new Deno.Command(shell, { args: ["-c", "exit 0"], env: shellEnv, stdout: "null", stderr: "null" })
      .outputSync()
      .success;
  } catch {
    return false;
  }
}

async function sh(shell: string, args: string[], stdin?: string): Promise<string> {
  const child = new Deno.Command(shell, {
    args,
    env: shellEnv,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

async function withScript<T>(shell: Shell, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "mcpo-completions-" });
  try {
    const file = join(dir, `completion.${shell}`);
    await Deno.writeTextFile(file, script(shell));
    return await fn(file);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Each case: the words typed (the last one being completed) and words the completion must offer. */
const CASES: [string[], string[]][] = [
  [["dep"], ["deploy-config"]],
  [["deploy-config", "--cl"], ["--client"]],
  [["deploy-config", "--client", "cu"], ["cursor"]],
  [["--home", "/tmp", "list-p"], ["list-profiles"]],
  [["list-profiles", "co"], ["codex", "continue", "copilot-cli"]],
  [["--format", ""], ["text", "json"]],
  [["registry", ""], ["import"]],
  [["completions", ""], ["bash", "zsh", "fish"]],
  [["add-server", "x", "--tr"], ["--transport"]],
];

Deno.test("completions: every command and option is in every script", () => {
  for (const shell of ["bash", "zsh", "fish"] as const) {
    const s = script(shell);
    for (const c of program.commands) {
      assert.ok(s.includes(c.name()), `${shell} lacks ${c.name()}`);
      for (const o of c.options) {
        assert.ok(s.includes(o.long.slice(shell === "fish" ? 2 : 0)), `${shell} lacks ${c.name()} ${o.long}`);
      }
    }
  }
});

Deno.test("completions: bash completes commands, options and values", async () => {
  await withScript("bash", async (file) => {
    const calls = CASES.map(([words]) => {
      const quoted = ["mcp-orchestration", ...words].map((w) => `'${w}'`).join(" ");
      return `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length}; COMPREPLY=(); _mcp_orchestration; echo "\${COMPREPLY[*]}"`;
    });
    const out = (await sh("bash", ["-c", `source '${file}'\n${calls.join("\n")}`])).split("\n");
    CASES.forEach(([words, expected], i) => {
      const got = out[i].split(" ");
      for (const e of expected) assert.ok(got.includes(e), `bash [${words.join(" ")}]: ${out[i]}`);
    });
  });
});

Deno.test({
  name: "completions: fish completes commands, options and values",
  ignore: !has("fish"),
  fn: () =>
    withScript("fish", async (file) => {
      const calls = CASES.map(([words]) =>
        `complete -C '${["mcp-orchestration", ...words].join(" ")}'; echo ===`
      );
      const blocks = (await sh("fish", ["-c", `source '${file}'\n${calls.join("\n")}`])).split("===\n");
      CASES.forEach(([words, expected], i) => {
        const got = blocks[i].split("\n").map((l) => l.split("\t")[0]);
        for (const e of expected) assert.ok(got.includes(e), `fish [${words.join(" ")}]: ${blocks[i]}`);
      });
    }),
});

Deno.test({
  name: "completions: zsh completes commands, options and values (compinit in a pty)",
  ignore: !has("zsh"),
  fn: () =>
    withScript("zsh", async (file) => {
      assertEquals(await sh("zsh", ["-n", file]), "");
      for (const [words, expected] of CASES.slice(0, 4)) {
        const hits = `${file}.hits`;
        // zpty runs an interactive zsh with compinit; a wrapped compadd records what completion offers.
        const driver = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= ; autoload -U compinit; compinit -u -D; source '${file}'"
zpty -w z 'compadd () { builtin compadd -O __h "$@"; print -l -- \${^__h} >> "${hits}"; builtin compadd "$@" }'
zpty -w -n z '${["mcp-orchestration", ...words].join(" ")}'$'\\t'
for i in {1..50}; do [[ -s "${hits}" ]] && break; sleep 0.1; done
sleep 0.2
zpty -d z
`;
        await sh("zsh", ["-f", "-c", driver]);
        const got = (await Deno.readTextFile(hits).catch(() => "")).split("\n");
        await Deno.remove(hits).catch(() => {});
        for (const e of expected) assert.ok(got.includes(e), `zsh [${words.join(" ")}]: ${got.join(" ")}`);
      }
    }),
});

Deno.test("completions: the CLI prints them under the binary's flags; an unknown shell is a usage error", async () => {
  const home = { HOME: "/nonexistent" };
  const r = await runCli(["completions", "bash"], home);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(r.stdout, script("bash"));
  const bad = await runCli(["completions", "tcsh", "--format", "json"], home);
  assertEquals([bad.code, bad.json.error], [2, "usage"]);
});
