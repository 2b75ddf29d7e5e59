/** Small assertion helpers over node:assert/strict (JSR's @std/assert is unreachable here). */
import assert from "node:assert/strict";

export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  assert.deepStrictEqual(actual, expected, msg);
}
export function assert_(cond: unknown, msg?: string): asserts cond {
  assert.ok(cond, msg);
}
export { assert };
export async function assertRejectsCode(fn: () => Promise<unknown>, code: string): Promise<void> {
  try {
    await fn();
  } catch (e) {
    assert.equal((e as { code?: string }).code, code, `expected code ${code}, got ${(e as Error).message}`);
    return;
  }
  assert.fail(`expected a rejection with code ${code}`);
}
export function assertThrowsCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    assert.equal((e as { code?: string }).code, code, `expected code ${code}, got ${(e as Error).message}`);
    return;
  }
  assert.fail(`expected a throw with code ${code}`);
}
