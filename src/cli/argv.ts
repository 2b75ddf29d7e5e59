/** Reading argv before the command-line parser loads (kept light: main.ts uses it on every start). */

/** `mcp-orchestration-<sub>` link names run `<sub>` (the seed's executables). */
export function argvForInvocation(execName: string, args: string[]): string[] {
  const base = execName.replace(/\.exe$/i, "");
  const m = base.match(/^mcp-orchestration-([a-z-]+)$/);
  return m ? [m[1], ...args] : args;
}

/** A bare invocation (only global options) whose stdin is not a terminal serves MCP: AI clients launch
 * the program without arguments (the seed's Claude Desktop snippet). In a terminal, a person typed it:
 * it prints the help. */
export function withDefaultCommand(args: string[], stdinIsTerminal: boolean): string[] {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--home") i++;
    else if (!args[i].startsWith("--home=")) return args;
  }
  return [...args, stdinIsTerminal ? "--help" : "serve"];
}

/** For `serve` with at most `--home DIR`: the home (or null for the default); undefined otherwise, so
 * the full parser handles it (help, errors, other options). */
export function plainServe(args: string[]): { home: string | undefined } | undefined {
  let home: string | undefined;
  let serve = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "serve" && !serve) serve = true;
    else if (a === "--home" && i + 1 < args.length && !args[i + 1].startsWith("-")) home = args[++i];
    else if (a.startsWith("--home=")) home = a.slice(7);
    else return undefined;
  }
  return serve ? { home } : undefined;
}
