/**
 * A spec's MCP door in zod (only `serve` loads zod): the tool's input shape from the spec's fields,
 * its output schema from the spec's result shape, and a call's arguments turned into the op's input.
 *
 * @example
 * defineTool(server, toolOf(op, deps)); // the tool of src/ops/specs/<op>.ts
 */
import { z } from "zod";
import {
  call,
  type Field,
  type InputOf,
  isAbsent,
  type McpField,
  type McpSpec,
  type Op,
  type Progress,
  type RunContext,
  type Shape,
} from "../ops/spec.ts";
import type { Deps } from "../platform/deps.ts";
import { canonicalClientId, clientIds, getClient } from "../clients/registry.ts";
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { closestNames, didYouMean } from "../core/suggest.ts";
import { ready } from "../core/lazy.ts";
import { renderError, renderResult } from "./hints.ts";
import { objectArg, paramsArg } from "./json_arg.ts";
import type { ToolExtra, ToolSpec } from "./tool.ts";

/** The fields MCP takes, in the schema's order. */
export function mcpFields(spec: McpSpec): [key: string, field: Field, mcp: McpField][] {
  const out: [string, Field, McpField][] = [];
  for (const [key, f] of Object.entries(spec.input)) if (f.mcp && !isAbsent(f.mcp)) out.push([key, f, f.mcp]);
  const order = spec.mcp.order;
  return order ? order.map((name) => out.find(([, , m]) => m.name === name)!) : out;
}

/** The MCP arguments that name clients: their schema is the enum of the client ids. */
const CLIENT_ARG = "client_id";
const CLIENTS_ARG = "client_ids";
const clientEnum = () => z.enum(clientIds() as [string, ...string[]]);

function base(f: Field, m: McpField): z.ZodTypeAny {
  switch (f.kind) {
    case "text":
      if (m.name === CLIENT_ARG && !f.choices) return clientEnum();
      return f.choices ? z.enum(f.choices as [string, ...string[]]) : z.string();
    case "flag":
      return z.boolean();
    case "number": {
      let n = z.number();
      if (m.int) n = n.int();
      if (m.min !== undefined) n = n.min(m.min);
      if (m.above !== undefined) n = n.gt(m.above);
      if (m.max !== undefined) n = n.max(m.max);
      return n;
    }
    case "texts":
      return z.array(m.name === CLIENTS_ARG ? clientEnum() : z.string());
    case "pairs":
    case "params":
      // An object is turned back into JSON text first: zod's record parsing silently drops a `__proto__`
      // key, and the op must see every key to refuse that one with the CLI's message (json_arg.ts parses
      // the text into own keys).
      return z.preprocess(
        (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? JSON.stringify(v) : v),
        z.union([z.record(z.string(), z.unknown()), z.string()]),
      );
    case "json":
      return z.union([z.string(), z.record(z.unknown())]);
  }
}

/** One argument's schema: type, then default or optional, then its description. */
function argument(f: Field, m: McpField): z.ZodTypeAny {
  const t = base(f, m);
  const described = f.kind === "pairs" || f.kind === "params"
    ? m.description + " An object, or a JSON string encoding one."
    : m.description;
  const wrapped = m.required ? t : m.default !== undefined ? t.default(m.default) : t.optional();
  return wrapped.describe(described);
}

/** The tool's input shape. */
export function inputShape(spec: McpSpec): z.ZodRawShape {
  return Object.fromEntries(mcpFields(spec).map(([, f, m]) => [m.name, argument(f, m)]));
}

/** One schema for every `anyObject`: a schema used twice in one output is written once and referred to
 * (`$ref`), as the tools' schemas always were. */
let anyObjectSchema: z.ZodTypeAny | undefined;

/**
 * The zod schema of a result shape (objects pass unknown fields through), `depth` levels of objects deep:
 * an object below that is any object. A tool's output schema keeps one level (outputSchema): the fields a
 * model reads and chains on (ids, status, counts, lists) with their types; the shape of the objects inside
 * them is in the tool's description and result, and costs every client tools/list bytes (BENCHMARKS.md,
 * "tools/list size").
 */
export function zodOf(s: Shape, depth = Infinity): z.ZodTypeAny {
  switch (s.t) {
    case "string":
      return z.string();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "any-object":
      return anyObjectSchema ??= z.record(z.string(), z.unknown());
    case "enum":
      return z.enum(s.values as [string, ...string[]]);
    case "literal":
      return z.literal(s.value);
    case "array": {
      const a = z.array(zodOf(s.of, depth));
      return s.description === undefined ? a : a.describe(s.description);
    }
    case "record":
      return depth <= 0
        ? anyObjectSchema ??= z.record(z.string(), z.unknown())
        : z.record(z.string(), zodOf(s.of, depth - 1));
    case "nullable":
      return zodOf(s.of, depth).nullable();
    case "optional": {
      const o = zodOf(s.of, depth).optional();
      return s.description === undefined ? o : o.describe(s.description);
    }
    case "object":
      if (depth <= 0) return anyObjectSchema ??= z.record(z.string(), z.unknown());
      return z.object(Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k, zodOf(v, depth - 1)])))
        .passthrough();
  }
}

/** How many levels of objects a tool's output schema describes (see zodOf). */
export const OUTPUT_DEPTH = 1;

/** The op's input from a call's (schema-checked) arguments. */
export function inputFrom<S extends McpSpec>(spec: S, args: Record<string, unknown>): InputOf<S> {
  const input: Record<string, unknown> = {};
  for (const [key, f, m] of mcpFields(spec)) {
    let v = args[m.name];
    if (f.kind === "pairs") v = objectArg(m.name, v);
    else if (f.kind === "params") v = paramsArg(m.name, v);
    else if (m.blankIsAbsent && v === "") v = undefined;
    if (v !== undefined) input[key] = v;
  }
  return input as InputOf<S>;
}

/**
 * A call's arguments as the schema checks them, after the checks the schema cannot say well: a key the
 * tool does not take is refused (`invalid_input` naming it, the closest known name and every known one:
 * a misspelled `profile` must never deploy the default profile), and a client id is taken as the user
 * meant it (`Claude-Code` is claude-code) or refused with `client_not_found` and the known ids (as the
 * op would, instead of the schema's bare enum error).
 */
export function strictArgs(spec: McpSpec): (args: unknown) => unknown {
  const fields = mcpFields(spec);
  const known = fields.map(([, , m]) => m.name);
  const blankIsAbsent = fields.filter(([, , m]) => m.blankIsAbsent).map(([, , m]) => m.name);
  return (args) => {
    if (typeof args !== "object" || args === null || Array.isArray(args)) return args;
    let given = args as Record<string, unknown>;
    // Some clients send "" for an argument they do not use: not given (before an enum sees it).
    if (blankIsAbsent.some((k) => given[k] === "")) {
      given = Object.fromEntries(
        Object.entries(given).filter(([k, v]) => !(v === "" && blankIsAbsent.includes(k))),
      );
    }
    const unknown = Object.keys(given).filter((k) => !known.includes(k));
    if (unknown.length) {
      const suggestions = closestNames(unknown[0], known);
      const hint = didYouMean(suggestions);
      throw new AppError(
        "invalid_input",
        `${spec.mcp.tool} does not take ${unknown.map((k) => JSON.stringify(k)).join(", ")}` +
          (hint ? ` (${hint})` : "") + `; it takes: ${known.join(", ") || "no arguments"}`,
        { tool: spec.mcp.tool, unknown, known, suggestions },
      );
    }
    let out = given;
    const fix = (v: unknown) => {
      if (typeof v !== "string" || v === "") return v;
      const id = canonicalClientId(v) as string;
      // A malformed name is invalid_input; an unknown one client_not_found with the known and closest ids.
      getClient(checkName("client", id));
      return id;
    };
    if (known.includes(CLIENT_ARG) && CLIENT_ARG in given) {
      out = { ...out, [CLIENT_ARG]: fix(given[CLIENT_ARG]) };
    }
    const many = given[CLIENTS_ARG];
    if (known.includes(CLIENTS_ARG) && Array.isArray(many)) out = { ...out, [CLIENTS_ARG]: many.map(fix) };
    return out;
  };
}

/** What a tool call hands its op: progress reports become `notifications/progress` when the caller sent
 * a progress token (none otherwise), and the request's cancellation aborts the op's signal. */
export function runContext(extra: ToolExtra): RunContext {
  const token = extra._meta?.progressToken;
  const send = extra.sendNotification;
  const progress = token === undefined || !send ? undefined : (p: Progress) => {
    const params: Record<string, unknown> = { progressToken: token, progress: p.done };
    if (p.total !== undefined) params.total = p.total;
    params.message = p.message;
    // A notification that cannot be sent (the client went away) is no failure of the op.
    send({ method: "notifications/progress", params }).catch(() => {});
  };
  return { door: "mcp", progress, signal: extra.signal };
}

/** The tool of an operation with an MCP door. */
export function toolOf(op: Op<McpSpec>, deps: Deps): ToolSpec<z.ZodRawShape> {
  const { spec } = op;
  return {
    name: spec.mcp.tool,
    title: spec.mcp.title,
    description: spec.mcp.description,
    kind: spec.mcp.kind,
    idempotent: spec.mcp.idempotent,
    openWorld: spec.mcp.openWorld,
    input: inputShape(spec),
    prepare: strictArgs(spec),
    alias: spec.mcp.alias,
    output: zodOf(spec.output, OUTPUT_DEPTH) as z.AnyZodObject,
    // Hints come back in MCP terms (tools and arguments, `next`), never as command lines (hints.ts).
    run: async (args, extra) => {
      try {
        return renderResult(
          await ready(await call(op, deps, inputFrom(spec, args), runContext(extra))),
          spec,
        );
      } catch (e) {
        throw renderError(e, spec);
      }
    },
  };
}
