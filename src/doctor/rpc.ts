/**
 * The small JSON-RPC client side the probes share: a channel sends requests and notifications (stdio
 * lines, HTTP POSTs), a deadline bounds every wait, and a failure is a `ProbeError` carrying its evidence.
 * (The SDK's client is not loaded: doctor starts in the time of any other command.)
 */
import type { Phase, ProbeFailure } from "./types.ts";

/** A probe failure as an exception. */
export class ProbeError extends Error {
  constructor(readonly failure: ProbeFailure) {
    super(failure.kind);
    this.name = "ProbeError";
  }
}

export interface RpcChannel {
  /** Sends a request and resolves with its `result`; rejects with a ProbeError. */
  request(method: string, params: unknown, phase: Phase): Promise<unknown>;
  notify(method: string, params?: unknown): Promise<void>;
}

/** One point in time every wait of a check ends at, and what set it (for the timeout's message). */
export interface Deadline {
  at: number;
  /** "--timeout 10s", "Crush waits 10 s"... */
  limit: string;
  started: number;
  /** Aborted: every wait ends now, as at the deadline (the run was cancelled; its report is dropped). */
  signal?: AbortSignal;
}

/** A JSON-RPC error object as a readable message. */
export function rpcErrorText(e: unknown): string {
  const o = (e ?? {}) as { code?: unknown; message?: unknown };
  return `${typeof o.message === "string" ? o.message : "error"}${
    o.code !== undefined ? ` (code ${o.code})` : ""
  }`;
}

/** Waits for `p` until the deadline (or the deadline's signal); a late answer is a `timeout` in `phase`. */
export async function withDeadline<T>(
  p: Promise<T>,
  d: Deadline,
  phase: Phase,
  onTimeout?: () => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | undefined;
  const late = new Promise<never>((_, reject) => {
    const end = (limit: string) => {
      onTimeout?.();
      reject(new ProbeError({ kind: "timeout", phase, after_ms: Date.now() - d.started, limit }));
    };
    timer = setTimeout(() => end(d.limit), Math.max(0, d.at - Date.now()));
    if (d.signal) {
      stop = () => end("the run was cancelled");
      if (d.signal.aborted) stop();
      else d.signal.addEventListener("abort", stop, { once: true });
    }
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
    if (stop) d.signal?.removeEventListener("abort", stop);
  }
}

/** Pending requests by id, settled by the responses a transport reads. */
export class Pending {
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: unknown): void; phase: Phase }
  >();

  /** A new request message and the promise of its result. */
  open(method: string, params: unknown, phase: Phase): { message: unknown; result: Promise<unknown> } {
    const id = this.next++;
    const result = new Promise<unknown>((resolve, reject) =>
      this.waiting.set(id, { resolve, reject, phase })
    );
    // A request can fail before anyone awaits its result (its POST failed, then the stream ended and
    // failAll rejected it): that rejection must never be unhandled (it would end the whole process).
    // Whoever awaits `result` still sees it reject.
    result.catch(() => {});
    const message = params === undefined
      ? { jsonrpc: "2.0", id, method }
      : { jsonrpc: "2.0", id, method, params };
    return { message, result };
  }

  /** Settles the request a response answers; false when it answers none. An id written as a string
   * (`"1"` for 1) answers too: the clients' SDK reads a response's id with `Number(id)`, so such a server
   * works in them, and doctor must not call it a timeout. */
  settle(m: Record<string, unknown>): boolean {
    const id = typeof m.id === "number"
      ? m.id
      : typeof m.id === "string" && /^[1-9]\d*$/.test(m.id)
      ? Number(m.id)
      : NaN;
    const w = this.waiting.get(id);
    if (!w || !("result" in m || "error" in m)) return false;
    this.waiting.delete(id);
    if ("error" in m) {
      w.reject(
        new ProbeError({
          kind: "protocol",
          phase: w.phase,
          message: `${w.phase} failed: ${rpcErrorText(m.error)}`,
        }),
      );
    } else w.resolve(m.result);
    return true;
  }

  /** Fails every open request (the server exited, the stream ended). */
  failAll(make: (phase: Phase) => ProbeError): void {
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.reject(make(w.phase));
    }
  }
}
