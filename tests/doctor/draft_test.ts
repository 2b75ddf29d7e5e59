/**
 * doctor --draft / --artifact-id: what a deploy would write, checked before it is written. A client
 * without a reference syntax gets the secrets.json value (said so); one that expands ${VAR} needs the
 * variable in its environment; a catalogue server missing a required input is not started at all.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { doctor } from "../../src/ops/doctor.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { FIXTURES, testRuntime } from "./helpers.ts";

const TOKEN = "tok-draft-5a4b3c2d1e0f";
const server = (client: string) => ({
  id: "needs-env",
  client,
  command: "node",
  args: [join(FIXTURES, "needs_env.mjs")],
  env: { API_TOKEN: TOKEN },
});

Deno.test("doctor --draft renders for the client: secrets.json literal for Claude Desktop, ${VAR} for Claude Code", () =>
  withHome(async (h) => {
    const d = h.deps();
    await addServer(d, server("claude-desktop"));
    await addServer(d, server("claude-code"));
    await addServer(d, { id: "brave-search", client: "claude-code" });
    const desk = await doctor(d, { draft: true, clients: ["claude-desktop"], timeout: 20 }, testRuntime(h));
    assertEquals([desk.servers[0].status, desk.servers[0].variables], ["ok", [{
      name: "API_TOKEN",
      source: "secrets.json",
    }]]);
    const code = await doctor(d, { draft: true, clients: ["claude-code"], timeout: 20 }, testRuntime(h));
    const s = code.servers.find((x) => x.name === "needs-env")!;
    assertEquals(s.cause, "missing_env");
    assert.match(s.hint!, /API_TOKEN is stored in secrets\.json, which Claude Code does not read/);
    const brave = code.servers.find((x) => x.name === "brave-search")!;
    assertEquals(brave.cause, "missing_env");
    assert.match(brave.message, /catalogue marks BRAVE_API_KEY as required/);
    // With the variable in the environment, Claude Code's expansion supplies it.
    const withEnv = await doctor(
      d,
      { draft: true, clients: ["claude-code"], servers: ["needs-env"] },
      testRuntime(h, { API_TOKEN: TOKEN }),
    );
    assertEquals(withEnv.servers[0].variables, [{ name: "API_TOKEN", source: "environment" }]);
    assertEquals(withEnv.servers[0].status, "ok");
    // No --client: every client with a draft of the profile.
    const all = await doctor(d, { draft: true, servers: ["needs-env"] }, testRuntime(h));
    assertEquals(all.servers.map((x) => x.client).sort(), ["claude-code", "claude-desktop"]);
    assert.ok(!JSON.stringify([desk, code, all]).includes(TOKEN));
  }));

Deno.test("doctor --artifact-id checks a published artifact as each named client would start it", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const p = await publish(d, {
      client: "claude-code",
      profile: "default",
      payload: { mcpServers: { good: { command: "node", args: [join(FIXTURES, "ok.mjs")] } } },
    });
    const r = await doctor(
      d,
      { artifactId: p.artifact_id.slice(0, 12), clients: ["codex", "cline"] },
      testRuntime(h),
    );
    assertEquals(r.servers.map((s) => [s.client, s.status]), [["codex", "ok"], ["cline", "ok"]]);
    assertEquals(r.sources, [{ kind: "artifact", artifact_id: p.artifact_id }]);
    const e = await doctor(d, { artifactId: p.artifact_id, draft: true }, testRuntime(h)).catch((e) => e);
    assertEquals(e.code, "usage");
  }));

Deno.test("doctor --timeout: 0, a negative, over 600 or no number is invalid_input saying what it takes", () =>
  withHome(async (h) => {
    const d = h.deps();
    for (const timeout of [0, -1, 601, Number.NaN]) {
      let code = "", message = "";
      try {
        await doctor(d, { draft: true, clients: ["claude-desktop"], timeout }, testRuntime(h));
      } catch (e) {
        code = (e as { code?: string }).code ?? "";
        message = (e as Error).message;
      }
      assertEquals(code, "invalid_input", String(timeout));
      assert.match(message, /more than 0 and at most 600/);
    }
  }));
