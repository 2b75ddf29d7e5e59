/** What the server uses of what clients offer: completions, resource links in results, elicitation,
 * roots as the default project folder, diagnostics through the logging capability. SDK clients that
 * declare (or do not declare) each capability, in process over a temp home. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { createServer } from "../../src/mcp/server.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";

interface Session {
  client: Client;
  home: TempHome;
  call(name: string, args?: Record<string, unknown>): Promise<any>;
  ok(name: string, args?: Record<string, unknown>): Promise<any>;
}

/** A connected client that declares `capabilities`; `setup` installs its request handlers. */
async function withClient(
  capabilities: Record<string, unknown>,
  setup: (c: Client, h: TempHome) => void,
  fn: (s: Session) => Promise<void>,
): Promise<void> {
  const home = await tempHome();
  const server = createServer(home.deps());
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "native-test", version: "1" }, { capabilities });
  setup(client, home);
  await server.connect(st);
  await client.connect(ct);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as any;
  const s: Session = {
    client,
    home,
    call,
    ok: async (name, args = {}) => {
      const r = await call(name, args);
      assert.ok(!r.isError, `${name} failed: ${r.content?.[0]?.text}`);
      return r.structuredContent;
    },
  };
  try {
    await fn(s);
  } finally {
    await client.close();
    await server.close();
    await home.cleanup();
  }
}

const none = () => {};

Deno.test("initialize: completions, logging and resource subscriptions advertised; no list_changed for the fixed tool and prompt sets", () =>
  withClient({}, none, ({ client }) => {
    const caps = client.getServerCapabilities()!;
    assertEquals(caps.completions, {});
    assertEquals(caps.logging, {});
    assertEquals(caps.resources, { subscribe: true, listChanged: true });
    assertEquals(caps.tools, {});
    assertEquals(caps.prompts, {});
    return Promise.resolve();
  }));

Deno.test("completion/complete: client ids, profile ids of the chosen client, catalogue ids, draft server names", () =>
  withClient({}, none, async ({ client, ok }) => {
    await ok("add_server_to_config", { client_id: "cursor", profile_id: "work", server_id: "memory" });
    await ok("add_server_to_config", { client_id: "cursor", profile_id: "work", server_id: "time" });
    await ok("add_server_to_config", { client_id: "codex", profile_id: "wiki", server_id: "fetch" });
    const values = async (ref: any, name: string, value: string, args?: Record<string, string>) =>
      (await client.complete({
        ref,
        argument: { name, value },
        ...(args ? { context: { arguments: args } } : {}),
      }))
        .completion.values;
    const draft = { type: "ref/resource", uri: "config://{client_id}/{profile_id}/draft" };
    assertEquals(await values(draft, "client_id", "cl"), ["claude-code", "claude-desktop", "cline"]);
    assertEquals(await values(draft, "client_id", "CUR"), ["cursor"]);
    assertEquals(await values(draft, "profile_id", "w", { client_id: "cursor" }), ["work"]);
    assertEquals(await values(draft, "profile_id", "w"), ["wiki", "work"]);
    assertEquals(await values(draft, "profile_id", "", { client_id: "zed" }), ["default"]);
    for (const kind of ["latest", "deployed", "history"]) {
      const ref = { type: "ref/resource", uri: `config://{client_id}/{profile_id}/${kind}` };
      assertEquals(await values(ref, "client_id", "curs"), ["cursor"], kind);
    }
    const server = { type: "ref/resource", uri: "server://{server_id}" };
    assertEquals(await values(server, "server_id", "files"), ["filesystem"]);
    const trouble = { type: "ref/prompt", name: "troubleshoot_config" };
    assertEquals(await values(trouble, "server_name", "", { client_id: "cursor", profile_id: "work" }), [
      "memory",
      "time",
    ]);
    assertEquals(await values(trouble, "client_id", "gem"), ["gemini-cli"]);
    const migrate = { type: "ref/prompt", name: "migrate_config" };
    assertEquals(await values(migrate, "profile_id", "wo", { client_id: "cursor" }), ["work"]);
  }));

Deno.test("resources/list shows each profile's draft, and latest/history/deployed once it is published", () =>
  withClient({}, none, async ({ client, ok }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "cursor", profile_id: "work", server_id: "memory" });
    const uris = async () =>
      (await client.listResources()).resources.map((r: { uri: string }) => r.uri).filter((u: string) =>
        u.startsWith("config://")
      );
    assertEquals(await uris(), ["config://cursor/work/draft"]);
    await ok("publish_config", { client_id: "cursor", profile_id: "work", changelog: "one" });
    assertEquals((await uris()).sort(), [
      "config://cursor/work/deployed",
      "config://cursor/work/draft",
      "config://cursor/work/history",
      "config://cursor/work/latest",
    ]);
  }));

Deno.test("publish links config://C/P/latest, deploy links config://C/P/deployed, a dry run links nothing", () =>
  withClient({}, none, async ({ call, ok, client }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "cursor", profile_id: "work", server_id: "memory" });
    const pub = await call("publish_config", { client_id: "cursor", profile_id: "work", changelog: "one" });
    assertEquals(pub.content.length, 2);
    assertEquals(pub.content[1], {
      type: "resource_link",
      uri: "config://cursor/work/latest",
      name: "cursor/work latest",
      title: "Latest published configuration of cursor/work",
      mimeType: "application/json",
    });
    // The link resolves to the artifact just published.
    const latest = JSON.parse(
      (await client.readResource({ uri: pub.content[1].uri })).contents[0].text as string,
    );
    assertEquals(latest.artifact_id, pub.structuredContent.artifact_id);
    const dry = await call("deploy_config", { client_id: "cursor", profile_id: "work", dry_run: true });
    assertEquals(dry.content.length, 1);
    const dep = await call("deploy_config", { client_id: "cursor", profile_id: "work" });
    assert.ok(!dep.isError, dep.content[0].text);
    assertEquals(dep.content.slice(1).map((c: any) => [c.type, c.uri]), [[
      "resource_link",
      "config://cursor/work/deployed",
    ]]);
    const deployed = JSON.parse(
      (await client.readResource({ uri: dep.content[1].uri })).contents[0].text as string,
    );
    assertEquals(deployed.last_deployment.deployment_id, dep.structuredContent.deployment_id);
    // A rollback links the deployment it made.
    await ok("add_server_to_config", { client_id: "cursor", profile_id: "work", server_id: "time" });
    await ok("publish_config", { client_id: "cursor", profile_id: "work", changelog: "two" });
    await ok("deploy_config", { client_id: "cursor", profile_id: "work" });
    const rb = await call("rollback_deployment", { client_id: "cursor" });
    assert.ok(!rb.isError, rb.content[0].text);
    assertEquals(rb.content.slice(1).map((c: any) => c.uri), ["config://cursor/work/deployed"]);
    // A read tool links nothing.
    assertEquals((await call("get_config", { client_id: "cursor", profile_id: "work" })).content.length, 1);
  }));

Deno.test("a session on protocol 2025-03-26 (no resource_link yet) gets the JSON text alone", async () => {
  const home = await tempHome();
  const server = createServer(home.deps());
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const waiting = new Map<number, (m: any) => void>();
  ct.onmessage = (m: any) => m.id !== undefined && waiting.get(m.id)?.(m);
  await server.connect(st);
  await ct.start();
  const send = (id: number, method: string, params: unknown) => {
    const answer = new Promise<any>((resolve) => waiting.set(id, resolve));
    return ct.send({ jsonrpc: "2.0", id, method, params } as never).then(() => answer);
  };
  try {
    const init = await send(1, "initialize", {
      protocolVersion: "2025-03-26",
      capabilities: {},
      clientInfo: { name: "old", version: "1" },
    });
    assertEquals(init.result.protocolVersion, "2025-03-26");
    await ct.send({ jsonrpc: "2.0", method: "notifications/initialized" } as never);
    await send(2, "tools/call", { name: "initialize_keys", arguments: {} });
    await send(3, "tools/call", {
      name: "add_server_to_config",
      arguments: { client_id: "claude-desktop", server_id: "memory" },
    });
    const pub = await send(4, "tools/call", {
      name: "publish_config",
      arguments: { client_id: "claude-desktop", changelog: "x" },
    });
    assertEquals(pub.result.isError, undefined, JSON.stringify(pub));
    assertEquals(pub.result.content.map((c: any) => c.type), ["text"]);
  } finally {
    await server.close();
    await home.cleanup();
  }
});

Deno.test("elicitation: a missing allowed_directory is asked for in a form and stored; secrets never asked for", () => {
  const asked: any[] = [];
  return withClient(
    { elicitation: { form: {} } },
    (c, h) =>
      c.setRequestHandler(ElicitRequestSchema, (req: any) => {
        asked.push(req.params);
        return { action: "accept", content: { allowed_directory: h.userHome } };
      }),
    async ({ ok, home }) => {
      const fs = await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "filesystem" });
      assertEquals(asked.length, 1);
      assertEquals(asked[0].mode, "form");
      assertEquals(Object.keys(asked[0].requestedSchema.properties), ["allowed_directory"]);
      assertEquals(asked[0].requestedSchema.required, ["allowed_directory"]);
      assertEquals(fs.missing, { params: [], env: [] });
      assertEquals(fs.elicitation, {
        asked: ["allowed_directory"],
        action: "accept",
        stored: ["allowed_directory"],
      });
      assert.ok(!fs.warnings.some((w: string) => w.includes("allowed_directory")), fs.warnings.join("\n"));
      const draft = JSON.parse(
        await Deno.readTextFile(join(home.home, "drafts", "claude-desktop", "default.json")),
      );
      const entry = draft.servers.find((s: any) => s.name === "filesystem");
      assertEquals(entry.params, { allowed_directory: home.userHome });
      // github's token is a secret: no form; the result names the call that stores it.
      const gh = await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "github" });
      assertEquals(asked.length, 1);
      assertEquals(gh.missing.env, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
      assertEquals(gh.secrets_needed, [{
        name: "GITHUB_PERSONAL_ACCESS_TOKEN",
        kind: "env",
        store_with: {
          tool: "set_server_in_config",
          arguments: {
            client_id: "claude-desktop",
            profile_id: "default",
            server_name: "github",
            env_vars: { GITHUB_PERSONAL_ACCESS_TOKEN: "<value>" },
          },
        },
      }]);
    },
  );
});

Deno.test("elicitation declined: the draft keeps the server with the input missing", () =>
  withClient(
    { elicitation: {} },
    (c) => c.setRequestHandler(ElicitRequestSchema, () => ({ action: "decline" })),
    async ({ ok }) => {
      const fs = await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "filesystem" });
      assertEquals(fs.missing.params, ["allowed_directory"]);
      assertEquals(fs.elicitation, { asked: ["allowed_directory"], action: "decline" });
    },
  ));

Deno.test("a client without elicitation is never asked: the missing input is reported", () =>
  withClient({}, none, async ({ ok }) => {
    const fs = await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "filesystem" });
    assertEquals(fs.missing.params, ["allowed_directory"]);
    assertEquals(fs.elicitation, undefined);
  }));

async function publishCursor(ok: Session["ok"]) {
  await ok("initialize_keys");
  await ok("add_server_to_config", { client_id: "cursor", server_id: "memory" });
  await ok("publish_config", { client_id: "cursor", changelog: "one" });
}

Deno.test("roots: the only root is the default project folder; a folder outside the roots is refused", async () => {
  const root = { uri: "" };
  await withClient(
    { roots: {} },
    (c, h) => {
      root.uri = "file://" + join(h.userHome, "proj");
      c.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: root.uri, name: "proj" }] }));
    },
    async ({ ok, call, home }) => {
      await Deno.mkdir(join(home.userHome, "proj"));
      await Deno.mkdir(join(home.userHome, "other"));
      await publishCursor(ok);
      const dep = await ok("deploy_config", { client_id: "cursor", scope: "project" });
      assertEquals(dep.config_path, join(home.userHome, "proj", ".cursor", "mcp.json"));
      const out = await call("deploy_config", {
        client_id: "cursor",
        project_dir: join(home.userHome, "other"),
      });
      assertEquals(out.isError, true);
      const doc = JSON.parse(out.content[0].text);
      assertEquals(doc.error, "path_not_allowed");
      assert.match(doc.message, /outside the folders the MCP client shared/);
    },
  );
});

Deno.test("roots: with several roots and no project_dir the call must name one (listed in the error)", () =>
  withClient(
    { roots: {} },
    (c, h) =>
      c.setRequestHandler(ListRootsRequestSchema, () => ({
        roots: [{ uri: "file://" + join(h.userHome, "a") }, { uri: "file://" + join(h.userHome, "b") }],
      })),
    async ({ ok, call, home }) => {
      await publishCursor(ok);
      const out = await call("deploy_config", { client_id: "cursor", scope: "project" });
      const doc = JSON.parse(out.content[0].text);
      assertEquals(doc.error, "path_not_allowed");
      assert.ok(
        doc.message.includes(join(home.userHome, "a")) && doc.message.includes(join(home.userHome, "b")),
      );
    },
  ));

Deno.test("roots: with several roots, a client with elicitation is asked which one is the project", () => {
  const asked: any[] = [];
  return withClient(
    { roots: {}, elicitation: { form: {} } },
    (c, h) => {
      const a = join(h.userHome, "a"), b = join(h.userHome, "b");
      c.setRequestHandler(
        ListRootsRequestSchema,
        () => ({ roots: [{ uri: "file://" + a }, { uri: "file://" + b }] }),
      );
      c.setRequestHandler(ElicitRequestSchema, (req: any) => {
        asked.push(req.params);
        return { action: "accept", content: { project_dir: b } };
      });
    },
    async ({ ok, home }) => {
      await Deno.mkdir(join(home.userHome, "a"));
      await Deno.mkdir(join(home.userHome, "b"));
      await publishCursor(ok);
      const dep = await ok("deploy_config", { client_id: "cursor", scope: "project" });
      assertEquals(dep.config_path, join(home.userHome, "b", ".cursor", "mcp.json"));
      assertEquals(asked.length, 1);
      assertEquals(asked[0].requestedSchema.properties.project_dir.enum, [
        join(home.userHome, "a"),
        join(home.userHome, "b"),
      ]);
    },
  );
});

Deno.test("roots not declared: a project deploy needs project_dir, and any allowed folder will do", () =>
  withClient({}, none, async ({ ok, call, home }) => {
    await publishCursor(ok);
    const out = await call("deploy_config", { client_id: "cursor", scope: "project" });
    const doc = JSON.parse(out.content[0].text);
    assertEquals(doc.error, "path_not_allowed");
    assert.match(doc.message, /give project_dir/);
    await Deno.mkdir(join(home.userHome, "work"));
    const dep = await ok("deploy_config", { client_id: "cursor", project_dir: join(home.userHome, "work") });
    assertEquals(dep.config_path, join(home.userHome, "work", ".cursor", "mcp.json"));
  }));

Deno.test("logging: diagnostics arrive as notifications/message at the level the client set", () => {
  const messages: any[] = [];
  return withClient(
    {},
    (c) =>
      c.setNotificationHandler(LoggingMessageNotificationSchema, (n: any) => void messages.push(n.params)),
    async ({ client, ok, call }) => {
      // Before the client sets a level, nothing is sent.
      await ok("list_clients");
      await call("get_config", { client_id: "cursor", profile_id: "nope" });
      assertEquals(messages, []);
      // At "info": a successful call sends nothing, a failed one an info message.
      await client.setLoggingLevel("info");
      await ok("list_clients");
      await call("get_config", { client_id: "cursor", profile_id: "nope" });
      assertEquals(messages.map((m) => [m.level, m.logger, m.data.tool]), [[
        "info",
        "mcp-orchestration",
        "get_config",
      ]]);
      assert.match(messages[0].data.message, /^get_config failed with \w+_not_found in [\d.]+ ms$/);
      messages.length = 0;
      await client.setLoggingLevel("debug");
      await ok("list_clients");
      assertEquals(messages.map((m) => [m.level, m.data.tool]), [["debug", "list_clients"]]);
      messages.length = 0;
      await client.setLoggingLevel("error");
      await ok("list_clients");
      await call("get_config", { client_id: "cursor", profile_id: "nope" });
      assertEquals(messages, []);
    },
  );
});

/** Resolves at the next notification `fn` accepts (a hang guard fails the test instead of hanging it). */
function arrival(register: (fn: (n: any) => void) => void): () => Promise<any> {
  const seen: any[] = [];
  let waiter: ((n: any) => void) | null = null;
  register((n) => waiter ? (waiter(n), waiter = null) : seen.push(n));
  return () => {
    if (seen.length) return Promise.resolve(seen.shift());
    let guard: ReturnType<typeof setTimeout> | undefined;
    return new Promise<any>((resolve, reject) => {
      waiter = resolve;
      guard = setTimeout(() => reject(new Error("no notification")), 30_000);
    }).finally(() => clearTimeout(guard));
  };
}

Deno.test("writes through the tools notify too: list_changed on a registry import, updated for a subscribed draft", () => {
  let listChanged!: () => Promise<any>, updated!: () => Promise<any>;
  return withClient(
    {},
    (c) => {
      listChanged = arrival((fn) => c.setNotificationHandler(ResourceListChangedNotificationSchema, fn));
      updated = arrival((fn) => c.setNotificationHandler(ResourceUpdatedNotificationSchema, fn));
    },
    async ({ client, ok }) => {
      await ok("initialize_keys");
      await ok("add_server_to_config", { client_id: "cursor", server_id: "memory" });
      await listChanged();
      await client.subscribeResource({ uri: "config://cursor/default/draft" });
      await ok("add_server_to_config", { client_id: "cursor", server_id: "time" });
      assertEquals((await updated()).params, { uri: "config://cursor/default/draft" });
      const doc = {
        name: "io.example/widget",
        description: "A widget server",
        version: "1.0.0",
        packages: [{ registryType: "npm", identifier: "@example/widget-mcp", transport: { type: "stdio" } }],
      };
      await ok("import_registry_server", { server_json: JSON.stringify(doc) });
      await listChanged();
      assert.ok(
        (await client.listResources()).resources.some((r: { uri: string }) => r.uri === "server://widget"),
      );
    },
  );
});

Deno.test("the state folder watcher starts after initialize and stops when the connection closes", async () => {
  const home = await tempHome();
  const watched: { path: string; recursive: boolean; closed: boolean }[] = [];
  const watchFs = (path: string, options: { recursive: boolean }) => {
    const w = { path, recursive: options.recursive, closed: false };
    watched.push(w);
    let wake: (() => void) | null = null;
    return {
      close: () => {
        w.closed = true;
        wake?.();
      },
      // Yields no event: ends when closed.
      [Symbol.asyncIterator]: () => ({
        next: () =>
          w.closed
            ? Promise.resolve({ done: true as const, value: undefined })
            : new Promise<IteratorResult<Deno.FsEvent>>((r) =>
              wake = () => r({ done: true, value: undefined })
            ),
      }),
    };
  };
  const server = createServer(home.deps(), { watchFs: watchFs as never });
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "t", version: "1" });
  await server.connect(st);
  assertEquals(watched, []);
  await client.connect(ct);
  // Subscribing waits for the watcher to be up (the state folder does not exist yet: its parent).
  await client.subscribeResource({ uri: "config://cursor/default/draft" });
  assertEquals(watched, [{ path: home.userHome, recursive: false, closed: false }]);
  await client.close();
  await server.close();
  assertEquals(watched.map((w) => w.closed), [true]);
  await home.cleanup();
});
