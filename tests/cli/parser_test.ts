import { assert, assertEquals } from "../core/assert.ts";
import { Argument, Command, ParseError } from "../../src/cli/parser.ts";
import { collect } from "../../src/cli/context.ts";
import { buildProgram, commandIn } from "../../src/cli/program.ts";
import { COMMANDS } from "../../src/cli/commands/mod.ts";

/** A program like ours: globals, a command with every kind of option and argument. */
function program(seen: unknown[][], out: string[] = []) {
  const p = new Command("tool")
    .description("A tool")
    .version("1.2.3", "-V, --version", "print the version")
    .option("--home <dir>", "state folder")
    .option("--format <format>", "output format", "text")
    .showHelpAfterError("run with --help for usage")
    .configureOutput({ writeOut: (s) => out.push(s) });
  p.command("deploy")
    .description("Deploy it")
    .argument("<client>", "client id")
    .argument("[profile]", "profile name", "default")
    .requiredOption("--artifact-id <id>", "artifact")
    .option("--dry-run", "write nothing")
    .option("--env <K=V>", "repeat", collect)
    .option("--limit <n>", "at most N", (v) => Number(v), 50)
    .action((...a) => void seen.push([...a.slice(0, -1), (a.at(-1) as Command).optsWithGlobals()]));
  p.command("registry")
    .addArgument(new Argument("<action>", "what to do").choices(["import"]))
    .action((...a) => void seen.push(a.slice(0, -2)));
  return p;
}

async function parse(args: string[]) {
  const seen: unknown[][] = [];
  const out: string[] = [];
  let error: ParseError | undefined;
  try {
    await program(seen, out).parseAsync(args, { from: "user" });
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    error = e;
  }
  return { seen, out: out.join(""), error };
}

Deno.test("parser: options in every form, globals before or after the command, defaults, collectors", async () => {
  const r = await parse([
    "--home",
    "/h",
    "deploy",
    "cursor",
    "--artifact-id=abc",
    "--env",
    "A=1",
    "--env=B=2",
    "--dry-run",
    "--limit",
    "7",
    "--format",
    "json",
  ]);
  assertEquals(r.error, undefined);
  assertEquals(r.seen, [[
    "cursor",
    "default",
    { artifactId: "abc", env: ["A=1", "B=2"], dryRun: true, limit: 7 },
    { home: "/h", format: "json", artifactId: "abc", env: ["A=1", "B=2"], dryRun: true, limit: 7 },
  ]]);
  // Defaults apply, a value may start with a dash, `--` ends the options.
  const d = await parse(["deploy", "--artifact-id", "-x", "--", "--odd"]);
  assertEquals(d.seen[0].slice(0, 3), ["--odd", "default", { artifactId: "-x", limit: 50 }]);
  assertEquals((d.seen[0][3] as Record<string, unknown>).format, "text");
});

Deno.test("parser: usage errors name the problem", async () => {
  const cases: [string[], string][] = [
    [["nope"], "Unknown command 'nope'"],
    [["deplo"], "Unknown command 'deplo' (Did you mean deploy?)"],
    [["deploy", "c", "--artifact-id", "a", "--bogus"], "Unknown option '--bogus'"],
    [
      ["deploy", "c", "--artifact-id", "a", "--dry-rn"],
      "Unknown option '--dry-rn' (Did you mean --dry-run?)",
    ],
    [["deploy", "c"], "Required option '--artifact-id <id>' not specified"],
    [["deploy", "--artifact-id", "a"], "Missing required argument 'client'"],
    [
      ["deploy", "c", "p", "x", "--artifact-id", "a"],
      "Too many arguments for 'deploy'. Expected 2 arguments but got 3.",
    ],
    [["deploy", "c", "--artifact-id"], "Option '--artifact-id <id>' argument missing"],
    [["deploy", "c", "--artifact-id", "a", "--dry-run=yes"], "Option '--dry-run' does not take a value"],
    [
      ["registry", "export"],
      "Command-argument value 'export' is invalid for argument 'action'. Allowed choices are import.",
    ],
    [[], "Missing command"],
  ];
  for (const [args, message] of cases) {
    const r = await parse(args);
    assertEquals([r.error?.code, r.error?.message, r.error?.hint], [
      "usage",
      message,
      "run with --help for usage",
    ], args.join(" "));
    assertEquals(r.seen, []);
  }
});

Deno.test("parser: help and version win over errors and run nothing", async () => {
  const top = await parse(["--help"]);
  assertEquals(top.error?.code, "help");
  assert.match(top.out, /^Usage: tool \[options\] \[command\]\n\nA tool\n/);
  assert.match(top.out, /\n {2}deploy \[options\] <client> \[profile\] +Deploy it\n/);
  assert.match(top.out, /\n {2}help \[command\] +display help for command\n/);
  for (const args of [["deploy", "--help"], ["deploy", "--bogus", "-h"], ["help", "deploy"]]) {
    const r = await parse(args);
    assertEquals(r.error?.code, "help", args.join(" "));
    assert.match(r.out, /^Usage: tool deploy \[options\] <client> \[profile\]\n\nDeploy it\n\nArguments:\n/);
    assert.match(r.out, /--limit <n> +at most N \(default: 50\)/);
    assert.match(r.out, /Global options:\n {2}--home <dir> +state folder\n/);
    assertEquals(r.seen, []);
  }
  const v = await parse(["deploy", "-V"]);
  assertEquals([v.error?.code, v.out], ["version", "1.2.3\n"]);
  assertEquals((await parse(["help", "nope"])).error?.message, "Unknown command 'nope'");
  // `help --help` is help about help: the top-level page, not "Unknown command '--help'".
  for (const args of [["help", "--help"], ["help", "-h"]]) {
    const r = await parse(args);
    assertEquals(r.error?.code, "help", args.join(" "));
    assert.match(r.out, /^Usage: tool \[options\] \[command\]\n/);
  }
});

Deno.test("parser: long descriptions wrap at 80 columns under their column", () => {
  const p = new Command("tool");
  p.command("x").option("--long-option <v>", "word ".repeat(30).trim());
  const help = p.commands[0].helpInformation();
  for (const line of help.split("\n")) assert.ok(line.length <= 80, line);
  assert.match(help, /\n {21}word word/);
});

Deno.test("the program: every command module registers the command it is listed under", async () => {
  const env = {
    io: { out: () => {}, err: () => {} },
    makeDeps: () => Promise.reject(new Error("unused")),
    version: "0",
    exitCode: 0,
  };
  const all = await buildProgram(env);
  assertEquals(all.commands.map((c) => c.name()), COMMANDS.map(([n]) => n));
  for (const [name] of COMMANDS) {
    assertEquals((await buildProgram(env, name)).commands.map((c) => c.name()), [name]);
  }
  // Which command's module alone is enough: not for help, completions or unknown names.
  assertEquals(commandIn(["--home", "h", "--format", "json", "status", "--client", "x"]), "status");
  assertEquals(commandIn(["--home=h", "list-clients"]), "list-clients");
  assertEquals(commandIn(["help", "status"]), undefined);
  assertEquals(commandIn(["completions", "bash"]), undefined);
  assertEquals(commandIn(["statu"]), undefined);
});
