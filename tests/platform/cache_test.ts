import { assert, assertEquals } from "../core/assert.ts";
import { Cache, identity, Memo, RACY_MS, settled } from "../../src/platform/cache.ts";
import { withHome } from "../helpers/home.ts";
import type { FileInfo } from "../../src/platform/fs.ts";

Deno.test("cache: a value is returned only for the stamp it was stored with; a full memo is emptied", () => {
  const m = new Memo<{ n: number[] }>(2);
  m.set("a", "s1", { n: [1] });
  assertEquals(m.get("a", "s1"), { n: [1] });
  assertEquals(m.get("a", "s2"), undefined);
  assertEquals(m.any("a"), { n: [1] });
  m.set("b", "s", { n: [2] });
  m.set("b", "s", { n: [3] }); // replacing a key does not count against the bound
  assertEquals(m.size, 2);
  m.set("c", "s", { n: [4] });
  assertEquals([m.size, m.get("a", "s1"), m.get("c", "s")], [1, undefined, { n: [4] }]);
});

Deno.test("cache: stored values are deeply frozen, so a caller cannot change a later answer", () => {
  const m = new Memo<{ list: { x: number }[] }>(10);
  const v = m.set("k", "", { list: [{ x: 1 }] });
  assert.throws(() => v.list.push({ x: 2 }), TypeError);
  assert.throws(() => (v.list[0].x = 2), TypeError);
  assertEquals(m.get("k", ""), { list: [{ x: 1 }] });
});

Deno.test("cache: a file's identity stands for its bytes only once settled, by the given clock", () => {
  assertEquals(settled(1_000, 1_000 + RACY_MS), false);
  assertEquals(settled(1_000, 1_001 + RACY_MS), true);
  assertEquals(settled(null, 1e15), false);
  const st: FileInfo = {
    isFile: true,
    isDirectory: false,
    isSymlink: false,
    mode: 0o644,
    size: 3,
    mtimeMs: 5,
    ctimeMs: 6,
    ino: 7,
  };
  assertEquals(identity(st), "7:3:5:6");
  assertEquals(identity({ ...st, ino: null }), null);
});

Deno.test("cache: one per Deps; the memos of one are not seen by another", () =>
  withHome((h) => {
    const [a, b] = [h.deps(), h.deps()];
    assert.ok(a.cache instanceof Cache && a.cache !== b.cache);
    a.cache.memo<number>("keyIds").set("pem", "", 1);
    assertEquals([a.cache.memo("keyIds").get("pem", ""), b.cache.memo("keyIds").get("pem", "")], [
      1,
      undefined,
    ]);
    return Promise.resolve();
  }));

Deno.test("cache: a lazy property is not computed by freezing, and still settles on first read", async () => {
  const { defineLazy } = await import("../../src/core/lazy.ts");
  let calls = 0;
  const rec = defineLazy({ id: "d1" }, "managed", () => (calls++, { a: "h" }));
  const m = new Memo<typeof rec>(10);
  m.set("log", "text", rec);
  assertEquals(calls, 0);
  assertEquals(m.get("log", "text")!.managed, { a: "h" });
  assertEquals([calls, m.get("log", "text")!.managed.a], [1, "h"]);
  assert.throws(() => ((rec as { id: string }).id = "x"), TypeError);
});
