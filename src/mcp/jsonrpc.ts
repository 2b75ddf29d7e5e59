/**
 * JSON-RPC 2.0 as MCP uses it, without a schema library: the four message kinds (checked as the SDK's
 * `JSONRPCMessageSchema` does: strict keys, integer or string ids, object params and results), the error
 * codes, and the checks of a request's params that answer -32602 naming each field.
 *
 * @example
 * ```ts
 * import { kindOf, paramsIssues, RpcError, INVALID_PARAMS } from "./jsonrpc.ts";
 * kindOf({ jsonrpc: "2.0", id: 1, method: "ping" }); // "request"
 * paramsIssues({}, { name: "string" }); // ["params.name: expected string, received undefined"]
 * new RpcError(INVALID_PARAMS, "Invalid params: params.uri: expected string, received undefined");
 * ```
 */

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** The SDK's codes for a connection that closed and a request that got no answer in time. */
export const CONNECTION_CLOSED = -32000;
export const REQUEST_TIMEOUT = -32001;
/** MCP's "resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

export type Id = string | number;

/** Any JSON-RPC message (one of the four kinds). */
export interface Message {
  jsonrpc: "2.0";
  id?: Id | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

/** An error answered to a request as `{code, message, data}`. */
export class RpcError extends Error {
  code: number;
  data?: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A request id: a string or an integer. */
export const isId = (v: unknown): v is Id =>
  typeof v === "string" || (typeof v === "number" && Number.isSafeInteger(v));

const only = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

/** `_meta`, when present, is an object whose progress token is a string or an integer, and whose related
 * task names its id. */
function metaOk(container: Record<string, unknown>): boolean {
  if (!("_meta" in container) || container._meta === undefined) return true;
  const m = container._meta;
  if (!isObject(m) || !(m.progressToken === undefined || isId(m.progressToken))) return false;
  const task = m["io.modelcontextprotocol/related-task"];
  return task === undefined || (isObject(task) && typeof task.taskId === "string");
}

/** Which kind of JSON-RPC message `v` is, or null when it is none. */
export function kindOf(v: unknown): "request" | "notification" | "result" | "error" | null {
  if (!isObject(v) || v.jsonrpc !== "2.0") return null;
  const paramsOk = v.params === undefined || (isObject(v.params) && metaOk(v.params));
  if (typeof v.method === "string") {
    if (!paramsOk) return null;
    if ("id" in v) return isId(v.id) && only(v, ["jsonrpc", "id", "method", "params"]) ? "request" : null;
    return only(v, ["jsonrpc", "method", "params"]) ? "notification" : null;
  }
  if ("result" in v) {
    return isId(v.id) && isObject(v.result) && metaOk(v.result) && only(v, ["jsonrpc", "id", "result"])
      ? "result"
      : null;
  }
  if ("error" in v) {
    const e = v.error;
    return (v.id === undefined || isId(v.id)) && isObject(e) && Number.isSafeInteger(e.code) &&
        typeof e.message === "string" && only(v, ["jsonrpc", "id", "error"])
      ? "error"
      : null;
  }
  return null;
}

/** A field's expected type in a params check. */
export type Expect =
  | "string"
  | "object"
  | "record"
  | "string-record"
  | "id"
  | { oneOf: readonly string[] }
  | { fields: Record<string, Expect>; optional?: string[] };

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function check(v: unknown, e: Expect, path: string, out: string[]): void {
  const got = typeName(v);
  if (e === "string") {
    if (got !== "string") out.push(`${path}: expected string, received ${got}`);
  } else if (e === "id") {
    if (!isId(v)) out.push(`${path}: expected string or integer, received ${got}`);
  } else if (e === "object" || e === "record" || e === "string-record") {
    if (got !== "object") {
      out.push(`${path}: expected ${e === "object" ? "object" : "record"}, received ${got}`);
    } else if (e === "string-record") {
      for (const [k, x] of Object.entries(v as object)) {
        if (typeof x !== "string") out.push(`${path}.${k}: expected string, received ${typeName(x)}`);
      }
    }
  } else if ("oneOf" in e) {
    if (typeof v !== "string" || !e.oneOf.includes(v)) {
      out.push(`${path}: expected one of ${e.oneOf.map((x) => JSON.stringify(x)).join("|")}`);
    }
  } else {
    if (got !== "object") {
      out.push(`${path}: expected object, received ${got}`);
      return;
    }
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(e.fields)) {
      if (o[k] === undefined && e.optional?.includes(k)) continue;
      check(o[k], x, `${path}.${k}`, out);
    }
  }
}

/**
 * What is wrong with a request's params for a method taking `fields` (`optional` may be absent), in the
 * words of the -32602 answer: `params.name: expected string, received undefined`. `params` itself may be
 * absent only when every field is optional.
 */
export function paramsIssues(
  params: unknown,
  fields: Record<string, Expect>,
  optional: string[] = [],
): string[] {
  const out: string[] = [];
  const required = Object.keys(fields).some((k) => !optional.includes(k));
  if (params === undefined && !required) return out;
  check(params, { fields, optional }, "params", out);
  return out;
}

/** The -32602 error for `issues` (at most five, on one line). */
export function invalidParams(issues: string[]): RpcError {
  return new RpcError(INVALID_PARAMS, `Invalid params: ${issues.slice(0, 5).join("; ")}`);
}
