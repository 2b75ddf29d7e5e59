/** `serve` as a subprocess under the compiled binary's permission flags tells its SDK client what the
 * CLI changes in the same state folder while it runs: resources/list_changed when the resource set
 * changes, resources/updated for a subscribed draft, latest and deployed. Diagnostics travel as
 * notifications/message; stdout carries nothing but JSON-RPC. */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  LoggingMessageNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals } from "../core/assert.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { runCli } from "./cli.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const denoDir = await realDenoDir();

/** Notifications as they arrive, and a wait for the next one matching (a hang guard fails the test
 * rather than hanging it; nothing here times anything). */
class Inbox {
  seen: { method: string; params?: any }[] = [];
  #waiters: { match: (n: { method: string; params?: any }) => boolean; resolve: () => void }[] = [];
  push(n: { method: string; params?: any }) {
    this.seen.push(n);
    this.#waiters = this.#waiters.filter((w) => (w.match(n) ? (w.resolve(), false) : true));
  }
  /** Resolves when a notification matching arrives after `from` (an index into `seen`). */
  next(from: number, match: (n: { method: string; params?: any }) => boolean, what: string): Promise<void> {
    if (this.seen.slice(from).some(match)) return Promise.resolve();
    let guard: ReturnType<typeof setTimeout> | undefined;
    return new Promise<void>((resolve, reject) => {
      guard = setTimeout(
        () => reject(new Error(`no ${what}; seen: ${JSON.stringify(this.seen.slice(from))}`)),
        30_000,
      );
      this.#waiters.push({ match, resolve });
    }).finally(() => clearTimeout(guard));
  }
}

Deno.test("serve notifies its client of the CLI's writes: list_changed, updated for draft/latest/deployed", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-notify-" }));
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, ".config") };
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, "serve"],
    env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (b: Uint8Array) => (stderr += new TextDecoder().decode(b)));
  const client = new Client({ name: "e2e-notify", version: "1" });
  const errors: string[] = [];
  client.onerror = (e: Error) => errors.push(e.message);
  const inbox = new Inbox();
  client.setNotificationHandler(ResourceListChangedNotificationSchema, (n: any) => inbox.push(n));
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n: any) => inbox.push(n));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n: any) => inbox.push(n));
  const cli = async (...args: string[]) => {
    const r = await runCli([...args, "--format", "json"], env);
    assertEquals(r.code, 0, r.stdout + r.stderr);
    return r.json;
  };
  const listChanged = (n: { method: string }) => n.method === "notifications/resources/list_changed";
  const updated = (uri: string) => (n: { method: string; params?: any }) =>
    n.method === "notifications/resources/updated" && n.params?.uri === uri;
  const P = "config://claude-desktop/default";
  try {
    await client.connect(transport);
    await client.setLoggingLevel("debug");
    // No state folder yet: the server waits for it, then watches it.
    let mark = inbox.seen.length;
    await cli("init");
    await cli("add-server", "memory", "--client", "claude-desktop");
    await inbox.next(mark, listChanged, "list_changed after the first draft");
    assert.ok((await client.listResources()).resources.some((r: { uri: string }) => r.uri === `${P}/draft`));

    for (const kind of ["draft", "latest", "deployed"]) {
      await client.subscribeResource({ uri: `${P}/${kind}` });
    }
    mark = inbox.seen.length;
    await cli("add-server", "time", "--client", "claude-desktop");
    await inbox.next(mark, updated(`${P}/draft`), "updated draft");

    mark = inbox.seen.length;
    await cli("publish-config", "--client", "claude-desktop", "--changelog", "two servers");
    await inbox.next(mark, updated(`${P}/latest`), "updated latest");
    await inbox.next(mark, listChanged, "list_changed after the first publish");

    mark = inbox.seen.length;
    const dep = await cli("deploy-config", "--client", "claude-desktop");
    assertEquals(dep.status, "deployed");
    await inbox.next(mark, updated(`${P}/deployed`), "updated deployed");

    // Unsubscribed: no more updates for the draft (the latest still gets one, in order after it).
    await client.unsubscribeResource({ uri: `${P}/draft` });
    mark = inbox.seen.length;
    await cli("add-server", "fetch", "--client", "claude-desktop");
    await cli("publish-config", "--client", "claude-desktop", "--changelog", "three");
    await inbox.next(mark, updated(`${P}/latest`), "updated latest after the unsubscribe");
    assert.ok(!inbox.seen.slice(mark).some(updated(`${P}/draft`)), JSON.stringify(inbox.seen.slice(mark)));

    // Only a profile's draft, latest and deployed can be subscribed to.
    const refused = await client.subscribeResource({ uri: "server://registry" }).then(
      () => null,
      (e: any) => e,
    );
    assertEquals(refused?.code, -32602);

    // Diagnostics were notifications at the level set (debug), never loose lines on stdout.
    assert.ok(inbox.seen.some((n) => n.method === "notifications/message" && n.params.level === "debug"));
    assertEquals(errors, [], stderr);
  } finally {
    await client.close();
    await Deno.remove(dir, { recursive: true });
  }
});
