import { assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { realFs } from "../../src/platform/fs.ts";
import { withLock } from "../../src/platform/lock.ts";

Deno.test("the lock serialises holders and times out with lock_timeout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lock = join(dir, "x.lock");
    const order: string[] = [];
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const slow = withLock(realFs, lock, async () => {
      order.push("a-in");
      entered();
      await new Promise((r) => setTimeout(r, 50));
      order.push("a-out");
    });
    // Under a loaded test run a fixed delay is not enough: wait until the first holder is inside.
    await inside;
    const fast = withLock(realFs, lock, () => Promise.resolve(order.push("b")));
    await Promise.all([slow, fast]);
    assertEquals(order, ["a-in", "a-out", "b"]);
    await withLock(
      realFs,
      lock,
      () =>
        assertRejectsCode(
          () => withLock(realFs, lock, () => Promise.resolve(), { timeoutMs: 30 }),
          "lock_timeout",
        ),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a lock held by a killed process is recovered at once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lock = join(dir, "y.lock");
    const code = `const f = await Deno.open(${JSON.stringify(lock)}, {read:true,write:true,create:true});
      await f.lock(true); console.log("held"); setInterval(() => {}, 1000);`;
    const child = new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "piped" }).spawn();
    const reader = child.stdout.getReader();
    const first = await reader.read();
    assertEquals(new TextDecoder().decode(first.value).trim(), "held");
    await assertRejectsCode(
      () => withLock(realFs, lock, () => Promise.resolve(), { timeoutMs: 50 }),
      "lock_timeout",
    );
    child.kill("SIGKILL");
    await child.status;
    reader.releaseLock();
    await child.stdout.cancel();
    assertEquals(await withLock(realFs, lock, () => Promise.resolve(42), { timeoutMs: 1000 }), 42);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
