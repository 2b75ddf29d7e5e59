import { assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { realFs } from "../../src/platform/fs.ts";
import { AccessPolicy, isWithin, scopedFs } from "../../src/platform/scoped_fs.ts";
import { withHome } from "../helpers/home.ts";
import { writeAtomic } from "../../src/platform/atomic.ts";

const enc = new TextEncoder();

Deno.test("containment is by whole path segments", () => {
  assertEquals(isWithin("/a/b", "/a/b/c"), true);
  assertEquals(isWithin("/a/b", "/a/b"), true);
  assertEquals(isWithin("/a/b", "/a/bc"), false);
  assertEquals(isWithin("/a/b", "/a"), false);
});

Deno.test("the scoped file system refuses everything outside the allowed places", () =>
  withHome(async (h) => {
    const state = join(h.userHome, "state");
    const cfg = join(h.userHome, ".cursor", "mcp.json");
    const policy = new AccessPolicy(realFs).allowTree(state).allowFile(cfg, [h.userHome]);
    const fs = scopedFs(realFs, policy);
    await fs.mkdir(join(state, "a"));
    await fs.writeFile(join(state, "a", "x"), enc.encode("1"));
    await fs.mkdir(join(h.userHome, ".cursor"));
    await writeAtomic(fs, cfg, enc.encode("{}"));
    assertEquals(new TextDecoder().decode(await fs.readFile(cfg)), "{}");
    const refused = [
      join(h.userHome, "other.txt"),
      join(h.userHome, ".cursor", "other.json"),
      join(state, "..", "escape"),
      join(state, "a\0b"),
      "relative/path",
      "/etc/passwd",
      join(h.userHome, "statex", "y"),
    ];
    for (const p of refused) {
      await assertRejectsCode(() => fs.writeFile(p, enc.encode("x")), "path_not_allowed");
      await assertRejectsCode(() => fs.readFile(p), "path_not_allowed");
    }
    // A symlink inside the state folder that points outside is not followed.
    await Deno.mkdir(join(h.userHome, "outside"));
    await Deno.symlink(join(h.userHome, "outside"), join(state, "link"));
    await assertRejectsCode(
      () => fs.writeFile(join(state, "link", "f"), enc.encode("x")),
      "path_not_allowed",
    );
  }));

Deno.test("a symlinked config file is followed only to a target inside the allowed places", () =>
  withHome(async (h) => {
    const dot = join(h.userHome, "dotfiles");
    await Deno.mkdir(dot);
    await Deno.mkdir(join(h.userHome, ".cursor"));
    await Deno.writeTextFile(join(dot, "mcp.json"), "{}");
    const cfg = join(h.userHome, ".cursor", "mcp.json");
    await Deno.symlink(join(dot, "mcp.json"), cfg);
    const fs = scopedFs(realFs, new AccessPolicy(realFs).allowFile(cfg, [h.userHome]));
    assertEquals(new TextDecoder().decode(await fs.readFile(cfg)), "{}");
    // The same link pointing outside the user's home is refused.
    const outsideDir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(join(outsideDir, "t.json"), "{}");
      await Deno.remove(cfg);
      await Deno.symlink(join(outsideDir, "t.json"), cfg);
      const fs2 = scopedFs(realFs, new AccessPolicy(realFs).allowFile(cfg, [h.userHome]));
      await assertRejectsCode(() => fs2.readFile(cfg), "path_not_allowed");
    } finally {
      await Deno.remove(outsideDir, { recursive: true });
    }
  }));

Deno.test("a read-only tree (a client's log folder) is read, never written, and a link out of it is refused", () =>
  withHome(async (h) => {
    const logs = join(h.userHome, "Library", "Logs", "Claude");
    await Deno.mkdir(logs, { recursive: true });
    await Deno.writeTextFile(join(logs, "mcp.log"), "line 1\nline 2\n");
    await Deno.writeTextFile(join(h.userHome, "private.txt"), "not a log");
    await Deno.symlink(join(h.userHome, "private.txt"), join(logs, "mcp-server-x.log"));
    const fs = scopedFs(realFs, new AccessPolicy(realFs).allowReadTree(logs));
    assertEquals(new TextDecoder().decode(await fs.readFile(join(logs, "mcp.log"))), "line 1\nline 2\n");
    assertEquals(new TextDecoder().decode(await fs.readAt(join(logs, "mcp.log"), 7, 4)), "line");
    assertEquals(await fs.readDir(logs), ["mcp-server-x.log", "mcp.log"]);
    await assertRejectsCode(() => fs.writeFile(join(logs, "mcp.log"), enc.encode("x")), "path_not_allowed");
    await assertRejectsCode(
      () => fs.writeFile(join(logs, "new.log"), enc.encode("x"), { append: true }),
      "path_not_allowed",
    );
    await assertRejectsCode(() => fs.remove(join(logs, "mcp.log")), "path_not_allowed");
    await assertRejectsCode(() => fs.mkdir(join(logs, "sub")), "path_not_allowed");
    await assertRejectsCode(
      () => fs.rename(join(logs, "mcp.log"), join(logs, "old.log")),
      "path_not_allowed",
    );
    await assertRejectsCode(() => fs.readFile(join(logs, "mcp-server-x.log")), "path_not_allowed");
    await assertRejectsCode(() => fs.readFile(join(h.userHome, "private.txt")), "path_not_allowed");
    assertEquals(await Deno.readTextFile(join(logs, "mcp.log")), "line 1\nline 2\n");
  }));

Deno.test("a read-only file (one a client merges with ours) is read, its folders looked at, never written", () =>
  withHome(async (h) => {
    const proj = join(h.userHome, "proj");
    await Deno.mkdir(proj);
    const file = join(proj, ".mcp.json");
    await Deno.writeTextFile(file, "{}");
    await Deno.writeTextFile(join(proj, "secret.txt"), "no");
    const fs = scopedFs(
      realFs,
      new AccessPolicy(realFs).allowReadFile(file).allowReadFile(join(proj, "none.json")),
    );
    assertEquals(new TextDecoder().decode(await fs.readFile(file)), "{}");
    assertEquals((await fs.stat(proj))?.isDirectory, true);
    assertEquals(await fs.stat(join(proj, "none.json")), null);
    await assertRejectsCode(() => fs.writeFile(file, enc.encode("x")), "path_not_allowed");
    await assertRejectsCode(() => fs.remove(file), "path_not_allowed");
    await assertRejectsCode(() => fs.readFile(join(proj, "secret.txt")), "path_not_allowed");
    await assertRejectsCode(() => fs.mkdir(join(proj, "sub")), "path_not_allowed");
    assertEquals(await Deno.readTextFile(file), "{}");
  }));
