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
import { objectArg, paramsArg } from "./json_arg.ts";
import type { ToolExtra, ToolSpec } from "./tool.ts";

/** The fields MCP takes, in the schema's order. */
export function mcpFields(spec: McpSpec): [key: string, field: Field, mcp: McpField][] {
  const out: [string, Field, McpField][] = [];
  for (const [key, f] of Object.entries(spec.input)) if (f.mcp && !isAbsent(f.mcp)) out.push([key, f, f.mcp]);
  const order = spec.mcp.order;
  return order ? order.map((name) => out.find(([, , m]) => m.name === name)!) : out;
}

function base(f: Field, m: McpField): z.ZodTypeAny {
  switch (f.kind) {
    case "text":
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
      return z.array(z.string());
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

/** The zod schema of a result shape (objects pass unknown fields through). */
export function zodOf(s: Shape): z.ZodTypeAny {
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
      const a = z.array(zodOf(s.of));
      return s.description === undefined ? a : a.describe(s.description);
    }
    case "record":
      return z.record(z.string(), zodOf(s.of));
    case "nullable":
      return zodOf(s.of).nullable();
    case "optional": {
      const o = zodOf(s.of).optional();
      return s.description === undefined ? o : o.describe(s.description);
    }
    case "object":
      return z.object(Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k, zodOf(v)])))
        .passthrough();
  }
}

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
    output: zodOf(spec.output) as z.AnyZodObject,
    run: (args, extra) => call(op, deps, inputFrom(spec, args), runContext(extra)),
  };
}
