/** A FileSystem whose k-th call (counting every method) fails with a given error: fault injection. */
import type { FileSystem } from "../../src/platform/fs.ts";

export interface FaultPlan {
  /** 1-based index of the call that fails; 0 = never. */
  failAt: number;
  /** The error to throw; gets the method and its first argument (the path). */
  error?: (method: keyof FileSystem, path: string) => Error;
  /** Which methods count (default: all). */
  only?: (keyof FileSystem)[];
  /** Every call from the failAt-th on fails: the process "dies" there (nothing after it reaches the disk). */
  crash?: boolean;
  /** Called before every counted call (1-based index), e.g. to inject a foreign write at that moment. */
  before?: (n: number, method: keyof FileSystem, path: string) => Promise<void> | void;
}

/** The errno codes the fault tests inject. */
export type OsCode = "EIO" | "ENOSPC" | "EACCES";

const OS_TEXT: Record<OsCode, [string, number]> = {
  EIO: ["Input/output error", 5],
  ENOSPC: ["No space left on device", 28],
  EACCES: ["Permission denied", 13],
};

/** An error shaped exactly as Deno throws it for `code` (class, `code` field, message with the path). */
export function osError(code: OsCode, method: string, path: string): Error {
  const [text, n] = OS_TEXT[code];
  const message = `${text} (os error ${n}): ${method.toLowerCase()} '${path}'`;
  const e = code === "EACCES" ? new Deno.errors.PermissionDenied(message) : new Error(message);
  Object.defineProperty(e, "code", { value: code, enumerable: true });
  return e;
}

export function faultFs(
  inner: FileSystem,
  plan: FaultPlan,
): FileSystem & { calls: () => number; log: string[] } {
  let n = 0;
  const log: string[] = [];
  const wrap = <K extends keyof FileSystem>(k: K): FileSystem[K] =>
    (async (...a: unknown[]) => {
      if (!plan.only || plan.only.includes(k)) {
        n++;
        log.push(`${k} ${String(a[0])}`);
        await plan.before?.(n, k, String(a[0]));
        if (n === plan.failAt || (plan.crash && plan.failAt > 0 && n > plan.failAt)) {
          throw plan.error ? plan.error(k, String(a[0])) : new Error(`injected EIO at call ${n} (${k})`);
        }
      }
      return await (inner[k] as (...x: unknown[]) => Promise<unknown>)(...a);
    }) as FileSystem[K];
  const out = {} as FileSystem & { calls: () => number; log: string[] };
  for (const k of Object.keys(inner) as (keyof FileSystem)[]) (out as any)[k] = wrap(k);
  out.calls = () => n;
  out.log = log;
  return out;
}
