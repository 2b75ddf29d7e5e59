/**
 * What a server asks of the user: the inputs of one of its launch options (a package or a remote),
 * read from server.json. Shared by `describe` (to show them) and `resolveServer` (to fill them).
 */
import { AppError } from "../core/errors.ts";
import type { Argument, Input, KeyValueInput, Package, Remote, ServerJson } from "./server_json.ts";

/** How a client reaches the server: a local process, streamable HTTP, or SSE. */
export type Transport = "stdio" | "http" | "sse";

/** One launch option of a server. */
export type Source =
  | { kind: "package"; transport: Transport; pkg: Package; index: number }
  | { kind: "remote"; transport: Transport; remote: Remote; index: number };

/** One input a user can (or must) give. Param names are what `resolveServer` accepts. */
export interface InputSpec {
  name: string;
  kind: "positional" | "named" | "variable" | "header" | "env";
  description?: string;
  isRequired: boolean;
  isSecret: boolean;
  isRepeated?: boolean;
  default?: string;
  format?: string;
  choices?: string[];
  placeholder?: string;
}

/** Env var and variable names treated as secrets even when `isSecret` is not set. */
export { SECRET_NAME_RE as SECRET_NAME } from "../core/secret_detect.ts";
import { SECRET_NAME_RE as SECRET_NAME } from "../core/secret_detect.ts";

/** The `${VAR}` name used for a secret input: uppercase, `[A-Z0-9_]` only. */
export function refName(name: string): string {
  const n = name.replace(/^-+/, "").toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return /^[0-9]/.test(n) ? `_${n}` : n;
}

/** The param name of an argument: the flag without leading dashes, or the positional's valueHint. */
export function argParamName(arg: Argument, position: number): string {
  return arg.type === "named" ? arg.name.replace(/^-+/, "") : (arg.valueHint ?? `arg${position}`);
}

/** `{name}` placeholders in a template. */
export function templateVars(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]);
}

function transportOfRemote(r: Remote): Transport {
  return r.type === "sse" ? "sse" : "http";
}

/** Every launch option: packages first (in file order), then remotes. */
export function sourcesOf(server: ServerJson): Source[] {
  const pk: Source[] = (server.packages ?? []).map((pkg, index) => ({
    kind: "package",
    transport: pkg.transport.type === "stdio" ? "stdio" : pkg.transport.type === "sse" ? "sse" : "http",
    pkg,
    index,
  }));
  const rm: Source[] = (server.remotes ?? []).map((remote, index) => ({
    kind: "remote",
    transport: transportOfRemote(remote),
    remote,
    index,
  }));
  return [...pk, ...rm];
}

/**
 * The launch option for a transport. `stdio` picks the first stdio package; `http`/`sse` the first
 * remote of that type. Without a transport: a stdio package when there is one, else the first remote.
 */
export function selectSource(server: ServerJson, transport?: Transport): Source {
  const all = sourcesOf(server);
  const pick = transport
    ? all.find((s) => s.transport === transport && (s.kind === "remote" || transport === "stdio"))
    : all.find((s) => s.kind === "package" && s.transport === "stdio") ??
      all.find((s) => s.kind === "remote");
  if (!pick) {
    const offered = [
      ...new Set(all.filter((s) => s.kind === "remote" || s.transport === "stdio").map((s) => s.transport)),
    ];
    throw new AppError(
      "invalid_input",
      `Server "${server.name}" offers no ${transport ?? "usable"} transport`,
      { server: server.name, transport: transport ?? null, offered },
    );
  }
  return pick;
}

function spec(name: string, kind: InputSpec["kind"], i: Input, extra: Partial<InputSpec> = {}): InputSpec {
  const out: InputSpec = {
    name,
    kind,
    isRequired: i.isRequired ?? false,
    isSecret: (i.isSecret ?? false) || ((kind === "env" || kind === "variable") && SECRET_NAME.test(name)),
    ...extra,
  };
  for (const k of ["description", "default", "format", "choices", "placeholder"] as const) {
    if (i[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = i[k];
  }
  return out;
}

function variableSpecs(template: string | undefined, vars: Record<string, Input> | undefined): InputSpec[] {
  if (!template || !vars) return [];
  return templateVars(template).filter((v) => vars[v]).map((v) => spec(v, "variable", vars[v]));
}

function argSpecs(args: Argument[] | undefined): InputSpec[] {
  const out: InputSpec[] = [];
  (args ?? []).forEach((a, i) => {
    if (a.value !== undefined) out.push(...variableSpecs(a.value, a.variables));
    else out.push(spec(argParamName(a, i), a.type, a, { isRepeated: a.isRepeated ?? false }));
  });
  return out;
}

function kvSpecs(list: KeyValueInput[] | undefined, kind: "env" | "header"): InputSpec[] {
  const out: InputSpec[] = [];
  for (const kv of list ?? []) {
    if (kv.value !== undefined) out.push(...variableSpecs(kv.value, kv.variables));
    else out.push(spec(kv.name, kind, kv));
  }
  return out;
}

/** The inputs of one launch option, de-duplicated by name (first wins). */
export function inputsOf(source: Source): InputSpec[] {
  const list = source.kind === "package"
    ? [
      ...argSpecs(source.pkg.runtimeArguments),
      ...argSpecs(source.pkg.packageArguments),
      ...kvSpecs(source.pkg.environmentVariables, "env"),
    ]
    : [
      ...variableSpecs(source.remote.url, source.remote.variables),
      ...kvSpecs(source.remote.headers, "header"),
    ];
  const seen = new Set<string>();
  return list.filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
}

/** Checks a transport name (stdio, http, sse). */
export function checkTransport(t: string | undefined): Transport | undefined {
  if (t === undefined || t === "stdio" || t === "http" || t === "sse") return t;
  throw new AppError("invalid_input", `Unknown transport ${JSON.stringify(t)}: use stdio, http or sse`, {
    transport: t,
    known: ["stdio", "http", "sse"],
  });
}

/** True for a path a client can hand to a server as is: absolute on some OS (`/x`, `C:\x`, `\\host\x`),
 * or a `${VAR}` reference. `~` is not: clients start servers without a shell, which never expands it. */
export function isAbsolutePathValue(v: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v) || v.includes("${");
}

/** What a given value of a catalogue input cannot be: `empty` for a required input given "" (a missing
 * value in disguise), `relative` for a `filepath` input that is not an absolute path (the server would
 * resolve it against whatever folder the client starts it in). */
export type InputValueProblem = { input: string; problem: "empty" } | {
  input: string;
  problem: "relative";
  value: string;
};

/** The problems of the values given for `specs` (`value(name)`: what was given, if anything). Secret
 * inputs are checked for emptiness only, and their values are never quoted. */
export function inputValueProblems(
  specs: InputSpec[],
  value: (name: string) => string | string[] | undefined,
): InputValueProblem[] {
  const out: InputValueProblem[] = [];
  for (const s of specs) {
    const v = value(s.name);
    if (v === undefined) continue;
    const values = [v].flat();
    if (s.isRequired && values.every((x) => x.trim() === "")) {
      out.push({ input: s.name, problem: "empty" });
      continue;
    }
    if (s.format !== "filepath" || s.isSecret) continue;
    for (const x of values) {
      if (x.trim() !== "" && !isAbsolutePathValue(x)) {
        out.push({ input: s.name, problem: "relative", value: x });
      }
    }
  }
  return out;
}

/** The sentence for a `relative` problem. */
export function relativePathMessage(server: string, p: { input: string; value: string }): string {
  const why = p.value.startsWith("~")
    ? "clients start servers without a shell, so ~ is not expanded"
    : "the server would resolve it against the folder the client happens to start it in";
  return `Server '${server}': ${p.input} ${JSON.stringify(p.value)} is not an absolute path (${why}); ` +
    "give the full path";
}
