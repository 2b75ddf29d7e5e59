/** The server's identity, kept free of the server's modules so the fast start (fast_start.ts) can answer
 * `initialize` before they have loaded. tests/mcp/fast_start_test.ts checks both answers agree. */
import denoJson from "../../deno.json" with { type: "json" };
import buildInfo from "./build_info.json" with { type: "json" };

/** serverInfo.websiteUrl: deno.json's `homepage` when a maintainer sets it, else the repository a release
 * was built from (`deno task compile` stamps src/mcp/build_info.json on GitHub Actions, or with
 * `--homepage URL`); a build from source without either has none. */
export function websiteUrlOf(
  deno: { homepage?: unknown },
  build: { homepage?: unknown },
): string | undefined {
  for (const u of [deno.homepage, build.homepage]) {
    if (typeof u === "string" && /^https?:\/\/[^\s/]+/.test(u)) return u;
  }
  return undefined;
}

const homepage = websiteUrlOf(denoJson as { homepage?: unknown }, buildInfo);

/** `{name, title, version, description, websiteUrl}` as the MCP `initialize` response reports it. */
export const SERVER_INFO = {
  name: "mcp-orchestration",
  title: "MCP Orchestration",
  version: denoJson.version,
  description: "Manages the MCP server configurations of AI clients: a catalogue of servers, drafts per " +
    "client and profile, signed published versions, deploys that keep every other byte of a client's " +
    "file, status, history and rollback.",
  ...(homepage ? { websiteUrl: homepage } : {}),
};

export const INSTRUCTIONS = "Manage the MCP server configurations of AI clients: browse servers " +
  "(list_available_servers), build a draft (add_server_to_config), validate_config, publish_config (signed), " +
  "deploy_config, then get_deployment_status, list_deployment_history and rollback_deployment. Tools that " +
  "write take client_id (required); a result or error may name the next step as next: [{tool, arguments}].";

/** What the server advertises once its tools, resources and prompts are registered: the resource set
 * changes (and a profile's draft, latest and deployed can be subscribed to); the tool and prompt sets
 * never do. */
export const ADVERTISED_CAPABILITIES = {
  tools: {},
  resources: { subscribe: true, listChanged: true },
  prompts: {},
  logging: {},
  completions: {},
};

/** The protocol versions of the SDK in use, newest first (the test compares with the SDK's list). */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
  "2024-10-07",
];

/** The `initialize` result, as the SDK's Server computed it (and mcp_server.ts does). */
export function initializeResult(requested: unknown) {
  const protocolVersion = typeof requested === "string" && SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
    ? requested
    : SUPPORTED_PROTOCOL_VERSIONS[0];
  return {
    protocolVersion,
    capabilities: ADVERTISED_CAPABILITIES,
    serverInfo: SERVER_INFO,
    instructions: INSTRUCTIONS,
  };
}
