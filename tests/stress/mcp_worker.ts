/** The MCP server's share of the concurrency harness: a `serve` subprocess under the binary's flags,
 * driven by the SDK client, adding, publishing and deploying into the same state folder and file. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { assert } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { envOf } from "./proc.ts";

/** What the store must hold at the end. */
export interface Expect {
  /** [profile, server name] of every successful add-server. */
  servers: [string, string][];
  /** [profile, artifact id] of every publish that reported "published". */
  published: [string, string][];
  /** Every deployment id a deploy or rollback reported. */
  deployments: Set<string>;
}

/** Makes `calls` tool calls; returns how many were made. */
export async function mcpWorker(h: TempHome, calls: number, x: Expect): Promise<number> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "--quiet", ...RUN_FLAGS, new URL("../../main.ts", import.meta.url).pathname, "serve"],
    env: envOf(h),
    stderr: "pipe",
  });
  const client = new Client({ name: "stress", version: "1" });
  await client.connect(transport);
  let made = 0;
  try {
    for (let i = 0; i < calls; i++) {
      const step = i % 5;
      const [name, args] = step === 0
        ? ["add_server_to_config", {
          client_id: "cursor",
          profile_id: "mcp",
          server_id: `m${i}`,
          command: "uvx",
          args: [`m${i}`, "x; y"],
          env_vars: { [`M${i}_TOKEN`]: `tok-m${i}-abcdef` },
        }]
        : step === 1
        ? ["publish_config", { client_id: "cursor", profile_id: "mcp" }]
        : step === 2
        ? ["deploy_config", { client_id: "cursor", profile_id: "mcp" }]
        : step === 3
        ? ["get_deployment_status", { client_id: "cursor" }]
        : ["list_deployment_history", { client_id: "cursor" }];
      const r = await client.callTool({ name, arguments: args }) as any;
      made++;
      assert.ok(!r.isError, `MCP ${name}: ${r.content?.[0]?.text}`);
      const s = r.structuredContent;
      if (name === "add_server_to_config") x.servers.push(["mcp", `m${i}`]);
      if (name === "publish_config" && s.status === "published") x.published.push(["mcp", s.artifact_id]);
      if (name === "deploy_config" && s.deployment_id) x.deployments.add(s.deployment_id);
    }
  } finally {
    await client.close();
  }
  return made;
}
