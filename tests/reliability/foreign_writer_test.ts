/**
 * A foreign writer (the client itself) rewrites or deletes the config file between our read and our
 * rename: at every file-system call from the first read of the file up to the compare-and-swap re-read,
 * the write is injected. Every time the deploy stops with `concurrent_write`, the foreign version is
 * what the file holds (never overwritten), no deployment is logged, no journal record is left, and the
 * store verifies. (The one rename call after the re-read is the window no portable API can close:
 * RELIABILITY.md.)
 */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { faultFs } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { AppError } from "../../src/core/errors.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { history } from "../../src/ops/history.ts";
import { deployFixture, sameBytes } from "./deploy_fixture.ts";

const FOREIGN =
  '{\n  "mcpServers": {\n    "mine": { "command": "node", "args": ["/opt/mine.js", "--edited-by-the-client"] }\n  }\n}\n';

for (const kind of ["rewrite", "delete"] as const) {
  Deno.test(`a foreign ${kind} at every step between our read and our rename is detected, and wins`, () =>
    withHome(async (h) => {
      const fx = await deployFixture(h);
      const count = async () => (await history(h.deps(), { client: "cursor", limit: 10_000 })).total;
      const injectedAt: string[] = [];
      for (let j = 1; j < 200; j++) {
        await Deno.writeFile(fx.file, fx.bytesA);
        const records = await count();
        let reads = 0;
        let after = 0;
        let reachedRename = false;
        let injected = false;
        const fs = faultFs(realFs, {
          failAt: 0,
          before: async (_n, method, path) => {
            if (reads === 0) {
              // Counting starts with the call after our first read of the file.
              if (method === "readFile" && path === fx.file) reads++;
              return;
            }
            if (method === "rename" && path.includes("/.cursor/.mcp.json.mcpo-tmp-")) reachedRename = true;
            if (++after !== j || reachedRename) return;
            if (kind === "rewrite") await Deno.writeTextFile(fx.file, FOREIGN);
            else await Deno.remove(fx.file);
            injectedAt.push(`${method} ${path}`);
            injected = true;
          },
        });
        let failure: unknown = null;
        try {
          await fx.deployB(h.deps(fs));
        } catch (e) {
          failure = e;
        }
        if (!injected) {
          // j went past the compare-and-swap re-read: the deploy ran clean; we are done.
          assertEquals(failure, null);
          assert.ok(sameBytes(await Deno.readFile(fx.file), fx.bytesB));
          break;
        }
        assert.ok(
          failure instanceof AppError && failure.code === "concurrent_write",
          `j=${j} (${injectedAt.at(-1)}): ${failure}`,
        );
        if (kind === "rewrite") {
          assertEquals(await Deno.readTextFile(fx.file), FOREIGN, `j=${j}: the foreign write was lost`);
        } else assertEquals(await Deno.stat(fx.file).catch(() => null), null, `j=${j}: the file came back`);
        assertEquals(await count(), records, `j=${j}: a deployment was logged`);
        await verifyAll(h.deps());
      }
      // The injections covered the read, the backup, the journal, the temp file and the re-read.
      assert.ok(injectedAt.length >= 8, `only ${injectedAt.length} injection points`);
      assert.ok(
        injectedAt.some((s) => s.startsWith("readFile " + fx.file)),
        "the re-read itself was an injection point",
      );
    }));
}
