/**
 * The real opencode judges shadowing (issue 17, part B): with an `opencode.jsonc` holding a server of the
 * same name as one we deploy to `opencode.json`, `opencode debug config` (the exact merged config, nothing
 * started) shows the `.jsonc` entry winning, our other server exactly as written, and our `status` says
 * `shadowed` naming the `.jsonc` file. HOME and the XDG folders in a temp folder, a timeout on the call;
 * skipped, saying so, when `opencode` (npm `opencode-ai`) is not installed.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { realClientEnv, realClientTest, runClient } from "./real_clients.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import type { TempHome } from "../helpers/home.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { mergeDeep } from "../../src/deploy/shadowing.ts";

/** An entry with the values of its headers and environment replaced by their names (opencode's
 * `debug config` masks those values). */
function shown(e: Record<string, unknown>): Record<string, unknown> {
  const names = (v: unknown) => v && typeof v === "object" ? Object.keys(v).sort() : v;
  return { ...e, headers: names(e.headers), environment: names(e.environment) };
}

realClientTest(
  "real opencode: an opencode.jsonc entry wins over the one we deploy to opencode.json, and status says shadowed",
  "opencode",
  async (bin, userHome) => {
    const env = {
      HOME: userHome,
      XDG_CONFIG_HOME: join(userHome, ".config"),
      XDG_DATA_HOME: join(userHome, ".local", "share"),
      XDG_CACHE_HOME: join(userHome, ".cache"),
      XDG_STATE_HOME: join(userHome, ".local", "state"),
    };
    const h: TempHome = {
      userHome,
      home: join(userHome, ".mcp-orchestration"),
      env,
      deps: () => makeDeps({ env, os: "linux", clientFiles: allClientFiles }),
      cleanup: () => Promise.resolve(),
    };
    const project = join(userHome, "proj");
    await Deno.mkdir(project);
    const d = h.deps();
    await init(d);
    await publish(d, {
      client: "opencode",
      profile: "default",
      payload: {
        mcpServers: {
          memory: {
            command: "npx",
            args: ["-y", "@modelcontextprotocol/server-memory"],
            env: { LEVEL: "1" },
          },
          docs: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { "X-Team": "a" } },
        },
      },
    });
    const dir = join(userHome, ".config", "opencode");
    await Deno.mkdir(dir, { recursive: true });
    const jsonc = join(dir, "opencode.jsonc");
    await Deno.writeTextFile(
      jsonc,
      '// made by hand\n{\n  "mcp": {\n    "memory": { "type": "local", "command": ["my-memory", "--x"] }\n  }\n}\n',
    );

    const refused = await cli(h, ["deploy-config", "--client", "opencode"], project);
    assertEquals(refused.code, 6, refused.stdout + refused.stderr);
    const forced = await cli(
      h,
      ["--format", "json", "deploy-config", "--client", "opencode", "--force"],
      project,
    );
    assertEquals(forced.code, 0, forced.stderr);
    const ours = JSON.parse(await Deno.readTextFile(join(dir, "opencode.json"))).mcp;

    const run = await runClient(bin, ["debug", "config"], {
      ...realClientEnv(userHome, bin),
      ...env,
      OPENCODE_DISABLE_AUTOUPDATE: "1",
    }, project);
    assertEquals(run.code, 0, run.text);
    const loaded = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))).mcp;
    // The .jsonc entry wins field by field (opencode's mergeDeep): its command over ours; our fields it
    // lacks stay. That is not our entry: shadowed.
    assertEquals(loaded.memory.command, ["my-memory", "--x"]);
    assertEquals(Object.keys(loaded.memory.environment), ["LEVEL"]);
    // What status and deploy take opencode to load (shadowing.ts mergeDeep) is what it loads.
    const theirs = { type: "local", command: ["my-memory", "--x"] };
    assertEquals(shown(loaded.memory), shown(mergeDeep(ours.memory, theirs) as Record<string, unknown>));
    assert.ok(JSON.stringify(loaded.memory) !== JSON.stringify(ours.memory));
    // A name only in our file: exactly what we wrote, every field (`debug config` shows header and
    // environment values as ***: their names are compared).
    assertEquals(shown(loaded.docs), shown(ours.docs));
    assertEquals(ours.docs, {
      type: "remote",
      url: "http://127.0.0.1:9/mcp",
      headers: { "X-Team": "a" },
      enabled: true,
    });

    const st = await cli(h, ["--format", "json", "status", "--client", "opencode"], project);
    assertEquals(st.json.targets[0].state, "shadowed");
    assertEquals(st.json.targets[0].shadowed_servers, [{
      server: "memory",
      file: jsonc,
      place: "opencode.jsonc",
    }]);

    // The user takes the .jsonc entry out (opencode then loads ours, as it loads "docs" above): up to date.
    await Deno.writeTextFile(jsonc, "// made by hand\n{}\n");
    assertEquals(
      (await cli(h, ["--format", "json", "status", "--client", "opencode"], project)).json.targets[0].state,
      "up-to-date",
    );

    // The project's .opencode/opencode.json (an outside test found it missed): opencode loads its entry
    // in that project, and status says shadowed naming it.
    const dotDir = join(project, ".opencode");
    await Deno.mkdir(dotDir);
    const dotFile = join(dotDir, "opencode.json");
    await Deno.writeTextFile(
      dotFile,
      JSON.stringify({ mcp: { docs: { type: "remote", url: "http://127.0.0.1:9/x" } } }),
    );
    const again = await runClient(bin, ["debug", "config"], {
      ...realClientEnv(userHome, bin),
      ...env,
      OPENCODE_DISABLE_AUTOUPDATE: "1",
    }, project);
    assertEquals(again.code, 0, again.text);
    assertEquals(
      JSON.parse(again.stdout.slice(again.stdout.indexOf("{"))).mcp.docs.url,
      "http://127.0.0.1:9/x",
    );
    const dot = await cli(h, ["--format", "json", "status", "--client", "opencode"], project);
    assertEquals([dot.json.targets[0].state, dot.json.targets[0].shadowed_servers], ["shadowed", [
      { server: "docs", file: dotFile, place: "project .opencode/opencode.json" },
    ]]);
  },
);
