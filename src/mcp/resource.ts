/**
 * The one way a resource is registered: a fixed URI or a URI template, read as one JSON document.
 * A failure is a JSON-RPC error whose `data` is the `{error, message, details}` document.
 */
import type { McpServer } from "./mcp_server.ts";
import type { ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { INVALID_PARAMS, RESOURCE_NOT_FOUND, RpcError } from "./jsonrpc.ts";
import { toErrorDocument } from "../core/errors.ts";
import { registered } from "./registered.ts";
import type { Completer } from "./complete.ts";

/** A JSON resource at a fixed URI or under a template like `server://{server_id}`. */
export interface ResourceSpec {
  name: string;
  /** A URI, or a template with `{var}` parts. */
  uri: string;
  title: string;
  description: string;
  /** For templates: every concrete URI (undefined: not enumerable). */
  list?: () => Promise<{ uri: string; name: string; title?: string }[]>;
  /** For templates: completions of its variables (`completion/complete` with a `ref/resource`). */
  complete?: Record<string, Completer>;
  read(vars: Record<string, string>): Promise<unknown>;
}

/** The resource result for one JSON value. */
export function jsonContents(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify(value, null, 2) }] };
}

async function readAs(
  spec: ResourceSpec,
  uri: URL,
  vars: Record<string, string>,
): Promise<ReadResourceResult> {
  try {
    return jsonContents(uri.href, await spec.read(vars));
  } catch (e) {
    const doc = toErrorDocument(e);
    throw new RpcError(
      doc.error.endsWith("_not_found") ? RESOURCE_NOT_FOUND : INVALID_PARAMS,
      doc.message,
      doc,
    );
  }
}

const SPECS = new WeakMap<McpServer, Map<string, ResourceSpec>>();

/** The resource specs registered on `server`, by name (the subscriptions read through them). */
export function resourceSpecs(server: McpServer): Map<string, ResourceSpec> {
  let m = SPECS.get(server);
  if (!m) SPECS.set(server, m = new Map());
  return m;
}

/** Registers the resource and records it for `capabilities://server`. */
export function defineResource(server: McpServer, spec: ResourceSpec): void {
  resourceSpecs(server).set(spec.name, spec);
  const meta = { title: spec.title, description: spec.description, mimeType: "application/json" };
  if (spec.uri.includes("{")) {
    const list = spec.list;
    server.registerResource(
      spec.name,
      spec.uri,
      meta,
      (uri, vars) => {
        const flat: Record<string, string> = {};
        try {
          for (const [k, v] of Object.entries(vars)) {
            flat[k] = decodeURIComponent(Array.isArray(v) ? v[0] : v);
          }
        } catch {
          // A malformed escape (`%E0%A4%A`): the URI names nothing.
          throw new RpcError(
            INVALID_PARAMS,
            "Invalid params: params.uri: a malformed %-escape",
          );
        }
        return readAs(spec, uri, flat);
      },
      { list: list ? async () => ({ resources: await list() }) : undefined, complete: spec.complete },
    );
  } else {
    server.registerResource(spec.name, spec.uri, meta, (uri) => readAs(spec, uri, {}));
  }
  registered(server).resources.push({ name: spec.name, uri: spec.uri, description: spec.description });
}
