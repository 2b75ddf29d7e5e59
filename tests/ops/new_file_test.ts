/**
 * A deploy (or `connect`) that creates a client file writes one the client accepts: Continue's cn
 * refuses a config.yaml without `name` and `version` ("Failed to parse config: name: Required, version:
 * Required", issue 17), so a new or empty file starts from the record's `newFile`. An existing file is
 * never given the skeleton. tests/e2e/real_readers_test.ts shows the real `cn` accepts the result.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { dirname } from "node:path";
import { parse as parseYaml } from "yaml";
import { withHome } from "../helpers/home.ts";
import type { TempHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { connect } from "../../src/ops/connect.ts";
import { ALL_CLIENTS, getClient } from "../../src/clients/registry.ts";

const PAYLOAD = {
  mcpServers: { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] } },
};

async function deployContinue(h: TempHome, before?: string) {
  const d = h.deps();
  const path = getClient("continue").configPath("linux", h.env);
  if (before !== undefined) {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, before);
  }
  await init(d);
  await publish(d, { client: "continue", profile: "default", payload: PAYLOAD });
  assertEquals((await deploy(d, { client: "continue" })).status, "deployed");
  return await Deno.readTextFile(path);
}

Deno.test("deploy into a missing Continue file writes name, version and schema before mcpServers", () =>
  withHome(async (h) => {
    const text = await deployContinue(h);
    assert.ok(text.startsWith("name: Local Config\nversion: 1.0.0\nschema: v1\n"), text);
    const doc = parseYaml(text);
    assertEquals(doc.name, "Local Config");
    assertEquals(doc.version, "1.0.0");
    assertEquals(doc.mcpServers.map((s: { name: string }) => s.name), ["memory"]);
  }));

Deno.test("deploy into an empty Continue file gives it the skeleton too", () =>
  withHome(async (h) => {
    const doc = parseYaml(await deployContinue(h, "\n"));
    assertEquals([doc.name, doc.version, doc.schema], ["Local Config", "1.0.0", "v1"]);
  }));

Deno.test("deploy into an existing Continue file adds no skeleton: its own name stays, nothing is added", () =>
  withHome(async (h) => {
    const text = await deployContinue(h, "name: Mine\nversion: 0.0.1\nmcpServers: []\n");
    const doc = parseYaml(text);
    assertEquals([doc.name, doc.version, doc.schema], ["Mine", "0.0.1", undefined]);
    assert.ok(!text.includes("Local Config"), text);
  }));

Deno.test("connect creating Continue's file starts from the skeleton", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    assertEquals((await connect(d, { client: "continue" })).status, "connected");
    const doc = parseYaml(await Deno.readTextFile(getClient("continue").configPath("linux", h.env)));
    assertEquals([doc.name, doc.version], ["Local Config", "1.0.0"]);
    assertEquals(doc.mcpServers.map((s: { name: string }) => s.name), ["mcp-orchestration"]);
  }));

Deno.test("a skeleton is a valid document of the client's format, with no servers container of its own", async () => {
  const { codecFor } = await import("../../src/clients/codecs/mod.ts");
  for (const c of ALL_CLIENTS.filter((x) => x.newFile !== undefined)) {
    const codec = codecFor(c.format);
    assertEquals(codec.readServers(c.newFile!, c.servers), {}, c.id);
    assert.ok(codec.parse(c.newFile!) !== null, c.id);
  }
});
