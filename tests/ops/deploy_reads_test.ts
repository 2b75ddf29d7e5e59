/**
 * A default deploy reads the trusted keys and the profile index once: the artifact's choice, its
 * verification and the log's index witness use what was read (they used to read both twice).
 */
import { assertEquals } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { type FileSystem, realFs } from "../../src/platform/fs.ts";
import { layout } from "../../src/store/layout.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";

/** realFs, counting the reads of the trusted keys folder and of each file. */
function countingFs(): { fs: FileSystem; dirs: Map<string, number>; files: Map<string, number> } {
  const dirs = new Map<string, number>();
  const files = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const fs: FileSystem = {
    ...realFs,
    readDir: (p) => (bump(dirs, p), realFs.readDir(p)),
    readFile: (p) => (bump(files, p), realFs.readFile(p)),
  };
  return { fs, dirs, files };
}

for (const round of ["first", "second"]) {
  Deno.test(`a default deploy (${round} to its file) reads the trusted keys and the profile index once`, () =>
    withHome(async (h) => {
      await init(h.deps());
      await publish(h.deps(), { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
      if (round === "second") await deploy(h.deps(), { client: "cursor", force: true });
      await publish(h.deps(), {
        client: "cursor",
        profile: "default",
        payload: { mcpServers: { only: { command: "uvx", args: ["mcp-server-time"] } } },
      });
      const c = countingFs();
      const l = layout(h.home);
      const r = await deploy(h.deps(c.fs), { client: "cursor" });
      assertEquals(r.status, "deployed");
      console.log(
        c.dirs.get(l.trustedDir),
        c.files.get(l.index("cursor", "default")),
        c.files.get(l.head("cursor", "default")),
      );
      assertEquals(c.dirs.get(l.trustedDir), 1, "reads of the trusted keys folder");
      assertEquals(c.files.get(l.index("cursor", "default")), 1, "reads of the profile index");
      assertEquals(c.files.get(l.head("cursor", "default")), 1, "reads of the index head");
    }));
}
