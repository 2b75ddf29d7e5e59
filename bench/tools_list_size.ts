/**
 * The size of the `tools/list` answer (compact JSON, as sent on stdio), in all and per tool: name and
 * description, input schema, output schema. In-process over a temp home; writes nothing else.
 *
 *   deno run --allow-read --allow-write --allow-env bench/tools_list_size.ts [--json]
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { join } from "node:path";
import { createServer } from "../src/mcp/server.ts";
import { makeDeps } from "../src/platform/make_deps.ts";
import { allClientFiles } from "../src/clients/allowed_files.ts";

const home = await Deno.makeTempDir({ prefix: "mcpo-tools-list-" });
try {
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
  const server = createServer(makeDeps({ env, os: "linux", clientFiles: allClientFiles }));
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "size", version: "1" });
  await server.connect(st);
  await client.connect(ct);
  const tools: { name: string; inputSchema: unknown; outputSchema?: unknown }[] =
    (await client.listTools()).tools;
  const size = (v: unknown) => v === undefined ? 0 : new TextEncoder().encode(JSON.stringify(v)).length;
  const rows: { tool: string; total: number; input: number; output: number }[] = tools.map((t) => ({
    tool: t.name,
    total: size(t),
    input: size(t.inputSchema),
    output: size(t.outputSchema),
  }));
  const all = size({ tools });
  if (Deno.args.includes("--json")) console.log(JSON.stringify({ bytes: all, tools: rows }));
  else {
    console.log(`tools/list: ${tools.length} tools, ${all} bytes (${(all / 1024).toFixed(1)} KiB)`);
    const sum = (k: "input" | "output") => rows.reduce((n, r) => n + r[k], 0);
    console.log(`input schemas ${sum("input")} bytes, output schemas ${sum("output")} bytes`);
    for (const r of rows.sort((a, b) => b.total - a.total)) {
      console.log(`${r.tool.padEnd(28)} ${String(r.total).padStart(6)} in ${r.input} out ${r.output}`);
    }
  }
  await client.close();
  await server.close();
} finally {
  await Deno.remove(home, { recursive: true });
}
