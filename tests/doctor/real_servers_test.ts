/**
 * The real reference servers, installed from npm by .ci/run under $MCPO_REAL_SERVERS, checked over stdio
 * in one run (skipped, saying so, when they are not installed).
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { doctor } from "../../src/ops/doctor.ts";
import { claudeFile, realServer, testRuntime } from "./helpers.ts";

const bins = ["mcp-server-memory", "mcp-server-filesystem", "mcp-server-everything"].map(realServer);

Deno.test({
  name: "server-memory, server-filesystem and server-everything pass over stdio, as Claude Code starts them",
  ignore: bins.includes(null),
  fn: () =>
    withHome(async (h) => {
      const [memory, filesystem, everything] = bins as string[];
      await claudeFile(h, {
        memory: {
          type: "stdio",
          command: memory,
          env: { MEMORY_FILE_PATH: join(h.userHome, "memory.jsonl") },
        },
        filesystem: { type: "stdio", command: filesystem, args: [h.userHome] },
        everything: { type: "stdio", command: everything, args: ["stdio"] },
        // The same server with the folder it must serve missing: it exits and says why on stderr.
        "filesystem-bad": { type: "stdio", command: filesystem, args: [join(h.userHome, "no-such-folder")] },
      });
      const r = await doctor(h.deps(), { timeout: 25 }, testRuntime(h));
      const by = Object.fromEntries(r.servers.map((s) => [s.name, s]));
      for (const n of ["memory", "filesystem", "everything"]) {
        assertEquals(by[n].status, "ok", `${n}: ${by[n].message} ${by[n].stderr_tail.join("\n")}`);
        assert.ok(by[n].tools! > 0, n);
        assert.ok(by[n].server_info!.name.length > 0, n);
      }
      assert.ok(by.everything.prompts! > 0 && by.everything.resources! > 0);
      assertEquals(by["filesystem-bad"].cause, "exited");
      assert.ok(by["filesystem-bad"].stderr_tail.length > 0);
    }),
});
