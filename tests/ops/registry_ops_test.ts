import { join } from "node:path";
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { listServers } from "../../src/ops/list_servers.ts";
import { describeServer } from "../../src/ops/describe_server.ts";
import { registryImport } from "../../src/ops/registry_import.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { checkServerInstallation, installServer } from "../../src/ops/check_install.ts";
import { which } from "../../src/platform/which.ts";

Deno.test("list-servers filters by search, transport and tag; describe-server renders a usage example", () =>
  withHome(async (h) => {
    const d = h.deps();
    const all = await listServers(d);
    assert.ok(all.count >= 25);
    assertEquals(all.servers.map((s) => s.id), [...all.servers.map((s) => s.id)].sort());
    assert.ok((await listServers(d, { search: "github" })).servers.some((s) => s.id === "github"));
    assert.ok(
      (await listServers(d, { transport: "http" })).servers.every((s) => s.transports.includes("http")),
    );
    await assertRejectsCode(() => listServers(d, { transport: "ftp" }), "invalid_input");
    const desc = await describeServer(d, { id: "github", client: "cursor" });
    assertEquals(desc.usage_example.client_id, "cursor");
    const env =
      (desc.usage_example.snippet.mcpServers as Record<string, { env: Record<string, string> }>).github.env;
    assertEquals(env.GITHUB_PERSONAL_ACCESS_TOKEN, "${env:GITHUB_PERSONAL_ACCESS_TOKEN}");
    assert.ok(desc.options.length >= 2);
    const vs = await describeServer(d, { id: "filesystem", client: "vscode" });
    assert.ok("servers" in vs.usage_example.snippet);
    assert.match(vs.usage_example.command, /--param allowed_directory=/);
    await assertRejectsCode(() => describeServer(d, { id: "nope" }), "server_not_found");
    await assertRejectsCode(() => describeServer(d, { id: "memory", client: "nope" }), "client_not_found");
  }));

Deno.test("registry import: server.json (snake_case too) and API responses land in <home>/registry", () =>
  withHome(async (h) => {
    const d = h.deps();
    const file = join(h.userHome, "server.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        servers: [{
          server: {
            name: "io.example/acme-tools",
            description: "Acme tools",
            version: "1.0.0",
            packages: [{
              registry_type: "npm",
              identifier: "acme-mcp",
              version: "1.0.0",
              transport: { type: "stdio" },
              environment_variables: [{ name: "ACME_TOKEN", is_required: true, is_secret: true }],
            }],
          },
        }],
      }),
    );
    const r = await registryImport(d, { file });
    assertEquals(r.imported.map((i) => [i.id, i.overrides]), [["acme-tools", null]]);
    assert.ok((await Deno.stat(join(h.home, "registry", "acme-tools.json"))).isFile);
    assertEquals((await listServers(d, { search: "acme" })).servers.map((s) => [s.id, s.source]), [[
      "acme-tools",
      "user",
    ]]);
    const add = await addServer(d, { id: "acme-tools", env: { ACME_TOKEN: "t-0123456789" } });
    assertEquals(add.secrets_stored, ["ACME_TOKEN"]);
    // Overriding a built-in, and a broken user file is skipped with a warning.
    const mem = join(h.userHome, "memory.json");
    await Deno.writeTextFile(
      mem,
      JSON.stringify({
        name: "io.example/memory",
        description: "Mine",
        version: "2.0.0",
        packages: [{ registryType: "npm", identifier: "my-memory", transport: { type: "stdio" } }],
        _meta: { "io.github.mcp-orchestration/catalog": { id: "memory" } },
      }),
    );
    assertEquals((await registryImport(d, { file: mem })).imported[0].overrides, "builtin");
    assertEquals((await describeServer(d, { id: "memory" })).usage_example.entry, {
      command: "npx",
      args: ["-y", "my-memory"],
    });
    await Deno.writeTextFile(join(h.home, "registry", "broken.json"), "{");
    assert.match((await listServers(d)).warnings.join(), /broken\.json/);
    await assertRejectsCode(
      () => registryImport(d, { file: join(h.userHome, "missing.json") }),
      "unreadable_file",
    );
    await Deno.writeTextFile(file, JSON.stringify({ name: "bad" }));
    await assertRejectsCode(() => registryImport(d, { file }), "invalid_input");
  }));

Deno.test("check-install finds runtimes on PATH read-only; install-server prints the command", () =>
  withHome(async (h) => {
    const bin = join(h.userHome, "bin");
    await Deno.mkdir(bin);
    await Deno.writeTextFile(join(bin, "npx"), "#!/bin/sh\n", { mode: 0o755 });
    await Deno.writeTextFile(join(bin, "uvx"), "not executable\n", { mode: 0o644 });
    assertEquals(await which("npx", bin, "linux"), join(bin, "npx"));
    assertEquals(await which("uvx", bin, "linux"), null);
    assertEquals(await which("../npx", bin, "linux"), null);
    const d = { ...h.deps(), env: { ...h.env, PATH: bin } };
    const fs = await checkServerInstallation(d, { id: "filesystem" });
    assertEquals([fs.installed, fs.options[0].runtime, fs.options[0].runtime_path], [
      true,
      "npx",
      join(bin, "npx"),
    ]);
    const fetch = await checkServerInstallation(d, { id: "fetch" });
    assertEquals([fetch.installed, fetch.options[0].runtime], [false, "uvx"]);
    assert.match(fetch.hint, /uv/);
    const gh = await installServer(d, { id: "github" });
    assert.match(gh.command!, /^docker pull ghcr\.io\/github\/github-mcp-server/);
    assertEquals(
      (await installServer(d, { id: "fetch" })).command?.startsWith("uv tool install mcp-server-fetch"),
      true,
    );
    assertEquals((await installServer(d, { id: "github", transport: "http" })).command, null);
    await assertRejectsCode(() => installServer(d, { id: "nope" }), "server_not_found");
  }));
