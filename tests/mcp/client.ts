/** An SDK client connected in-process (InMemoryTransport) to a server over a temp home. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { assert, assertEquals } from "../core/assert.ts";
import { createServer } from "../../src/mcp/server.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";
import type { Deps } from "../../src/platform/deps.ts";

/** The client plus helpers that check the result contract of every call. */
export interface McpTest {
  client: Client;
  home: TempHome;
  deps: Deps;
  /** Calls a tool that must succeed; returns its structuredContent (checked equal to the text). */
  ok(name: string, args?: Record<string, unknown>): Promise<any>;
  /** Calls a tool that must fail with `code`; returns the error document. */
  fail(name: string, args: Record<string, unknown>, code: string): Promise<any>;
  /** Reads a resource and parses its JSON. */
  read(uri: string): Promise<any>;
}

/** Runs `fn` with a connected client over a fresh temp home (deps built with PATH, like main.ts). */
export async function withMcp(
  fn: (t: McpTest) => Promise<void>,
  extraEnv: Record<string, string> = {},
  setup?: (env: Record<string, string>, h: TempHome) => void,
): Promise<void> {
  const home = await tempHome();
  Object.assign(home.env, extraEnv);
  setup?.(home.env, home);
  const deps = home.deps();
  const server = createServer(deps);
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await server.connect(st);
  await client.connect(ct);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as any;
  const t: McpTest = {
    client,
    home,
    deps,
    ok: async (name, args = {}) => {
      const r = await call(name, args);
      assert.ok(!r.isError, `${name} failed: ${r.content?.[0]?.text}`);
      assertEquals(
        JSON.parse(r.content[0].text),
        r.structuredContent,
        `${name}: text and structuredContent differ`,
      );
      return r.structuredContent;
    },
    fail: async (name, args, code) => {
      const r = await call(name, args);
      assertEquals(r.isError, true, `${name} should fail with ${code}: ${r.content?.[0]?.text}`);
      const doc = JSON.parse(r.content[0].text);
      assertEquals(doc.error, code, `${name}: ${doc.message}`);
      assertEquals(typeof doc.message, "string");
      assertEquals(typeof doc.details, "object");
      return doc;
    },
    read: async (uri) =>
      JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text),
  };
  try {
    await fn(t);
  } finally {
    await client.close();
    await server.close();
    await home.cleanup();
  }
}

/** Every tool the issue names: the server must register each one. */
export const EXPECTED_TOOLS = [
  "list_clients",
  "list_profiles",
  "get_config",
  "diff_config",
  "list_available_servers",
  "describe_server",
  "add_server_to_config",
  "remove_server_from_config",
  "set_server_in_config",
  "disable_server_in_config",
  "enable_server_in_config",
  "view_draft_config",
  "clear_draft_config",
  "validate_config",
  "publish_config",
  "deploy_config",
  "initialize_keys",
  "check_server_installation",
  "get_deployment_status",
  "list_deployment_history",
  "get_deployment_details",
  "rollback_deployment",
  "verify_config",
  "list_trusted_keys",
  "import_client_config",
  "get_install_command",
  "connect_client",
  "import_registry_server",
  "sync_registry",
  "read_client_logs",
  "check_server_health",
  "list_remotes",
  "push_profiles",
  "pull_profiles",
  "sync_profiles",
];
