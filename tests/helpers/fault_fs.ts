/** A FileSystem whose k-th call (counting every method) fails with a given error: fault injection. */
import type { FileSystem } from "../../src/platform/fs.ts";

export interface FaultPlan {
  /** 1-based index of the call that fails; 0 = never. */
  failAt: number;
  error?: () => Error;
  /** Which methods count (default: all). */
  only?: (keyof FileSystem)[];
}

export function faultFs(inner: FileSystem, plan: FaultPlan): FileSystem & { calls: () => number } {
  let n = 0;
  const wrap = <K extends keyof FileSystem>(k: K): FileSystem[K] =>
    (async (...a: unknown[]) => {
      if (!plan.only || plan.only.includes(k)) {
        n++;
        if (n === plan.failAt) throw (plan.error ?? (() => new Error(`injected EIO at call ${n} (${k})`)))();
      }
      return await (inner[k] as (...x: unknown[]) => Promise<unknown>)(...a);
    }) as FileSystem[K];
  const out = {} as FileSystem & { calls: () => number };
  for (const k of Object.keys(inner) as (keyof FileSystem)[]) (out as any)[k] = wrap(k);
  out.calls = () => n;
  return out;
}
