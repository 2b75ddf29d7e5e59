/**
 * MCP over stdio for Deno: one JSON-RPC message per line on stdin and stdout. Differences from the SDK's
 * Node transport: a line that is not JSON, or not JSON-RPC, is answered with a JSON-RPC error (-32700
 * with `id: null`; -32600 with the request's id when it has a usable one, else `id: null`, as JSON-RPC
 * 2.0 requires) instead of being dropped; a line over MAX_MESSAGE_CHARS is answered with -32600 and skipped;
 * each byte is scanned once (a huge line costs linear time); writes are serialised so messages never interleave; at end of input
 * the requests already received are answered before `onclose`.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { kindOf } from "./jsonrpc.ts";
import { MAX_MESSAGE_CHARS } from "./limits.ts";

/** A byte source and sink (Deno.stdin / Deno.stdout in production, pipes in tests). */
export interface StdioStreams {
  readable: ReadableStream<Uint8Array>;
  write(bytes: Uint8Array): Promise<void>;
}

/** The process's own stdin and stdout. */
export function processStreams(): StdioStreams {
  return {
    readable: Deno.stdin.readable,
    write: async (b) => {
      let off = 0;
      while (off < b.length) off += await Deno.stdout.write(b.subarray(off));
    },
  };
}

/** A JSON-RPC error answer: `id` is null when the request's id could not be read (JSON-RPC 2.0, 5.1).
 * `response` marks a broken answer to one of the server's own requests (a `result` or `error` key and no
 * `method`): it is not answered (an error carrying its id would read as the answer to the client's own
 * request of that id), only reported. */
export interface LineError {
  id: string | number | null;
  error: { code: number; message: string };
  response?: true;
}

/** Parses one line: the message, or the JSON-RPC error to answer with. */
export function parseLine(line: string): { message: JSONRPCMessage } | LineError {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { id: null, error: { code: -32700, message: `Parse error: ${(e as Error).message}` } };
  }
  if (kindOf(json) === null) {
    const o = json as { id?: unknown } | null;
    const id = o?.id;
    const readable = typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : null;
    const isObj = typeof o === "object" && o !== null && !Array.isArray(o);
    const response = isObj && !("method" in o) && ("result" in o || "error" in o);
    return {
      id: readable,
      error: { code: -32600, message: "Invalid Request: not a JSON-RPC 2.0 message" },
      ...(response ? { response: true as const } : {}),
    };
  }
  return { message: json as JSONRPCMessage };
}

/** A Transport over line-delimited JSON on a pair of streams. */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** A broken answer to the server's request `id` arrived (the server fails that request at once). */
  oninvalidresponse?: (id: string | number) => void;
  /** The input ended: no answer to the server's own requests can come any more. */
  oninputend?: () => void;
  #streams: StdioStreams;
  #queue: Promise<void> = Promise.resolve();
  #pending = new Set<string | number>();
  #drained: (() => void) | null = null;
  #closed = false;
  #enc = new TextEncoder();

  constructor(streams: StdioStreams = processStreams()) {
    this.#streams = streams;
  }

  /** Starts reading; returns at once (the loop runs in the background). */
  start(): Promise<void> {
    this.#readLoop().catch((e) => this.onerror?.(e as Error));
    return Promise.resolve();
  }

  async #readLoop(): Promise<void> {
    const dec = new TextDecoder();
    let buf = "";
    // Where the search for the next line break resumes (each byte is scanned once), and whether the
    // rest of an oversized line is being skipped.
    let from = 0;
    let skipping = false;
    try {
      for await (const chunk of this.#streams.readable) {
        buf += dec.decode(chunk, { stream: true });
        for (let nl = buf.indexOf("\n", from);; nl = buf.indexOf("\n")) {
          if (nl < 0) {
            from = buf.length;
            if (buf.length > MAX_MESSAGE_CHARS) {
              if (!skipping) this.#tooLarge();
              skipping = true;
              buf = "";
              from = 0;
            }
            break;
          }
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          from = 0;
          if (skipping) skipping = false;
          else if (line.length > MAX_MESSAGE_CHARS) this.#tooLarge();
          else this.#handleLine(line.replace(/\r$/, ""));
        }
      }
      if (buf.trim() && !skipping) this.#handleLine(buf);
    } finally {
      this.oninputend?.();
      await this.#drain();
      await this.close();
    }
  }

  /** Answers a message over the size limit (it is dropped unread, and the server keeps serving). */
  #tooLarge(): void {
    const error = {
      code: -32600,
      message: `Invalid Request: a message longer than ${MAX_MESSAGE_CHARS / 1024 / 1024} MiB was dropped`,
    };
    this.onerror?.(new Error(error.message));
    this.#write({ jsonrpc: "2.0", id: null, error } as unknown as JSONRPCMessage);
  }

  #handleLine(line: string): void {
    if (!line.trim()) return;
    const r = parseLine(line);
    if ("error" in r) {
      this.onerror?.(new Error(r.error.message));
      if (r.response) {
        if (r.id !== null) this.oninvalidresponse?.(r.id);
        return;
      }
      this.#write({ jsonrpc: "2.0", id: r.id, error: r.error } as unknown as JSONRPCMessage);
      return;
    }
    const m = r.message as { id?: string | number; method?: string };
    if (m.method !== undefined && m.id !== undefined) this.#pending.add(m.id);
    this.onmessage?.(r.message);
  }

  #drain(): Promise<void> {
    if (this.#pending.size === 0) return this.#queue;
    return new Promise<void>((resolve) => (this.#drained = resolve)).then(() => this.#queue);
  }

  /** Messages waiting for the write in progress; written together in one call (fewer syscalls when
   * many answers are ready at once). */
  #batch: string[] = [];

  #write(message: JSONRPCMessage): Promise<void> {
    this.#batch.push(JSON.stringify(message) + "\n");
    if (this.#batch.length > 1) return this.#queue;
    this.#queue = this.#queue.then(() => {
      const text = this.#batch.join("");
      this.#batch = [];
      return this.#streams.write(this.#enc.encode(text));
    }).catch((e) => this.onerror?.(e as Error));
    return this.#queue;
  }

  /** Sends one message (a line on stdout). */
  send(message: JSONRPCMessage): Promise<void> {
    const m = message as { id?: string | number; method?: string };
    const done = this.#write(message);
    if (
      m.method === undefined && m.id !== undefined && this.#pending.delete(m.id) && this.#pending.size === 0
    ) {
      this.#drained?.();
    }
    return done;
  }

  /** A request that will get no answer (the client cancelled it): end of input no longer waits for it. */
  settle(id: string | number): void {
    if (this.#pending.delete(id) && this.#pending.size === 0) this.#drained?.();
  }

  /** Stops: `onclose` runs once. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.onclose?.();
    }
    return Promise.resolve();
  }
}
