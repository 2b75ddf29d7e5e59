/**
 * The MCP handshake a client does, over any channel: `initialize` (the server's answer must name a
 * protocol version clients accept), `notifications/initialized`, `tools/list` (every page), then
 * `prompts/list` and `resources/list` where the server advertises them, and `ping`.
 */
import { ProbeError, type RpcChannel } from "./rpc.ts";
import type { Phase, ProbeResult } from "./types.ts";

/** Versions the SDK clients accept (typescript-sdk SUPPORTED_PROTOCOL_VERSIONS, v1.29). */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
  "2024-10-07",
];

/** Pages followed per list at most (a server repeating its cursor would never end). */
const MAX_PAGES = 100;

export const CLIENT_INFO = { name: "mcp-orchestration-doctor", version: "1" };

type Counts = Pick<
  ProbeResult,
  "protocol_version" | "server_info" | "tools" | "prompts" | "resources" | "ready_ms" | "offered"
>;

function protocolError(phase: Phase, message: string): ProbeError {
  return new ProbeError({ kind: "protocol", phase, message });
}

/** Every item of a list, following its pages. */
async function listAll(
  ch: RpcChannel,
  method: "tools/list" | "prompts/list" | "resources/list",
): Promise<unknown[]> {
  const key = method.split("/")[0];
  const all: unknown[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = (await ch.request(method, cursor === undefined ? {} : { cursor }, method)) as Record<
      string,
      unknown
    >;
    const items = r?.[key];
    if (!Array.isArray(items)) throw protocolError(method, `${method} answered without a "${key}" list`);
    all.push(...items);
    const next = r.nextCursor;
    if (typeof next !== "string" || next === "") return all;
    if (seen.has(next)) throw protocolError(method, `${method} repeated the cursor ${JSON.stringify(next)}`);
    seen.add(next);
    cursor = next;
  }
  throw protocolError(method, `${method} had more than ${MAX_PAGES} pages`);
}

/** Runs the handshake; `started` is when the server was started (for ready_ms). */
export async function handshake(ch: RpcChannel, protocolVersion: string, started: number): Promise<Counts> {
  const init = (await ch.request("initialize", {
    protocolVersion,
    capabilities: {},
    clientInfo: CLIENT_INFO,
  }, "initialize")) as Record<string, unknown> | null;
  const ready_ms = Date.now() - started;
  if (!init || typeof init !== "object") {
    throw protocolError("initialize", "initialize answered without a result object");
  }
  const version = init.protocolVersion;
  if (typeof version !== "string") {
    throw protocolError("initialize", "initialize answered without a protocolVersion");
  }
  if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    throw protocolError(
      "initialize",
      `the server answered protocol version ${
        JSON.stringify(version)
      }, which clients do not support (they accept ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")})`,
    );
  }
  const info = (init.serverInfo ?? {}) as Record<string, unknown>;
  const caps = (init.capabilities ?? {}) as Record<string, unknown>;
  await ch.notify("notifications/initialized");
  const out: Counts = {
    protocol_version: version,
    server_info: { name: String(info.name ?? ""), version: String(info.version ?? "") },
    ready_ms,
  };
  const tools = caps.tools ? await listAll(ch, "tools/list") : [];
  const prompts = caps.prompts ? await listAll(ch, "prompts/list") : [];
  if (caps.tools) out.tools = tools.length;
  if (caps.prompts) out.prompts = prompts.length;
  if (caps.resources) out.resources = (await listAll(ch, "resources/list")).length;
  out.offered = { tools, prompts };
  await ch.request("ping", undefined, "ping");
  return out;
}
