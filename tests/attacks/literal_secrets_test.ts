/**
 * Literal secrets in foreign content (issue 11): client files in every format given to publish --file
 * and import-config, custom servers given literally to add-server, server.json files given to registry
 * import. Each value must end in secrets.json with a `${VAR}` reference in its place (or be refused
 * with PLAINTEXT_SECRET naming the field), never in an artifact, a draft or an output; validate and
 * verify --all must report what older versions left behind. Through the CLI (in process); the MCP door
 * is literal_secrets_mcp_test.ts.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";
import { publish } from "../../src/deploy/publish.ts";
import { init } from "../../src/ops/init.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { ALL_VALUES, FILES, JSON_FILE, V } from "./literal_secrets_fixtures.ts";

/** Every file under `dir` holding one of `values` (relative paths). */
async function holders(dir: string, values: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else if (e.isFile && values.some((v) => Deno.readTextFileSync(p).includes(v))) {
        out.push(p.slice(dir.length + 1));
      }
    }
  };
  await walk(dir).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  return out.sort();
}

/** Runs the CLI, asserting no value of `ALL_VALUES` is in what it printed. */
async function run(h: TempHome, args: string[], outputs?: string[]) {
  const r = await cli(h, args);
  const leaked = ALL_VALUES.find((v) => r.stdout.includes(v) || r.stderr.includes(v));
  assert.ok(!leaked, `${args.join(" ")} printed a secret value: ${r.stdout}${r.stderr}`);
  outputs?.push(r.stdout, r.stderr);
  return r;
}

/** Writes the fixture files into a folder outside the user's home; returns their paths by client. */
async function writeInputs(): Promise<{ dir: string; path: (client: string) => string }> {
  const dir = await Deno.makeTempDir({ prefix: "mcpo-inputs-" });
  for (const f of FILES) await Deno.writeTextFile(join(dir, f.file), f.text);
  return { dir, path: (client) => join(dir, FILES.find((f) => f.client === client)!.file) };
}

async function secretsJson(h: TempHome): Promise<Record<string, string>> {
  return JSON.parse(await Deno.readTextFile(join(h.home, "secrets.json")));
}

Deno.test("publish --file of a client file (JSON, JSONC, TOML, YAML list and map) signs references; the values go to secrets.json", () =>
  withHome(async (h) => {
    const inputs = await writeInputs();
    try {
      await run(h, ["init"]);
      for (const f of FILES) {
        const r = await run(h, [
          "publish-config",
          "--client",
          f.client,
          "--file",
          inputs.path(f.client),
          "--format",
          "json",
        ]);
        assertEquals([r.code, r.json.status], [0, "published"], r.stdout);
        assertEquals(
          await holders(join(h.home, "artifacts"), f.values),
          [],
          `${f.file}: the artifact holds a value`,
        );
        assertEquals(
          r.json.extracted.length,
          f.values.length,
          `${f.file}: ${JSON.stringify(r.json.extracted)}`,
        );
        const stored = Object.values(await secretsJson(h));
        for (const v of f.values) {
          assert.ok(stored.includes(v), `${f.file}: a value is missing from secrets.json`);
        }
        const got = await run(h, ["get-config", f.client, "--format", "json"]);
        assertEquals(got.code, 0);
        // The artifact references each variable it names, and every one of them is stored.
        for (const e of r.json.extracted) assert.ok(got.stdout.includes(`\${${e.variable}}`), e.variable);
      }
      assertEquals(await holders(h.home, ALL_VALUES), ["secrets.json"]);
      // Only the secret part became a reference; ordinary values (ports, paths, references) stayed.
      const payload =
        (await run(h, ["get-config", "claude-desktop", "--format", "json"])).json.payload.mcpServers;
      assertEquals(payload.pg.args[2], "postgresql://app:${PG_DB_PASSWORD}@db.local:5432/app");
      assertEquals(payload.search.args, [
        "srv.js",
        "--api-key=${SEARCH_API_KEY}",
        "--token",
        "${SEARCH_TOKEN}",
        "--port=8080",
        "--key",
        "/home/me/.ssh/key.pem",
      ]);
      assertEquals(payload.search.env, {
        DB_PATH: "/home/me/db",
        MEMORY_FILE_PATH: "/home/me/mem.json",
        SOME_TOKEN: "${SOME_TOKEN}",
      });
      assertEquals(payload.bridge.args[4], "Authorization: Bearer ${BRIDGE_TOKEN}");
      assertEquals(payload.remote.url, "https://mcp.example.com/mcp?apiKey=${REMOTE_API_KEY}&region=eu");
      assertEquals(payload.remote.headers, { "X-Api-Key": "${REMOTE_X_API_KEY}" });
      assertEquals(payload.docker.args[4], "GITHUB_TOKEN=${GITHUB_TOKEN}");
      assertEquals(payload.github.env, { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}" });
      // The text output maps each field to its variable, names only.
      const text = await run(h, [
        "publish-config",
        "--client",
        "cursor",
        "--file",
        inputs.path("claude-desktop"),
      ]);
      assert.ok(
        text.stdout.includes("secret pg args[2] -> ${PG_DB_PASSWORD} (value in secrets.json)"),
        text.stdout,
      );
      assertEquals((await run(h, ["verify", "--all"])).code, 0);
    } finally {
      await Deno.remove(inputs.dir, { recursive: true });
    }
  }));

Deno.test("import-config of each format leaves no value in the draft; view-draft and validate-config are clean", () =>
  withHome(async (h) => {
    const inputs = await writeInputs();
    try {
      for (const f of FILES) {
        const r = await run(h, [
          "import-config",
          "--client",
          f.client,
          "--config-path",
          inputs.path(f.client),
          "--format",
          "json",
        ]);
        assertEquals(r.code, 0, r.stdout);
        assertEquals(
          await holders(join(h.home, "drafts"), f.values),
          [],
          `${f.file}: the draft holds a value`,
        );
        assertEquals(
          r.json.extracted.length,
          f.values.length,
          `${f.file}: ${JSON.stringify(r.json.extracted)}`,
        );
        const view = await run(h, ["view-draft", "--client", f.client, "--format", "json"]);
        assertEquals(view.json.server_count, r.json.imported.length);
        const v = await run(h, ["validate-config", "--client", f.client, "--format", "json"]);
        assertEquals(
          v.json.errors.filter((e: { code: string }) => e.code === "PLAINTEXT_SECRET"),
          [],
          `${f.file}: ${v.stdout}`,
        );
      }
      assertEquals(await holders(h.home, ALL_VALUES), ["secrets.json"]);
      const pg = (await run(h, ["view-draft", "--client", "codex", "--format", "json"])).json.entries.find((
        s: { name: string },
      ) => s.name === "pg");
      // A name holding another value gets a suffix: PG_DB_PASSWORD, then PG_DB_PASSWORD_2, ...
      const ref = /^postgresql:\/\/app:\$\{(PG_DB_PASSWORD_\d)\}@db\/app$/.exec(pg.entry.args[2]);
      assert.ok(ref, pg.entry.args[2]);
      assertEquals(pg.secret_refs, [{ name: ref[1], stored: true }]);
    } finally {
      await Deno.remove(inputs.dir, { recursive: true });
    }
  }));

/** A draft as an older version wrote it: literal secrets in an argument, a URL and a parameter. */
async function writeLegacyDraft(h: TempHome): Promise<string> {
  const path = join(h.home, "drafts", "cursor", "default.json");
  await Deno.mkdir(join(h.home, "drafts", "cursor"), { recursive: true });
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      client_id: "cursor",
      profile_id: "default",
      updated_at: null,
      servers: [
        {
          name: "pg",
          source: { custom: true },
          params: {},
          env: {},
          secret_refs: [],
          entry: {
            command: "npx",
            args: [
              "-y",
              "server-postgres",
              `postgresql://app:${V.jsonPg}@db/app`,
              `--api-key=${V.jsonFlagEq}`,
            ],
          },
        },
        {
          name: "remote",
          source: { custom: true },
          params: {},
          env: {},
          secret_refs: [],
          entry: { type: "http", url: `https://x.example.com/mcp?token=${V.jsonQuery}` },
        },
        {
          name: "fine",
          source: { custom: true },
          params: {},
          env: {},
          secret_refs: [],
          entry: { command: "node", args: ["--port=8080", "/home/me/x"], env: { DB_PATH: "/home/me/db" } },
        },
      ],
    }),
  );
  return path;
}

Deno.test("validate-config calls a draft with a literal in an arg or url invalid (PLAINTEXT_SECRET per field); publish refuses it", () =>
  withHome(async (h) => {
    await run(h, ["init"]);
    await writeLegacyDraft(h);
    const v = await run(h, ["validate-config", "--client", "cursor", "--format", "json"]);
    assertEquals(v.code, 4);
    const found = v.json.errors.filter((e: { code: string }) => e.code === "PLAINTEXT_SECRET").map((
      e: { server: string; field: string },
    ) => `${e.server} ${e.field}`);
    assertEquals(found, ["pg args[2]", "pg args[3]", "remote url"]);
    const p = await run(h, ["publish-config", "--client", "cursor", "--format", "json"]);
    assertEquals([p.code, p.json.error], [4, "validation_failed"]);
    // view-draft shows the literal parts as *** (verify --all tells how to fix the draft).
    const view = await run(h, ["view-draft", "--client", "cursor", "--format", "json"]);
    assertEquals(view.json.entries[0].entry.args[2], "postgresql://app:***@db/app");
  }));

Deno.test("verify --all reports a literal secret in the latest artifact and in a draft (where, how to fix, never the value)", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    // What publish --file signed before this fix: the values in clear.
    const legacy = JSON.parse(JSON_FILE);
    const old = await publish(d, { client: "claude-desktop", profile: "default", payload: legacy });
    const draftPath = await writeLegacyDraft(h);
    const r = await run(h, ["verify", "--all", "--format", "json"]);
    assertEquals([r.code, r.json.error], [5, "integrity_error"]);
    const problems = r.json.details.problems.filter((p: { check: string }) => p.check === "secrets");
    assertEquals(problems.length, 3, JSON.stringify(problems));
    const artifact = problems.find((p: { path: string }) => p.path.includes(old.artifact_id))
      .message as string;
    assert.ok(
      artifact.includes(old.artifact_id.slice(0, 12)) && artifact.includes("claude-desktop/default"),
      artifact,
    );
    for (
      const w of [
        'server "pg" args[2]',
        'server "search" args[1], args[3]',
        'server "remote" url, headers.X-Api-Key',
        "env.GITHUB_PERSONAL_ACCESS_TOKEN",
      ]
    ) {
      assert.ok(artifact.includes(w), `${w} missing from: ${artifact}`);
    }
    assert.ok(
      /publish-config --client claude-desktop --profile default --file/.test(artifact) &&
        /rotate/.test(artifact),
      artifact,
    );
    const drafts = problems.filter((p: { path: string }) => p.path === draftPath).map((
      p: { message: string },
    ) => p.message);
    assert.ok(
      drafts.some((m: string) =>
        m.includes('server "pg" args[2], args[3]') &&
        m.includes("add-server pg --client cursor --profile default --replace")
      ),
      drafts.join("\n"),
    );
    assert.ok(drafts.some((m: string) => m.includes('server "remote" url')), drafts.join("\n"));
    // The text form too names them without a value.
    assertEquals((await run(h, ["verify", "--all"])).code, 5);

    // The fix it tells: re-publish with references (the old artifact stays, a warning to rotate), fix the draft.
    const inputs = await writeInputs();
    try {
      const fixed = await run(h, [
        "publish-config",
        "--client",
        "claude-desktop",
        "--file",
        inputs.path("claude-desktop"),
        "--format",
        "json",
      ]);
      assertEquals(fixed.code, 0);
    } finally {
      await Deno.remove(inputs.dir, { recursive: true });
    }
    await run(h, ["remove-server", "remote", "--client", "cursor"]);
    await run(h, [
      "add-server",
      "pg",
      "--client",
      "cursor",
      "--replace",
      "--command",
      "npx",
      "--arg",
      "-y",
      "--arg",
      "server-postgres",
      "--arg",
      `postgresql://app:${V.jsonPg}@db/app`,
      "--arg",
      `--api-key=${V.jsonFlagEq}`,
    ]);
    const ok = await run(h, ["verify", "--all", "--format", "json"]);
    assertEquals(ok.code, 0, ok.stdout);
    const warned = ok.json.warnings.filter((w: { check: string }) => w.check === "secrets");
    assertEquals(warned.length, 1);
    assert.ok(
      warned[0].message.includes(old.artifact_id.slice(0, 12)) && /rotate/.test(warned[0].message),
      warned[0].message,
    );
  }));

Deno.test("add-server: literal secrets in --arg, --env, --url, --header and catalogue params go to secrets.json", () =>
  withHome(async (h) => {
    const out: string[] = [];
    const pg = await run(h, [
      "add-server",
      "pg",
      "--command",
      "npx",
      "--arg",
      "-y",
      "--arg",
      "server-postgres",
      "--arg",
      `postgresql://app:${V.jsonPg}@db/app`,
      "--arg",
      "--api-key",
      "--arg",
      V.jsonFlagTwo,
      "--arg",
      `--token=${V.jsonFlagEq}`,
      "--arg",
      "--port=8080",
      "--env",
      `DATABASE_URL=mysql://root:${V.cxPg}@h/db`,
      "--env",
      "DB_PATH=/home/me/db",
    ], out);
    assertEquals(pg.code, 0, pg.stderr);
    assert.ok(
      pg.stdout.includes("secret pg args[2] -> ${PG_DB_PASSWORD} (value in secrets.json)"),
      pg.stdout,
    );
    const remote = await run(h, [
      "add-server",
      "remote",
      "--url",
      `https://x.example.com/mcp?apiKey=${V.jsonQuery}`,
      "--header",
      `X-Api-Key: ${V.jsonHeader}`,
      "--format",
      "json",
    ], out);
    assertEquals(await holders(h.home, ALL_VALUES), ["secrets.json"]);
    assertEquals(remote.json.extracted.map((e: { field: string }) => e.field).sort(), [
      "headers.X-Api-Key",
      "url",
    ]);
    // redis' --url is not a secret input in the catalogue; the password inside it still is.
    const redis = await run(h, [
      "add-server",
      "redis",
      "--param",
      `url=redis://default:${V.ctPg}@cache:6379/0`,
      "--format",
      "json",
    ], out);
    assertEquals(redis.code, 0, redis.stdout);
    assertEquals(redis.json.secrets_stored, ["REDIS_DB_PASSWORD"]);
    assertEquals(await holders(h.home, ALL_VALUES), ["secrets.json"]);
    const view = (await run(h, ["view-draft", "--format", "json"])).json.entries;
    assertEquals(view[0].entry.args, [
      "-y",
      "server-postgres",
      "postgresql://app:${PG_DB_PASSWORD}@db/app",
      "--api-key",
      "${PG_API_KEY}",
      "--token=${PG_TOKEN}",
      "--port=8080",
    ]);
    assertEquals(view[0].entry.env, {
      DATABASE_URL: "mysql://root:${PG_DB_PASSWORD_2}@h/db",
      DB_PATH: "/home/me/db",
    });
    assertEquals(view[2].params.url, "redis://default:${REDIS_DB_PASSWORD}@cache:6379/0");
    const v = await run(h, ["validate-config", "--format", "json"]);
    assertEquals(v.json.errors.filter((e: { code: string }) => e.code === "PLAINTEXT_SECRET"), []);
  }));

Deno.test("registry import refuses a server.json carrying a literal secret (PLAINTEXT_SECRET per field, nothing written)", () =>
  withHome(async (h) => {
    const dir = await Deno.makeTempDir({ prefix: "mcpo-inputs-" });
    try {
      const file = join(dir, "server.json");
      await Deno.writeTextFile(
        file,
        JSON.stringify({
          name: "io.example/leaky",
          description: "a server",
          version: "1.0.0",
          packages: [{
            registryType: "npm",
            identifier: "leaky-mcp",
            transport: { type: "stdio" },
            packageArguments: [{ type: "named", name: "--api-key", value: V.jsonFlagEq }],
            environmentVariables: [{ name: "GITHUB_TOKEN", default: V.jsonGh }, {
              name: "DB_PATH",
              default: "/home/me/db",
            }],
          }],
          remotes: [{ type: "streamable-http", url: `https://x.example.com/mcp?token=${V.jsonQuery}` }],
        }),
      );
      const r = await run(h, ["registry", "import", file, "--format", "json"]);
      assertEquals([r.code, r.json.error], [4, "validation_failed"]);
      assertEquals(
        r.json.details.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`),
        [
          "PLAINTEXT_SECRET packages[0].packageArguments[0].value",
          "PLAINTEXT_SECRET packages[0].environmentVariables[0].default",
          "PLAINTEXT_SECRET remotes[0].url",
        ],
      );
      assertEquals(await holders(h.home, ALL_VALUES), []);
      await assert.rejects(() => Deno.stat(join(h.home, "registry", "leaky.json")));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }));

Deno.test("publish --file then deploy: clients without references get the values (file 0600), others keep references", () =>
  withHome(async (h) => {
    const inputs = await writeInputs();
    try {
      await run(h, ["init"]);
      // The file's own `${SOME_TOKEN}` has no stored value: Claude Desktop cannot expand it, so its deploy
      // is refused, naming it, until secrets.json holds one (issue 14; it used to be written as text).
      assertEquals(
        (await run(h, [
          "publish-config",
          "--client",
          "claude-desktop",
          "--file",
          inputs.path("claude-desktop"),
        ]))
          .code,
        0,
      );
      const refused = await run(h, ["deploy-config", "--client", "claude-desktop", "--format", "json"]);
      assertEquals([refused.code, refused.json.details.variables], [4, ["SOME_TOKEN"]]);
      await setSecrets(h.deps(), { SOME_TOKEN: "some-token-value-0000" });
      for (const client of ["claude-desktop", "cursor"]) {
        assertEquals(
          (await run(h, ["publish-config", "--client", client, "--file", inputs.path("claude-desktop")]))
            .code,
          0,
        );
        const d = await run(h, ["deploy-config", "--client", client, "--format", "json"]);
        assertEquals(d.code, 0, d.stdout);
      }
      const claude = join(h.userHome, ".config", "Claude", "claude_desktop_config.json");
      const text = await Deno.readTextFile(claude);
      const doc = JSON.parse(text).mcpServers;
      assertEquals(doc.pg.args[2], `postgresql://app:${V.jsonPg}@db.local:5432/app`);
      assertEquals(doc.search.args.slice(1, 4), [`--api-key=${V.jsonFlagEq}`, "--token", V.jsonFlagTwo]);
      assertEquals((await Deno.stat(claude)).mode! & 0o777, 0o600);
      const cursor = JSON.parse(await Deno.readTextFile(join(h.userHome, ".cursor", "mcp.json"))).mcpServers;
      assertEquals(cursor.pg.args[2], "postgresql://app:${env:PG_DB_PASSWORD}@db.local:5432/app");
      assertEquals(cursor.remote.url, "https://mcp.example.com/mcp?apiKey=${env:REMOTE_API_KEY}&region=eu");
      assertEquals(await holders(h.userHome, ALL_VALUES), [
        ".config/Claude/claude_desktop_config.json",
        ".mcp-orchestration/secrets.json",
      ]);
      assertEquals(
        (await run(h, ["status", "--client", "claude-desktop", "--format", "json"])).json.targets[0].state,
        "up-to-date",
      );
    } finally {
      await Deno.remove(inputs.dir, { recursive: true });
    }
  }));

Deno.test("a sandbox home after importing and publishing files full of literal secrets holds each value only in secrets.json and 0600 client files", () =>
  withHome(async (h) => {
    const inputs = await writeInputs();
    const outputs: string[] = [];
    try {
      await run(h, ["init"], outputs);
      for (const f of FILES) {
        assertEquals(
          (await run(
            h,
            ["import-config", "--client", f.client, "--config-path", inputs.path(f.client)],
            outputs,
          )).code,
          0,
        );
        assertEquals(
          (await run(h, [
            "publish-config",
            "--client",
            f.client,
            "--profile",
            "file",
            "--file",
            inputs.path(f.client),
          ], outputs)).code,
          0,
        );
        await run(h, ["view-draft", "--client", f.client], outputs);
        await run(h, ["validate-config", "--client", f.client], outputs);
        await run(h, ["get-config", f.client, "file", "--format", "json"], outputs);
      }
      // The imported drafts published and deployed: literal where the client cannot reference a secret.
      // (The Claude Desktop file's own `${SOME_TOKEN}` needs a stored value: it cannot expand it.)
      await setSecrets(h.deps(), { SOME_TOKEN: "some-token-value-0000" });
      for (const client of ["vscode", "codex", "continue", "goose"]) {
        assertEquals((await run(h, ["publish-config", "--client", client], outputs)).code, 0, client);
      }
      for (const client of ["codex", "continue", "goose"]) {
        const d = await run(
          h,
          ["deploy-config", "--client", client, "--profile", "file", "--format", "json"],
          outputs,
        );
        assertEquals(d.code, 0, d.stdout);
      }
      assertEquals(
        (await run(h, ["deploy-config", "--client", "claude-desktop", "--profile", "file"], outputs)).code,
        0,
      );
      assertEquals(
        (await run(h, ["deploy-config", "--client", "vscode", "--scope", "user"], outputs)).code,
        0,
      );
      await run(h, ["diff-config", "claude-desktop", "file", "--deployed"], outputs);
      assertEquals((await run(h, ["verify", "--all"], outputs)).code, 0);
      const literal = [
        join(h.userHome, ".config", "Claude", "claude_desktop_config.json"),
        join(h.userHome, ".codex", "config.toml"),
        join(h.userHome, ".continue", "config.yaml"),
        join(h.userHome, ".config", "goose", "config.yaml"),
      ];
      const held = await assertSecretsContained({
        dir: h.userHome,
        home: h.home,
        literalFiles: literal,
        outputs,
        values: ALL_VALUES,
      });
      assert.ok(held.includes(join(h.home, "secrets.json")) && held.includes(literal[0]), held.join("\n"));
    } finally {
      await Deno.remove(inputs.dir, { recursive: true });
    }
  }));

Deno.test("verify --all reports a registry file imported before registry import refused literal secrets", () =>
  withHome(async (h) => {
    await run(h, ["init"]);
    await Deno.mkdir(join(h.home, "registry"), { recursive: true });
    const file = join(h.home, "registry", "leaky.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        name: "io.example/leaky",
        description: "a server",
        version: "1.0.0",
        packages: [{
          registryType: "npm",
          identifier: "leaky-mcp",
          transport: { type: "stdio" },
          environmentVariables: [{ name: "GITHUB_TOKEN", isSecret: true, default: V.jsonGh }],
        }],
      }),
    );
    const r = await run(h, ["verify", "--all", "--format", "json"]);
    assertEquals([r.code, r.json.error], [5, "integrity_error"]);
    const p = r.json.details.problems.find((x: { path: string }) => x.path === file);
    assert.ok(
      p && p.message.includes("packages[0].environmentVariables[0].default"),
      JSON.stringify(r.json.details),
    );
    await Deno.remove(file);
    assertEquals((await run(h, ["verify", "--all"])).code, 0);
  }));
