/**
 * The command-line parser: the part of commander's API the commands use, written here because loading
 * commander (CommonJS) cost ~40 ms of every start under Deno. Sub-commands, `<required>` and
 * `[optional]` arguments (with defaults and choices), `--long <value>` / `--long=value` options with a
 * default or a parser (`collect` for repeatable ones), boolean flags, required options, camelCase keys,
 * global options before or after the sub-command, `--` (operands only after it), `-h/--help`,
 * `-V/--version`, `help [command]`, and help text in commander's layout, with examples. Commands are
 * declared from their operation's spec by src/cli/from_spec.ts, which turns a parse into the op's typed
 * input; options and arguments carry what shell completion offers for their values.
 *
 * It never exits and never prints an error: a usage error is a thrown `ParseError` ("usage"); help and
 * version are written to `writeOut`, then a `ParseError` ("help" / "version") ends the parse.
 *
 * @example
 * ```ts
 * import { Command } from "./parser.ts";
 * import { collect } from "./context.ts";
 * const program = new Command("tool").option("--home <dir>", "state folder");
 * program.command("show").argument("<id>", "what to show").option("--tag <t>", "repeat", collect)
 *   .action((id, opts, cmd) => console.log(id, opts.tag, cmd.optsWithGlobals().home)); // x ["a", "b"] /h
 * await program.parseAsync(["show", "x", "--tag", "a", "--tag=b", "--home", "/h"], { from: "user" });
 * ```
 */

export type ParseErrorCode = "usage" | "help" | "version";

/** Ends a parse: a usage error (with its message), or help / version already written. */
export class ParseError extends Error {
  constructor(readonly code: ParseErrorCode, message: string, readonly hint?: string) {
    super(message);
    this.name = "ParseError";
  }
}

// deno-lint-ignore no-explicit-any
type ValueParser = (value: string, previous: any) => unknown;
// deno-lint-ignore no-explicit-any
export type OptionValues = Record<string, any>;
// deno-lint-ignore no-explicit-any
type ActionHandler = (...args: any[]) => void | Promise<void>;

/** What completion offers for a value: fixed words, client ids, files or folders. */
export type Complete = { readonly words: readonly string[] } | "client" | "file" | "dir";

/** One option, as declared by its flags (`-V, --version`, `--client <id>`, `--dry-run`). */
export interface Option {
  readonly flags: string;
  readonly long: string;
  readonly short?: string;
  /** The key in `opts()`: `--artifact-id` -> `artifactId`. */
  readonly key: string;
  /** `<id>` for an option that takes a value; undefined for a flag. */
  readonly valueName?: string;
  readonly description: string;
  readonly defaultValue?: unknown;
  readonly parser?: ValueParser;
  /** Declared with requiredOption. */
  readonly mandatory: boolean;
  /** What completion offers for the value (nothing known when undefined). */
  readonly complete?: Complete;
}

const FLAGS = /^(?:(-[A-Za-z]),\s*)?(--[a-z][a-z0-9-]*)(?:\s+(<[^<>\s]+>))?$/;

/** An option from its flags: `(flags, description, default?)` or `(flags, description, parser, default?)`. */
export function makeOption(
  flags: string,
  description: string,
  a?: unknown,
  b?: unknown,
  mandatory = false,
): Option {
  const m = flags.match(FLAGS);
  if (!m) throw new Error(`Unsupported option flags ${JSON.stringify(flags)}`);
  const parser = typeof a === "function" ? (a as ValueParser) : undefined;
  const defaultValue = parser ? b : a;
  const key = m[2].slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    flags,
    short: m[1],
    long: m[2],
    key,
    valueName: m[3],
    description,
    defaultValue,
    parser,
    mandatory,
  };
}

/** A positional argument: `<name>` required, `[name]` optional. */
export class Argument {
  readonly name: string;
  readonly required: boolean;
  allowed?: string[];
  /** What completion offers (when not `allowed`). */
  complete?: Complete;

  constructor(spec: string, readonly description = "", readonly defaultValue?: string) {
    const m = spec.match(/^(?:<([^<>]+)>|\[([^[\]]+)\])$/);
    if (!m || (m[1] ?? m[2]).endsWith("...")) throw new Error(`Unsupported argument ${JSON.stringify(spec)}`);
    this.required = m[1] !== undefined;
    this.name = m[1] ?? m[2];
  }

  /** Only these values are accepted. */
  choices(values: string[]): this {
    this.allowed = [...values];
    return this;
  }

  get usage(): string {
    return this.required ? `<${this.name}>` : `[${this.name}]`;
  }
}

const HELP: Option = makeOption("-h, --help", "display help for command");
const WIDTH = 80;

export interface OutputConfiguration {
  /** Help and version text. */
  writeOut?(text: string): void;
}

export class Command {
  readonly commands: Command[] = [];
  parent?: Command;
  private readonly cmdName: string;
  private desc = "";
  private readonly args: Argument[] = [];
  private readonly opts_: Option[] = [];
  private handler?: ActionHandler;
  private examplesList: readonly (readonly [args: string, does: string])[] = [];
  private values: Record<string, unknown> = {};
  private versionString?: string;
  private versionOption?: Option;
  private helpAfterError?: string;
  private output: Required<OutputConfiguration> = {
    writeOut: (s) => console.log(s.replace(/\n$/, "")),
  };

  constructor(name = "") {
    this.cmdName = name;
  }

  /** Adds a sub-command and returns it (for chaining its own declarations). */
  command(name: string): Command {
    const sub = new Command(name);
    sub.parent = this;
    this.commands.push(sub);
    return sub;
  }

  name(): string {
    return this.cmdName;
  }

  description(): string;
  description(text: string): this;
  description(text?: string): string | this {
    if (text === undefined) return this.desc;
    this.desc = text;
    return this;
  }

  argument(spec: string, description = "", defaultValue?: string): this {
    return this.addArgument(new Argument(spec, description, defaultValue));
  }

  addArgument(arg: Argument): this {
    const last = this.args[this.args.length - 1];
    if (arg.required && last && !last.required) {
      throw new Error(`Required argument ${arg.name} after an optional one`);
    }
    this.args.push(arg);
    return this;
  }

  /** `option(flags, description, default?)` or `option(flags, description, parser, default?)`; a
   * parser receives the value and the previous one (the default, or what an earlier use returned). */
  option(flags: string, description: string, defaultValue?: string | boolean): this;
  option<T>(
    flags: string,
    description: string,
    parser: (value: string, previous: T) => T,
    defaultValue?: T,
  ): this;
  option(flags: string, description: string, defaultOrParser?: unknown, defaultValue?: unknown): this {
    return this.addOption(makeOption(flags, description, defaultOrParser, defaultValue));
  }

  /** Like option, but the parse fails when it is not given (and has no default). */
  requiredOption(flags: string, description: string, defaultValue?: string | boolean): this;
  requiredOption<T>(
    flags: string,
    description: string,
    parser: (value: string, previous: T) => T,
    defaultValue?: T,
  ): this;
  requiredOption(
    flags: string,
    description: string,
    defaultOrParser?: unknown,
    defaultValue?: unknown,
  ): this {
    return this.addOption(makeOption(flags, description, defaultOrParser, defaultValue, true));
  }

  /** Adds an option made by makeOption (with what completion offers). */
  addOption(o: Option): this {
    if (this.findOption(o.long) || (o.short && this.findOption(o.short))) {
      throw new Error(`Option ${o.flags} declared twice`);
    }
    this.opts_.push(o);
    return this;
  }

  /** `-V, --version` (or the given flags) prints `version` and ends the parse. */
  version(version: string, flags = "-V, --version", description = "output the version number"): this {
    this.versionString = version;
    this.versionOption = makeOption(flags, description);
    return this;
  }

  /** Command lines after this command's name, each with what it does: help lists them last. */
  examples(list: readonly (readonly [args: string, does: string])[]): this {
    this.examplesList = list;
    return this;
  }

  action(fn: ActionHandler): this {
    this.handler = fn;
    return this;
  }

  /** Where help and version text go (default: the console). */
  configureOutput(config: OutputConfiguration): this {
    this.output = { ...this.output, ...config };
    return this;
  }

  /** A hint carried by every usage error of this program (`ParseError.hint`). */
  showHelpAfterError(hint = "run with --help for usage"): this {
    this.helpAfterError = hint;
    return this;
  }

  /** The declared options, help and version included (for help and shell completions). */
  get options(): Option[] {
    return [...(this.versionOption ? [this.versionOption] : []), ...this.opts_, HELP];
  }

  get arguments(): readonly Argument[] {
    return this.args;
  }

  /** This command's option values (defaults applied). */
  opts(): OptionValues {
    return { ...this.values };
  }

  /** The program's options merged with this command's (the command's win). */
  optsWithGlobals(): OptionValues {
    return { ...(this.parent ? this.parent.optsWithGlobals() : {}), ...this.values };
  }

  private findOption(flag: string): Option | undefined {
    return this.opts_.find((o) => o.long === flag || o.short === flag);
  }

  private root(): Command {
    return this.parent ? this.parent.root() : this;
  }

  private reset(): void {
    this.values = {};
    for (const o of this.opts_) if (o.defaultValue !== undefined) this.values[o.key] = o.defaultValue;
  }

  private fail(message: string): ParseError {
    return new ParseError("usage", message, this.root().helpAfterError);
  }

  /** Parses `argv` (the user's arguments, without the executable) and runs the chosen command's action. */
  async parseAsync(argv: string[], _from: { from: "user" } = { from: "user" }): Promise<this> {
    this.reset();
    // deno-lint-ignore no-this-alias
    let cmd: Command = this; // the command being parsed: the program until a sub-command name is read
    const operands: string[] = [];
    let special: "help" | "version" | undefined;
    let error: ParseError | undefined;
    const failOnce = (message: string) => (error ??= this.fail(message));
    let onlyOperands = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (onlyOperands || a === "-" || !a.startsWith("-")) {
        if (cmd === this && this.commands.length && operands.length === 0) {
          const sub = this.commands.find((c) => c.cmdName === a);
          if (sub) {
            cmd = sub;
            sub.reset();
            continue;
          }
          if (a === "help" && !onlyOperands && !error) {
            const target = argv[i + 1] === undefined || argv[i + 1] === "--help" || argv[i + 1] === "-h"
              ? this
              : this.commands.find((c) => c.cmdName === argv[i + 1]);
            if (!target) {
              throw this.fail(
                `Unknown command '${argv[i + 1]}'${
                  this.suggest(
                    argv[i + 1],
                    this.commands.map((c) => c.cmdName),
                  )
                }`,
              );
            }
            this.output.writeOut(target.helpInformation());
            throw new ParseError("help", "");
          }
          failOnce(`Unknown command '${a}'${this.suggest(a, this.commands.map((c) => c.cmdName))}`);
        }
        operands.push(a);
        continue;
      }
      if (a === "--") {
        onlyOperands = true;
        continue;
      }
      if (a === "-h" || a === "--help") {
        special ??= "help";
        continue;
      }
      const eq = a.startsWith("--") ? a.indexOf("=") : -1;
      const flag = eq > 0 ? a.slice(0, eq) : a;
      if (this.versionOption && (flag === this.versionOption.long || flag === this.versionOption.short)) {
        special ??= "version";
        continue;
      }
      let owner: Command = cmd;
      let opt = cmd.findOption(flag);
      if (!opt && cmd !== this) [owner, opt] = [this, this.findOption(flag)];
      if (!opt) {
        const known = [...cmd.options, ...(cmd === this ? [] : this.options)].map((o) => o.long);
        failOnce(`Unknown option '${flag}'${this.suggest(flag, known)}`);
        continue;
      }
      if (!opt.valueName) {
        if (eq > 0) failOnce(`Option '${opt.flags}' does not take a value`);
        else owner.values[opt.key] = true;
        continue;
      }
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else {
        failOnce(`Option '${opt.flags}' argument missing`);
        continue;
      }
      owner.values[opt.key] = opt.parser ? opt.parser(value, owner.values[opt.key]) : value;
    }

    if (special === "help") {
      this.output.writeOut(cmd.helpInformation());
      throw new ParseError("help", "");
    }
    if (special === "version") {
      this.output.writeOut(`${this.versionString}\n`);
      throw new ParseError("version", "");
    }
    if (error) throw error;
    if (cmd === this && this.commands.length && !this.handler) {
      throw this.fail("Missing command");
    }
    for (const c of cmd === this ? [this] : [this, cmd]) {
      const missing = c.opts_.find((o) => o.mandatory && c.values[o.key] === undefined);
      if (missing) throw this.fail(`Required option '${missing.flags}' not specified`);
    }
    const values: unknown[] = [];
    cmd.args.forEach((arg, k) => {
      const v = operands[k];
      if (v === undefined) {
        if (arg.required) throw this.fail(`Missing required argument '${arg.name}'`);
        values.push(arg.defaultValue);
      } else if (arg.allowed && !arg.allowed.includes(v)) {
        throw this.fail(
          `Command-argument value '${v}' is invalid for argument '${arg.name}'. Allowed choices are ${
            arg.allowed.join(", ")
          }.`,
        );
      } else values.push(v);
    });
    if (operands.length > cmd.args.length) {
      const n = cmd.args.length;
      throw this.fail(
        `Too many arguments${cmd === this ? "" : ` for '${cmd.cmdName}'`}. Expected ${n} argument${
          n === 1 ? "" : "s"
        } but got ${operands.length}.`,
      );
    }
    if (cmd.handler) await cmd.handler(...values, cmd.opts(), cmd);
    return this;
  }

  private suggest(word: string, candidates: string[]): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
      const d = editDistance(word.replace(/^--/, ""), c.replace(/^--/, ""));
      if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3))
      ? ` (Did you mean ${best}?)`
      : "";
  }

  /** The help text: usage, description, arguments, options, global options or sub-commands. */
  helpInformation(): string {
    const path = this.parent ? `${this.root().cmdName} ${this.cmdName}` : this.cmdName;
    const usage = this.parent
      ? [path, "[options]", ...this.args.map((a) => a.usage)].join(" ")
      : `${path} [options]${this.commands.length ? " [command]" : ""}`;
    const parts = [`Usage: ${usage}`];
    if (this.desc) parts.push(wrap(this.desc, WIDTH, 0));
    const argRows = this.args.map((a) => {
      const extra = [
        a.allowed ? `choices: ${a.allowed.map((c) => JSON.stringify(c)).join(", ")}` : "",
        a.defaultValue !== undefined ? `default: ${JSON.stringify(a.defaultValue)}` : "",
      ].filter(Boolean);
      return [a.name, a.description + (extra.length ? ` (${extra.join(", ")})` : "")] as [string, string];
    });
    const optionRow = (o: Option): [string, string] => [
      o.short ? `${o.short}, ${o.long}${o.valueName ? " " + o.valueName : ""}` : o.flags,
      o.description + (o.defaultValue !== undefined ? ` (default: ${JSON.stringify(o.defaultValue)})` : ""),
    ];
    const sections: [string, [string, string][]][] = [
      ["Arguments", argRows],
      ["Options", this.options.map(optionRow)],
    ];
    if (this.parent) sections.push(["Global options", this.root().opts_.map(optionRow)]);
    else if (this.commands.length) {
      sections.push(["Commands", [
        ...this.commands.map((c): [string, string] => [
          [c.cmdName, ...(c.opts_.length ? ["[options]"] : []), ...c.args.map((a) => a.usage)].join(" "),
          c.desc,
        ]),
        ["help [command]", "display help for command"],
      ]]);
    }
    const all = sections.flatMap(([, rows]) => rows);
    const termWidth = Math.max(...all.map(([t]) => t.length));
    for (const [title, rows] of sections) {
      if (!rows.length) continue;
      parts.push(
        `${title}:\n` +
          rows.map(([t, d]) => "  " + t.padEnd(termWidth) + "  " + wrap(d, WIDTH, termWidth + 4)).join("\n"),
      );
    }
    if (this.examplesList.length) {
      const line = (args: string) => [path, args].filter(Boolean).join(" ");
      parts.push(
        "Examples:\n" +
          this.examplesList.map(([args, does]) =>
            `  # ${wrap(does, WIDTH, 4).replaceAll("\n    ", "\n  # ")}\n  ${line(args)}`
          )
            .join("\n"),
      );
    }
    return parts.join("\n\n") + "\n";
  }
}

/** Wraps `text` to `width` columns; lines after the first are indented by `indent` (commander's rule: no
 * wrapping when fewer than 40 columns would remain). */
function wrap(text: string, width: number, indent: number): string {
  if (width - indent < 40) return text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join("\n" + " ".repeat(indent));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
