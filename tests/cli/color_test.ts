/** Colour: on a terminal only, never with NO_COLOR, never in --format json, never into a pipe. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli as runInProcess } from "../../src/cli/program.ts";
import type { CliEnv } from "../../src/cli/context.ts";
import { table } from "../../src/cli/output.ts";
import { colorDiff, colorFor, makeStyle, stripColor, visibleLength } from "../../src/cli/style.ts";
import { withHome } from "../helpers/home.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";

const ESC = "\x1b[";

Deno.test("colour: a terminal and NO_COLOR unset or empty", () => {
  assertEquals(colorFor(true, undefined), true);
  assertEquals(colorFor(true, ""), true);
  assertEquals(colorFor(true, "1"), false);
  assertEquals(colorFor(false, undefined), false);
});

Deno.test("colour: diffs by line kind; tables align on what is shown", () => {
  const s = makeStyle(true);
  assertEquals(
    colorDiff("--- a\n+++ a\n@@ -1 +1 @@\n-x\n+y\n z", s),
    `${ESC}1m--- a${ESC}22m\n${ESC}1m+++ a${ESC}22m\n${ESC}36m@@ -1 +1 @@${ESC}39m\n${ESC}31m-x${ESC}39m\n${ESC}32m+y${ESC}39m\n z`,
  );
  assertEquals(colorDiff("-x\n+y", makeStyle(false)), "-x\n+y");
  const t = table([["A", "B"], [s.green("long-cell"), "x"]], "").split("\n");
  assertEquals(visibleLength(t[0]), visibleLength(t[1]));
});

async function cli(env: CliEnv, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  env.io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await runInProcess(args, env);
  return { code, out, err };
}

Deno.test("colour: deploy --dry-run diff coloured on a terminal, plain in JSON or without a terminal", () =>
  withHome(async (h) => {
    const file = join(h.userHome, "payload.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { time: { command: "uvx", args: ["mcp-server-time"] } } }),
    );
    const env = (color: boolean): CliEnv => ({
      io: { out: () => {}, err: () => {} },
      makeDeps: () => Promise.resolve(h.deps()),
      version: "0",
      exitCode: 0,
      color: { out: color, err: color },
    });
    assertEquals((await cli(env(false), ["init"])).code, 0);
    assertEquals((await cli(env(false), ["publish-config", "--client", "cursor", "--file", file])).code, 0);
    const dry = ["deploy-config", "--client", "cursor", "--dry-run"];
    const colored = await cli(env(true), dry);
    assertEquals(colored.code, 0, colored.err);
    assert.ok(colored.out.includes(`${ESC}32m+`), colored.out);
    assert.ok(colored.out.includes(`${ESC}36m@@`), colored.out);
    const plain = await cli(env(false), dry);
    assert.ok(!plain.out.includes(ESC), plain.out);
    assertEquals(plain.out, stripColor(colored.out));
    const json = await cli(env(true), [...dry, "--format", "json"]);
    assert.ok(!json.out.includes(ESC));
    assert.ok(JSON.parse(json.out).diff.includes("+"));
    // Errors on a terminal's stderr: coloured; in JSON: one plain document on stdout.
    const err = await cli(env(true), ["get-config", "cursor", "nope"]);
    assertEquals(err.code, 3);
    assert.ok(err.err.startsWith(`${ESC}31m${ESC}1merror:`), err.err);
    const errJson = await cli(env(true), ["get-config", "cursor", "nope", "--format", "json"]);
    assert.ok(!errJson.out.includes(ESC) && errJson.err === "");
  }));

/** Runs the CLI under a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
async function underTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const line = [Deno.execPath(), "run", "--quiet", ...RUN_FLAGS, main, ...args].map(q).join(" ");
  const out = await new Deno.Command("script", {
    args: ["-qec", line, "/dev/null"],
    env: { DENO_DIR: await realDenoDir(), PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout);
}

function hasScript(): boolean {
  try {
    return new Deno.Command("script", { args: ["-V"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "colour: the real CLI on a pseudo-terminal colours text, and honours NO_COLOR",
  ignore: Deno.build.os !== "linux" || !hasScript(),
  fn: () =>
    withHome(async (h) => {
      const colored = await underTerminal(["validate-config"], h.env);
      assert.ok(colored.includes(`${ESC}31mInvalid`), colored);
      const noColor = await underTerminal(["validate-config"], { ...h.env, NO_COLOR: "1" });
      assert.ok(noColor.includes("Invalid") && !noColor.includes(ESC), noColor);
      const json = await underTerminal(["validate-config", "--format", "json"], h.env);
      assert.ok(json.includes('"valid": false') && !json.includes(ESC), json);
    }),
});
