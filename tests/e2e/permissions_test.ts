/** Least privilege per command (src/cli/permissions.ts): under exactly the binary's flags, each command
 * drops what it does not need before it runs. MCPO_PERMISSION_PROBE=1 makes the CLI report, on stderr,
 * the permissions it still holds after dropping them. */
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { COMMANDS } from "../../src/cli/commands/mod.ts";
import { COMMAND_NEEDS } from "../../src/cli/permissions.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";

/** Written out here, not derived from the table under test. */
const READ_ONLY = [
  "list-clients",
  "list-servers",
  "list-profiles",
  "describe-server",
  "get-config",
  "diff-config",
  "status",
  "history",
  "verify",
  "verify-release",
  "check-install",
  "install-server",
  "validate-config",
  "view-draft",
  "completions",
  "logs",
];
const STARTS_SERVERS = ["doctor", "serve"];
/** Start `git` (with the user's environment: credentials, ssh agent); git connects, the program does not. */
const RUNS_GIT = ["push", "pull", "sync"];

function expected(command: string) {
  const all = STARTS_SERVERS.includes(command);
  const git = RUNS_GIT.includes(command);
  // logs reads the environment only to hide the values of variables the client's entries reference.
  return {
    write: !READ_ONLY.includes(command),
    run: all || git,
    net: all,
    env: all || git || command === "logs",
  };
}

async function probe(args: string[], stdin?: string) {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-perms-" }));
  try {
    const r = await runCli(args, { HOME: dir, MCPO_PERMISSION_PROBE: "1" }, stdin);
    const line = r.stderr.split("\n")[0];
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`no probe line for ${args.join(" ")}: ${r.stderr}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("every command has an entry in the permission table", () => {
  for (const [name] of COMMANDS) assert(Object.hasOwn(COMMAND_NEEDS, name), `${name} has no entry`);
  assertEquals(Object.keys(COMMAND_NEEDS).sort(), COMMANDS.map(([n]) => n).sort());
});

Deno.test("each command keeps only its permissions under RUN_FLAGS", async () => {
  const names = COMMANDS.map(([n]) => n);
  for (let i = 0; i < names.length; i += 4) {
    const batch = names.slice(i, i + 4);
    const got = await Promise.all(batch.map((n) => probe([n, "--help"])));
    batch.forEach((n, j) => assertEquals(got[j], expected(n), n));
  }
});

Deno.test("no command (help, --version, unknown) is read-only; global options are skipped", async () => {
  const none = { write: false, run: false, net: false, env: false };
  assertEquals(await probe(["--help"]), none);
  assertEquals(await probe(["--version"]), none);
  assertEquals(await probe(["no-such-command"]), none);
  assertEquals(await probe(["--format", "json", "--home", "/nonexistent", "status"]), none);
  assertEquals(await probe(["--format", "json", "doctor", "--help"]), expected("doctor"));
});

Deno.test("actions: trust list only reads; registry sync alone connects (to any host: a granted net cannot be narrowed)", async () => {
  const none = { write: false, run: false, net: false, env: false };
  const writes = { write: true, run: false, net: false, env: false };
  const [list, add, sync, syncLate, imp] = await Promise.all([
    probe(["trust", "list", "--help"]),
    probe(["trust", "add", "--help"]),
    probe(["registry", "sync", "--help"]),
    probe(["--format", "json", "registry", "--url", "http://127.0.0.1:9", "sync", "--help"]),
    probe(["registry", "import", "--help"]),
  ]);
  assertEquals(list, none);
  assertEquals(add, writes);
  assertEquals(sync, { ...writes, net: true });
  assertEquals(syncLate, { ...writes, net: true });
  assertEquals(imp, writes);
});

Deno.test("serve's fast path (stdin not a terminal, plain `serve`) keeps run, net and env", async () => {
  assertEquals(await probe(["serve"], ""), expected("serve"));
  // A bare invocation with stdin not a terminal is serve too.
  assertEquals(await probe([], ""), expected("serve"));
});

Deno.test("a dropped permission really denies the attempt (write for status and logs, run for init)", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-perms-" }));
  try {
    const script = `${dir}/attempt.ts`;
    const mod = new URL("../../src/cli/permissions.ts", import.meta.url).href;
    await Deno.writeTextFile(
      script,
      `import { dropPermissions } from ${JSON.stringify(mod)};
dropPermissions(Deno.args.slice(1));
const out = {};
try { Deno.writeTextFileSync(Deno.args[0], "x"); out.write = "ok"; } catch (e) { out.write = e.name; }
try { new Deno.Command("true").outputSync(); out.run = "ok"; } catch (e) { out.run = e.name; }
console.log(JSON.stringify(out));`,
    );
    const attempt = async (command: string) => {
      const o = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--quiet", ...RUN_FLAGS, script, `${dir}/written-${command}`, command],
        stdout: "piped",
        stderr: "piped",
      }).output();
      return JSON.parse(new TextDecoder().decode(o.stdout));
    };
    assertEquals(await attempt("status"), { write: "NotCapable", run: "NotCapable" });
    assertEquals(await attempt("logs"), { write: "NotCapable", run: "NotCapable" });
    assertEquals(await attempt("init"), { write: "ok", run: "NotCapable" });
    assertEquals(await attempt("doctor"), { write: "ok", run: "ok" });
    assertEquals(await attempt("pull"), { write: "ok", run: "ok" });
    assertEquals(await attempt("remote"), { write: "ok", run: "NotCapable" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
