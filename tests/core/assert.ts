/** Small assertion helpers over node:assert/strict (JSR's @std/assert is unreachable here). */
import assert from "node:assert/strict";

export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  assert.deepStrictEqual(actual, expected, msg);
}
export function assert_(cond: unknown, msg?: string): asserts cond {
  assert.ok(cond, msg);
}
export { assert };
/** What the project's errors carry (AppError, and the MCP client's JSON-RPC errors' `data`). */
export interface Rejection extends Error {
  code?: string;
  details?: any;
  data?: any;
}

/** Awaits `fn`, which must reject (with `code`, when given); returns what it rejected with. A resolve
 * fails the test with `msg`; unlike `try { await fn(); fail() } catch {}`, the failure is never caught
 * by the test's own catch. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  code?: string,
  msg?: string,
): Promise<Rejection> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e ?? new Error(String(e));
  }
  if (error === undefined) assert.fail(msg ?? `expected a rejection${code ? ` with code ${code}` : ""}`);
  if (code !== undefined) {
    assert.equal((error as Rejection).code, code, `expected code ${code}, got ${(error as Error).message}`);
  }
  return error as Rejection;
}

export async function assertRejectsCode(fn: () => Promise<unknown>, code: string): Promise<void> {
  await assertRejects(fn, code);
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
