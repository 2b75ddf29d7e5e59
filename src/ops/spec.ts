/**
 * One declaration per operation (src/ops/specs/<op>.ts): its arguments and options (kind, required,
 * default, choices, description), which door takes each (the CLI, the MCP server) and why where they
 * differ, examples, the result's shape, and the op it runs. From it come the CLI parser's options and
 * its typed result (src/cli/from_spec.ts), `--help` with examples, shell completions, the reference
 * pages, and the MCP input and output schemas (src/mcp/zod_spec.ts); TypeScript infers the op's input
 * type from it (`InputOf`) and checks the op's result against the declared shape (`bind`; the shapes
 * are at the end of this file: `Out<S>` is the type a shape stands for).
 *
 * Plain values and types only: the CLI loads a spec without zod or the MCP SDK, which only `serve`
 * loads. A spec module exports `spec` (the declaration, which never names its op, so the op can take
 * its input type from it) and `op` (the declaration bound to the op, loaded when it runs).
 *
 * @example
 * export const spec = defineSpec({
 *   cli: { command: "list-profiles", description: "List a client's profiles", examples: [["cursor", "cursor's profiles"]] },
 *   mcp: { tool: "list_profiles", title: "List profiles", description: "...", kind: "read" },
 *   input: { client: { kind: "text", cli: { flag: "<client>", description: "client id" }, mcp: CLIENT_ID } },
 *   output: obj({ client_id: str, profiles: arr(anyObject) }),
 * });
 * export const op = bind(spec, () => import("../list_profiles.ts"), (m, deps, input) => m.listProfiles(deps, input));
 */
import type { Deps } from "../platform/deps.ts";

/** The kinds of value a field holds, and the type each one gives the op. */
export interface Kinds {
  text: string;
  /** A CLI flag (true when given), a boolean over MCP. */
  flag: boolean;
  number: number;
  /** A list of text: a repeated option on the CLI, an array over MCP. */
  texts: string[];
  /** Names to text: repeated `K=V` (or `K:V`) options on the CLI; an object, or the JSON text of one, over MCP. */
  pairs: Record<string, string>;
  /** Like pairs, but a repeated name collects a list of values. */
  params: Record<string, string | string[]>;
  /** A JSON document: an object, or the JSON text of one. */
  json: string | Record<string, unknown>;
}

export type Kind = keyof Kinds;
export type Scalar = string | number | boolean;

/** A door that does not take a field (or has no such operation), and why; `instead` names what that
 * door offers in its place. */
export interface Absent {
  readonly absent: string;
  readonly instead?: string;
}

/** Marks what a door does not take, with the reason. */
export function absent<const W extends string>(
  why: W,
  instead?: string,
): { readonly absent: W; readonly instead?: string } {
  return instead === undefined ? { absent: why } : { absent: why, instead };
}

/** True for the `absent(...)` of a door. */
export function isAbsent(x: unknown): x is Absent {
  return typeof x === "object" && x !== null && "absent" in x;
}

/** How the CLI takes a field. */
export interface CliField {
  /** An option (`--artifact-id <id>`; `--dry-run` for a flag) or a positional argument (`<client>`
   * required, `[profile]` optional). */
  readonly flag: string;
  readonly description: string;
  readonly default?: Scalar;
  readonly required?: true;
  /** pairs: what separates the name from the value (default "="). */
  readonly sep?: "=" | ":";
  /** What completion offers (default: files for a `<file>` or `<path>` value, folders for `<dir>`). */
  readonly complete?: "client" | "file" | "dir";
}

/** How the MCP server takes a field. */
export interface McpField {
  /** The argument's name, snake_case. */
  readonly name: string;
  readonly description: string;
  readonly default?: Scalar;
  readonly required?: true;
  /** number: whole numbers only. */
  readonly int?: true;
  readonly min?: number;
  /** number: above this value, not equal to it (`timeout_seconds` above 0). */
  readonly above?: number;
  readonly max?: number;
  /** An empty string counts as not given (some clients send "" for an argument they do not use). */
  readonly blankIsAbsent?: true;
}

/** One input of an operation. A door the operation has must say how it takes the field, or why it
 * does not (`absent`); tests/ops/spec_test.ts checks that. */
export interface Field {
  readonly kind: Kind;
  /** The values accepted. MCP's schema and the CLI's positional arguments check them; a CLI option hands
   * its text to the op, which checks it (so every caller gets the op's error). */
  readonly choices?: readonly [string, ...string[]];
  /** Values completion offers, not checked before the op. */
  readonly suggest?: readonly string[];
  readonly cli?: CliField | Absent;
  readonly mcp?: McpField | Absent;
}

export type Fields = { readonly [key: string]: Field };

/** A command line after the command's name, and what it does. */
export type Example = readonly [args: string, does: string];

/** The CLI command of an operation. */
export interface CliDoor {
  readonly command: string;
  readonly description: string;
  /** At least one: `--help` shows them, and tests parse every one. */
  readonly examples: readonly [Example, ...Example[]];
}

/** read: readOnlyHint; write: changes state (idempotent when `idempotent`); destructive: may replace data. */
export type ToolKind = "read" | "write" | "destructive";

/** The MCP tool of an operation. */
export interface McpDoor {
  readonly tool: string;
  readonly title: string;
  readonly description: string;
  readonly kind: ToolKind;
  /** Same inputs give the same state (reads always are). */
  readonly idempotent?: true;
  /** The tool reaches outside this program: it starts processes or connects to servers. */
  readonly openWorld?: true;
  /** The order of the arguments in the schema, when it differs from the order of `input`. */
  readonly order?: readonly string[];
  /** An earlier name of the tool, still answered (not listed in tools/list). */
  readonly alias?: string;
}

/** The declaration of an operation. */
export interface Spec {
  readonly cli: CliDoor | Absent;
  readonly mcp: McpDoor | Absent;
  readonly input: Fields;
  /** What the op returns: MCP's output schema (needed with an MCP door). */
  readonly output?: ObjectShape;
}

/** A spec with a CLI door. */
export type CliSpec = Spec & { readonly cli: CliDoor };
/** A spec with an MCP door. */
export type McpSpec = Spec & { readonly mcp: McpDoor; readonly output: ObjectShape };

/** Declares an operation (the identity, keeping every literal for `InputOf`). */
export function defineSpec<const S extends Spec>(spec: S): S {
  return spec;
}

type Door = "cli" | "mcp";
type State<D> = D extends { absent: string } ? "absent"
  : D extends { required: true } ? "required"
  : D extends { flag: `<${string}` } ? "required"
  : D extends { default: Scalar } ? "default"
  : "optional";
type FieldState<S extends Spec, F, D extends Door> = S[D] extends Absent ? "n/a"
  : F extends { readonly [K in D]: infer X } ? State<X>
  : "absent";
/** A field the op always receives: some door requires it, and every other door of the operation
 * requires it or has a default for it. A field with defaults only is optional to the op (direct callers
 * may leave it out, and the op applies the same default). */
type Always<S extends Spec, F> = [FieldState<S, F, "cli">, FieldState<S, F, "mcp">] extends
  ["required", "required" | "default" | "n/a"] | ["default" | "n/a", "required"] ? true : false;
/** A CLI option with choices reaches the op unchecked (the op checks it). */
type Unchecked<S extends Spec, F> = S["cli"] extends Absent ? false
  : F extends { cli: { flag: `-${string}` } } ? true
  : false;
type ValueOf<S extends Spec, F> = F extends { choices: readonly (infer C)[] }
  ? Unchecked<S, F> extends true ? string : C
  : F extends { kind: infer K extends Kind } ? Kinds[K]
  : never;

/** The op's input: what either door hands it, each field named by its key in `input`. */
export type InputOf<S extends Spec> = Flat<
  & {
    -readonly [K in keyof S["input"] as Always<S, S["input"][K]> extends true ? K : never]: ValueOf<
      S,
      S["input"][K]
    >;
  }
  & {
    -readonly [K in keyof S["input"] as Always<S, S["input"][K]> extends true ? never : K]?: ValueOf<
      S,
      S["input"][K]
    >;
  }
>;
type Flat<T> = { [K in keyof T]: T[K] };

/** One step of a running operation, as the op reports it: `done` of `total` steps, one plain line
 * saying what the step found, and the step's own value (`item`, typed by the op). */
export interface Progress<I = unknown> {
  readonly done: number;
  readonly total?: number;
  readonly message: string;
  readonly item: I;
}

/** What a door hands a running op besides its input. Both doors supply it: the MCP server maps
 * `progress` to `notifications/progress` when the call carries a progress token, and `signal` to the
 * request's cancellation (src/mcp/zod_spec.ts); the CLI maps `progress` to a line on stderr when stderr
 * is a terminal and the format is text (src/cli/from_spec.ts). */
export interface RunContext<I = unknown> {
  /** The door the call came through. */
  readonly door: "cli" | "mcp";
  /** Reports a step; absent when nobody listens (no progress token, JSON output, not a terminal). */
  readonly progress?: (p: Progress<I>) => void;
  /** Aborted when the caller no longer wants the result (MCP: the request was cancelled): the op stops
   * its work, leaves nothing running, and rejects with the signal's reason (MCP answers no cancelled
   * request). */
  readonly signal?: AbortSignal;
}

/** An operation: its spec, bound to the op it runs (`P`: what its progress reports carry). */
export interface Op<S extends Spec = Spec, M = any, R = any, P = any> {
  readonly spec: S;
  /** Loads the op's module; only the command that runs loads its op. */
  load(): Promise<M>;
  run(m: M, deps: Deps, input: InputOf<S>, ctx: RunContext<P>): Promise<R>;
}

/** What an operation returns. */
export type ResultOf<O> = O extends Op<any, any, infer R> ? R : never;
/** What an operation's progress reports carry. */
export type ProgressItemOf<O> = O extends Op<any, any, any, infer P> ? P : never;

declare const cliOnly: unique symbol;
/** A result that only a CLI-only field can ask for (`publish-config --file`, `history --deployment`): the
 * MCP output shape does not describe it. A mark for the type checker only. */
export type CliOnly<T> = T & { readonly [cliOnly]: true };
/** Marks the result of a CLI-only case of an operation. */
export const cliOnlyResult = <T>(p: Promise<T>): Promise<CliOnly<T>> => p as Promise<CliOnly<T>>;

/** The op's result must have the declared output's fields (a result that is one of several shapes:
 * at least one of them). */
type Matches<R, S extends Spec> = S["output"] extends ObjectShape
  ? [Extract<R, Out<S["output"]>>] extends [never] ? Out<S["output"]> : unknown
  : unknown;

/** Binds a spec to its op: `load` imports the op's module, `run` calls it with the typed input (and the
 * door's context, for an op that reports progress or can be cancelled: `ctx: RunContext<Item>`). */
export function bind<const S extends Spec, M, R extends Matches<R, S>, P = unknown>(
  spec: S,
  load: () => Promise<M>,
  run: (m: M, deps: Deps, input: InputOf<S>, ctx: RunContext<P>) => Promise<R>,
): Op<S, M, R, P> {
  return { spec, load, run };
}

/** By URL, so that `deno run` does not resolve the client records when it loads this module (see main.ts's
 * `load`); every op that names a client imports them statically, so the compiled binary holds them. */
const loadClients = (): Promise<typeof import("../clients/registry.ts")> =>
  import(new URL("../clients/registry.ts", import.meta.url).href);

/** Each op's module, as the promise of its first load: calls that arrive together (an MCP client's burst)
 * share one import instead of each asking the module loader again. A failed load is forgotten. */
const loaded = new WeakMap<Op<any, any, any, any>, Promise<unknown>>();

function loadOnce<M>(op: Op<any, M, any, any>): Promise<M> {
  let p = loaded.get(op) as Promise<M> | undefined;
  if (p === undefined) {
    p = op.load();
    loaded.set(op, p);
    p.catch(() => loaded.delete(op));
  }
  return p;
}

/** Runs an operation with an input a door built (its module loaded on the first call). */
export async function call<S extends Spec, M, R, P>(
  op: Op<S, M, R, P>,
  deps: Deps,
  input: InputOf<S>,
  ctx: RunContext<P>,
): Promise<R> {
  const m = await loadOnce(op);
  try {
    return await op.run(m, deps, await withClientIds(op.spec, input), ctx);
  } catch (e) {
    // "signed by the untrusted key X" names X's trust name too, whichever command met it.
    if (!(e instanceof Error) || !/untrusted key "[0-9a-f]{16}"/.test(e.message)) throw e;
    throw await (await loadTrustNames()).withSignerName(deps, e);
  }
}

/** By URL, loaded only when an error names an untrusted key (see loadClients). */
const loadTrustNames = (): Promise<typeof import("../store/trust_names.ts")> =>
  import(new URL("../store/trust_names.ts", import.meta.url).href);

/** A field naming a client (CLI completion "client", MCP `client_id`). */
const namesClient = (f: Field) =>
  (!!f.cli && !isAbsent(f.cli) && f.cli.complete === "client") ||
  (!!f.mcp && !isAbsent(f.mcp) && f.mcp.name === "client_id");

/** The input with every client id as the user meant it (`--client Claude-Code` is claude-code), on both
 * doors alike. The client records load only for an id in another case or with `_`. */
async function withClientIds<I>(spec: Spec, input: I): Promise<I> {
  let out = input;
  for (const [key, f] of Object.entries(spec.input)) {
    const v = (input as Record<string, unknown>)[key];
    const ids = typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
    if (!ids.some((x) => typeof x === "string" && /[A-Z_]/.test(x)) || !namesClient(f)) continue;
    const { canonicalClientId } = await loadClients();
    const fixed = ids.map((x) => typeof x === "string" ? canonicalClientId(x) : x);
    out = { ...out, [key]: typeof v === "string" ? fixed[0] : fixed };
  }
  return out;
}

// Result shapes: plain values that describe what an operation returns (MCP's output schemas are built
// from them). Objects are open: the listed fields are checked, further fields pass through.
//   obj({ status: oneOf("deployed", "unchanged"), deployment_id: nullable(str) })
//   stands for { status: "deployed" | "unchanged"; deployment_id: string | null }

/** One shape. */
export type Shape =
  | { readonly t: "string" }
  | { readonly t: "number" }
  | { readonly t: "boolean" }
  | { readonly t: "any-object" }
  | { readonly t: "enum"; readonly values: readonly [string, ...string[]] }
  | { readonly t: "literal"; readonly value: string }
  | { readonly t: "array"; readonly of: Shape; readonly description?: string }
  | { readonly t: "object"; readonly fields: { readonly [k: string]: Shape } }
  | { readonly t: "record"; readonly of: Shape }
  | { readonly t: "nullable"; readonly of: Shape }
  | { readonly t: "optional"; readonly of: Shape; readonly description?: string };

/** An object shape. */
export type ObjectShape = Extract<Shape, { t: "object" }>;

export const str = { t: "string" } as const;
export const num = { t: "number" } as const;
export const bool = { t: "boolean" } as const;
/** A JSON object whose fields are not described further. */
export const anyObject = { t: "any-object" } as const;

export const oneOf = <const V extends readonly [string, ...string[]]>(...values: V) =>
  ({ t: "enum", values }) as const;
export const literal = <const V extends string>(value: V) => ({ t: "literal", value }) as const;
/** A list (with what it holds, when that needs saying). */
export const arr = <const S extends Shape>(of: S, description?: string) =>
  (description === undefined ? { t: "array", of } : { t: "array", of, description }) as {
    readonly t: "array";
    readonly of: S;
    readonly description?: string;
  };
/** An open object: the listed fields, and any others. */
export const obj = <const F extends { readonly [k: string]: Shape }>(fields: F) =>
  ({ t: "object", fields }) as const;
/** An object of names to values of one shape. */
export const record = <const S extends Shape>(of: S) => ({ t: "record", of }) as const;
export const nullable = <const S extends Shape>(of: S) => ({ t: "nullable", of }) as const;
/** A field that may be missing (with what it means, when that needs saying). */
export const optional = <const S extends Shape>(of: S, description?: string) =>
  (description === undefined ? { t: "optional", of } : { t: "optional", of, description }) as {
    readonly t: "optional";
    readonly of: S;
    readonly description?: string;
  };

/** The TypeScript type a shape stands for. */
export type Out<S> = S extends { t: "string" } ? string
  : S extends { t: "number" } ? number
  : S extends { t: "boolean" } ? boolean
  : S extends { t: "any-object" } ? object
  : S extends { t: "enum"; values: readonly (infer V)[] } ? V
  : S extends { t: "literal"; value: infer V } ? V
  : S extends { t: "array"; of: infer E } ? Out<E>[]
  : S extends { t: "record"; of: infer E } ? Record<string, Out<E>>
  : S extends { t: "nullable"; of: infer E } ? Out<E> | null
  : S extends { t: "object"; fields: infer F } ? OutObject<F>
  : unknown;

type OutObject<F> =
  & { -readonly [K in keyof F as F[K] extends { t: "optional" } ? never : K]: Out<F[K]> }
  & {
    -readonly [K in keyof F as F[K] extends { t: "optional" } ? K : never]?: F[K] extends { of: infer E }
      ? Out<E>
      : never;
  };
