/**
 * Shell completions (bash, zsh, fish) generated from the registered commands, which are declared from
 * the operations' specs (src/cli/from_spec.ts): sub-commands with their descriptions, each command's
 * options plus the global ones, and values where the spec says what they are (choices and suggested
 * values, client ids, files, folders).
 *
 * @example
 * ```ts
 * import { completionScript } from "./completions.ts";
 * import { Command } from "./parser.ts";
 * const program = new Command("mcp-orchestration");
 * program.command("status").description("Show deployment status").option("--client <id>", "target client");
 * console.log(completionScript("fish", program, ["cursor"])); // "complete -c mcp-orchestration ..."
 * ```
 */
import type { Argument, Command, Option } from "./parser.ts";
import { collect } from "./context.ts";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = typeof SHELLS[number];

/** What a value can be completed with: fixed words, folders, files, or nothing known. */
type Values = { words: string[] } | "dir" | "file" | "none";

interface Opt {
  short?: string;
  long: string;
  description: string;
  /** undefined: a flag. */
  values?: Values;
  repeatable: boolean;
}

interface Arg {
  name: string;
  required: boolean;
  /** The values it takes, when known. */
  words?: string[];
  /** Completed with file names. */
  files?: boolean;
}

interface Cmd {
  name: string;
  description: string;
  options: Opt[];
  args: Arg[];
}

function valuesOf(o: Option, clients: string[]): Values | undefined {
  if (!o.valueName) return undefined;
  const c = o.complete;
  if (c === undefined) return "none";
  if (c === "client") return { words: clients };
  return c === "file" || c === "dir" ? c : { words: [...c.words] };
}

function optOf(o: Option, clients: string[]): Opt {
  return {
    short: o.short,
    long: o.long,
    description: o.description,
    values: valuesOf(o, clients),
    repeatable: o.parser === collect,
  };
}

function argOf(a: Argument, clients: string[]): Arg {
  const words = a.allowed ?? (a.complete === "client" ? clients : undefined);
  return { name: a.name, required: a.required, words, files: a.complete === "file" };
}

/** The command tree as the generators see it. */
function model(program: Command, clients: string[]): { globals: Opt[]; commands: Cmd[] } {
  const names = program.commands.map((c) => c.name());
  const commands: Cmd[] = program.commands.map((c) => {
    const args = c.arguments.map((a) => argOf(a, clients));
    return {
      name: c.name(),
      description: c.description(),
      options: c.options.filter((o) => o.long !== "--help").map((o) => optOf(o, clients)),
      args,
    };
  });
  const help = { name: "command", required: false, words: names };
  commands.push({ name: "help", description: "display help for command", options: [], args: [help] });
  return { globals: program.options.map((o) => optOf(o, clients)), commands };
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell, program: Command, clients: string[]): string {
  const m = model(program, clients);
  const name = program.name();
  return shell === "bash" ? bash(name, m) : shell === "zsh" ? zsh(name, m) : fish(name, m);
}

const fnName = (program: string) => `_${program.replace(/[^A-Za-z0-9]/g, "_")}`;
const flagsOf = (o: Opt) => (o.short ? [o.short, o.long] : [o.long]);

function bash(program: string, m: { globals: Opt[]; commands: Cmd[] }): string {
  const fn = fnName(program);
  const all = [...m.globals, ...m.commands.flatMap((c) => c.options)];
  const taking = new Map<string, Values>();
  for (const o of all) if (o.values) taking.set(o.long, o.values);
  const byValues = new Map<string, string[]>();
  for (const [flag, v] of taking) {
    const key = typeof v === "string" ? v : `words:${v.words.join(" ")}`;
    byValues.set(key, [...(byValues.get(key) ?? []), flag]);
  }
  const valueCases = [...byValues].map(([key, flags]) => {
    const pattern = flags.join("|");
    if (key === "dir") return `    ${pattern}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`;
    if (key === "file") return `    ${pattern}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`;
    if (key === "none") return `    ${pattern}) return ;;`;
    return `    ${pattern}) words="${key.slice(6)}" ;;`;
  });
  const globalWords = m.globals.flatMap(flagsOf).join(" ");
  const commandCases = m.commands.map((c) => {
    const opts = [
      ...c.options.flatMap(flagsOf),
      ...m.globals.filter((g) => g.long !== "--version").flatMap(flagsOf),
    ];
    const args = c.args.map((a, i) =>
      a.words
        ? `; [[ $cur != -* && $argc == ${i} ]] && words="$words ${a.words.join(" ")}"`
        : a.files
        ? `; [[ $cur != -* && $argc == ${i} ]] && { COMPREPLY=($(compgen -f -- "$cur")); return; }`
        : ""
    ).join("");
    return `      ${c.name}) words="${opts.join(" ")}"${args} ;;`;
  });
  return `# bash completion for ${program} (generated by \`${program} completions bash\`)
# Load it now:  source <(${program} completions bash)
# Keep it:      ${program} completions bash > ~/.local/share/bash-completion/completions/${program}
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd="" words="" argc=0 i
  # --opt=value: bash splits the word at "=".
  if [[ $cur == "=" ]]; then cur=""; elif [[ $prev == "=" ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      ${[...taking.keys()].join("|")}) ((i++)) ;;
      -*|=) ;;
      *) if [[ -z $cmd ]]; then cmd=\${COMP_WORDS[i]}; else ((argc++)); fi ;;
    esac
  done
  case $prev in
${valueCases.join("\n")}
  esac
  if [[ -z $words ]]; then
    case $cmd in
      "") words="${m.commands.map((c) => c.name).join(" ")} ${globalWords}" ;;
${commandCases.join("\n")}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F ${fn} ${program}
`;
}

/** Escapes text for a single-quoted zsh word inside an `_arguments` spec. */
const zq = (s: string) => s.replace(/([[\]:\\])/g, "\\$1").replace(/'/g, `'\\''`);

function zshSpec(o: Opt): string {
  const action = o.values === undefined
    ? ""
    : o.values === "dir"
    ? ":dir:_files -/"
    : o.values === "file"
    ? ":file:_files"
    : o.values === "none"
    ? `:${zq(o.long.slice(2))}: `
    : `:${zq(o.long.slice(2))}:(${o.values.words.join(" ")})`;
  const eq = o.values === undefined ? "" : "=";
  const desc = `[${zq(o.description)}]`;
  if (o.short) return `'(${o.short} ${o.long})'{${o.short},${o.long}}'${desc}${action}'`;
  return `'${o.repeatable ? "*" : ""}${o.long}${eq}${desc}${action}'`;
}

function zsh(program: string, m: { globals: Opt[]; commands: Cmd[] }): string {
  const fn = fnName(program);
  const globals = m.globals.filter((g) => g.long !== "--version" && g.long !== "--help").map(zshSpec);
  const cases = m.commands.map((c) => {
    const specs = [...c.options.map(zshSpec), ...globals, "'(- *)'{-h,--help}'[display help for command]'"];
    c.args.forEach((a, i) => {
      const action = a.words ? `(${a.words.join(" ")})` : a.files ? "_files" : " ";
      specs.push(`'${i + 1}:${a.required ? "" : ":"}${zq(a.name)}:${action}'`);
    });
    return `    ${c.name})\n      _arguments -s ${specs.join(" \\\n        ")}\n      ;;`;
  });
  return `#compdef ${program}
# zsh completion for ${program} (generated by \`${program} completions zsh\`)
# Load it now:  source <(${program} completions zsh)
# Keep it:      ${program} completions zsh > "\${fpath[1]}/_${program}"
${fn}() {
  local curcontext=$curcontext state line
  local -a commands
  commands=(
${m.commands.map((c) => `    '${zq(c.name)}:${c.description.replace(/'/g, `'\\''`)}'`).join("\n")}
  )
  _arguments -C -s ${m.globals.filter((g) => g.long !== "--help").map(zshSpec).join(" ")} \\
    '(- *)'{-h,--help}'[display help for command]' \\
    '1: :->command' '*:: :->args' && return
  case $state in
    command) _describe -t commands '${program} command' commands ;;
    args)
      case $words[1] in
${cases.map((c) => c.replace(/^/gm, "    ")).join("\n")}
      esac
      ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${program}
fi
`;
}

/** Escapes text for a single-quoted fish word. */
const fq = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fishOpt(program: string, o: Opt, condition?: string): string {
  const parts = [`complete -c ${program}`];
  if (condition) parts.push(`-n ${fq(condition)}`);
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  parts.push(`-l ${o.long.slice(2)}`);
  if (o.values === "dir") parts.push("-x -a '(__fish_complete_directories)'");
  else if (o.values === "file") parts.push("-r -F");
  else if (o.values === "none") parts.push("-x");
  else if (o.values) parts.push(`-x -a ${fq(o.values.words.join(" "))}`);
  parts.push(`-d ${fq(o.description)}`);
  return parts.join(" ");
}

function fish(program: string, m: { globals: Opt[]; commands: Cmd[] }): string {
  const names = m.commands.map((c) => c.name).join(" ");
  const lines = [
    `# fish completion for ${program} (generated by \`${program} completions fish\`)`,
    `# Load it now:  ${program} completions fish | source`,
    `# Keep it:      ${program} completions fish > ~/.config/fish/completions/${program}.fish`,
    `complete -c ${program} -f`,
    ...m.globals.map((g) =>
      fishOpt(program, g, g.long === "--version" ? "__fish_use_subcommand" : undefined)
    ),
    `set -l commands ${names}`,
    ...m.commands.map((c) =>
      `complete -c ${program} -n "not __fish_seen_subcommand_from $commands" -a ${c.name} -d ${
        fq(c.description)
      }`
    ),
  ];
  for (const c of m.commands) {
    const when = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) lines.push(fishOpt(program, o, when));
    const words = c.args[0]?.words;
    if (words) lines.push(`complete -c ${program} -n ${fq(when)} -a ${fq(words.join(" "))}`);
    if (c.args.some((a) => a.files)) lines.push(`complete -c ${program} -n ${fq(when)} -F`);
  }
  return lines.join("\n") + "\n";
}
