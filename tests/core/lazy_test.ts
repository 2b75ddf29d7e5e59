import { assert, assertEquals } from "./assert.ts";
import { defineLazy, defineLazyLoaded, ready } from "../../src/core/lazy.ts";

Deno.test("defineLazy computes once, on first read, and JSON sees the value", () => {
  let calls = 0;
  const o = defineLazy({ a: 1 }, "b", () => ++calls);
  assertEquals(calls, 0);
  assertEquals(JSON.stringify(o), '{"a":1,"b":1}');
  assertEquals([o.b, calls], [1, 1]);
});

Deno.test("defineLazyLoaded: nothing loads until ready(); a read before it throws; after it, computed once", async () => {
  let loads = 0, computes = 0;
  const o = defineLazyLoaded({ a: 1 }, "diff", () => {
    loads++;
    return Promise.resolve({ twice: (n: number) => 2 * n });
  }, (m) => (computes++, m.twice(21)));
  assertEquals(loads, 0);
  assert.throws(() => o.diff, /read before ready/);
  assertEquals(Object.keys(o), ["a", "diff"]);
  assert.equal(await ready(o), o);
  await ready(o);
  assertEquals(loads, 1);
  assertEquals(JSON.parse(JSON.stringify(o)), { a: 1, diff: 42 });
  assertEquals([o.diff, computes], [42, 1]);
  // ready() of a value without lazy fields is that value.
  assertEquals(await ready({ x: 1 }), { x: 1 });
  assertEquals(await ready(null), null);
});
