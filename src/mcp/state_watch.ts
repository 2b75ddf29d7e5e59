/**
 * Notifications about the state folder, whichever door wrote it (this server's tools, or the CLI
 * while `serve` runs): `notifications/resources/list_changed` when the set of resources changes (a
 * first draft or publish of a profile, a server imported into the catalogue), and
 * `notifications/resources/updated` for a subscribed `config://C/P/{draft,latest,deployed}` whose
 * content changed.
 *
 * One recursive watcher on the state folder (`Deno.watchFs`: read permission only, which `serve` holds)
 * feeds a debounce; each settled burst of events re-lists the resource set (folder listings only) and
 * re-reads each subscribed resource, and a notification goes out only for a real change (the content's
 * text is compared, so a write that changes nothing sends nothing). A state folder that does not exist
 * yet is awaited by watching its parent folder alone (not recursively). The watcher stops when the
 * connection closes.
 */
import type { McpServer } from "./mcp_server.ts";
import type { Deps } from "../platform/deps.ts";
import { dirname } from "../platform/path.ts";
import type { Diagnostics } from "./diagnostics.ts";
import { resourceSpecs } from "./resource.ts";

/** A subscribable URI: a profile's draft, latest publish or deployment. */
const SUBSCRIBABLE = /^config:\/\/([^/]+)\/([^/]+)\/(draft|latest|deployed)$/;

/** How long the folder must be quiet before the resources are checked, and the longest wait under a
 * steady stream of writes. */
const QUIET_MS = 40;
const MAX_WAIT_MS = 400;

/** What the notifier needs from the file system watcher (Deno.watchFs in production). */
export type WatchFs = (path: string, options: { recursive: boolean }) => AsyncIterable<Deno.FsEvent> & {
  close(): void;
};

/** Why `uri` cannot be subscribed to, or null. */
export function subscribeProblem(uri: string): string | null {
  return SUBSCRIBABLE.test(uri)
    ? null
    : `Only config://{client_id}/{profile_id}/draft, /latest and /deployed ` +
      `can be subscribed to; not ${JSON.stringify(uri)}`;
}

/** The notifier of one server. */
export class StateNotifier {
  #server: McpServer;
  #deps: Deps;
  #log: Diagnostics;
  #watchFs: WatchFs;
  /** Subscribed URI -> the text it had when last seen. */
  #subs = new Map<string, string>();
  #listed: string | null = null;
  #watcher: (AsyncIterable<Deno.FsEvent> & { close(): void }) | null = null;
  #starting: Promise<void> | null = null;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstEvent = 0;
  #checking: Promise<void> | null = null;
  #again = false;

  constructor(server: McpServer, deps: Deps, log: Diagnostics, watchFs: WatchFs = Deno.watchFs) {
    this.#server = server;
    this.#deps = deps;
    this.#log = log;
    this.#watchFs = watchFs;
  }

  /** Starts watching (once: later calls wait for the same start; a no-op after `stop`). */
  start(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return this.#starting ??= (async () => {
      this.#listed = await this.#resourceSet();
      await this.#watch();
      // A write between the listing above and the watch is seen by one check now.
      this.#schedule();
    })();
  }

  /** Stops watching and forgets the subscriptions. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#subs.clear();
    this.#watcher?.close();
    this.#watcher = null;
  }

  /** Subscribes to `uri` (checked with `subscribeProblem` first). */
  async subscribe(uri: string): Promise<void> {
    await this.start();
    this.#subs.set(uri, await this.#text(uri));
  }

  unsubscribe(uri: string): void {
    this.#subs.delete(uri);
  }

  /** The subscribed URIs. */
  get subscriptions(): string[] {
    return [...this.#subs.keys()];
  }

  async #watch(): Promise<void> {
    if (this.#stopped) return;
    const home = this.#deps.home;
    const exists = (await this.#deps.fs.stat(home))?.isDirectory === true;
    if (this.#stopped) return;
    const path = exists ? home : dirname(home);
    let w: AsyncIterable<Deno.FsEvent> & { close(): void };
    try {
      w = this.#watchFs(path, { recursive: exists });
    } catch (e) {
      this.#log.send(
        "warning",
        `Cannot watch the state folder ${path} (${(e as Error).message}): no resource notifications`,
      );
      return;
    }
    this.#watcher = w;
    this.#log.send("debug", `Watching ${exists ? "the state folder" : "for the state folder in"} ${path}`);
    (async () => {
      try {
        for await (const ev of w) {
          const inHome = (p: string) => p === home || p.startsWith(home + "/") || p.startsWith(home + "\\");
          if (!exists && !ev.paths.some(inHome)) continue;
          this.#schedule();
          if (!exists && ev.paths.includes(home)) {
            // The state folder appeared: watch it (recursively) instead of its parent.
            w.close();
            this.#watcher = null;
            await this.#watch();
            return;
          }
        }
      } catch (e) {
        if (!this.#stopped) {
          this.#log.send("warning", `The state folder watcher stopped: ${(e as Error).message}`);
        }
      }
    })();
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = Date.now();
    if (this.#timer === undefined) this.#firstEvent = now;
    clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.#firstEvent + MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#check();
    }, wait);
  }

  #check(): void {
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = this.#checkOnce().catch((e) =>
      this.#log.send("warning", `Checking the resources after a change failed: ${(e as Error).message}`)
    ).finally(() => {
      this.#checking = null;
      if (this.#again) {
        this.#again = false;
        this.#check();
      }
    });
  }

  async #checkOnce(): Promise<void> {
    if (this.#stopped) return;
    const listed = await this.#resourceSet();
    if (listed !== this.#listed) {
      this.#listed = listed;
      this.#log.send("debug", "The resource list changed");
      await this.#server.sendResourceListChanged();
    }
    for (const [uri, before] of [...this.#subs]) {
      const now = await this.#text(uri);
      if (this.#stopped || !this.#subs.has(uri) || now === before) continue;
      this.#subs.set(uri, now);
      this.#log.send("debug", `Resource updated: ${uri}`);
      await this.#server.sendResourceUpdated({ uri });
    }
  }

  /** The resource set, as one text: the profiles with state and the user's catalogue files. */
  async #resourceSet(): Promise<string> {
    const { stateListing } = await import("../ops/list_profiles.ts");
    const { profiles, registry } = await stateListing(this.#deps);
    return JSON.stringify([
      profiles.map((s) => `${s.client}/${s.profile}:${s.draft}:${s.published}`),
      registry,
    ]);
  }

  /** The text of a subscribed resource now (an error's code when it cannot be read). */
  async #text(uri: string): Promise<string> {
    const m = uri.match(SUBSCRIBABLE);
    const spec = m ? resourceSpecs(this.#server).get(`config-${m[3]}`) : undefined;
    if (!m || !spec) return "";
    try {
      return JSON.stringify(
        await spec.read({ client_id: decodeURIComponent(m[1]), profile_id: decodeURIComponent(m[2]) }),
      );
    } catch (e) {
      return `error: ${(e as { code?: string }).code ?? (e as Error).message}`;
    }
  }
}
