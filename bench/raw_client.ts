/** A minimal JSON-RPC client over a child's stdin/stdout lines, for timing without SDK overhead. */

/** A spawned MCP server and the timings of its calls. */
export class RawClient {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #waiting = new Map<
    number,
    { t: number; resolve: (v: { result: any; ms: number }) => void; reject: (e: Error) => void }
  >();
  #next = 1;
  #spawnedAt = performance.now();
  /** Milliseconds from spawn to the `initialize` response. */
  initializedAfterMs = 0;

  private constructor(child: Deno.ChildProcess) {
    this.#child = child;
    this.#writer = child.stdin.getWriter();
    this.#read();
  }

  /** Spawns `cmd args` with exactly `env`. */
  static spawn(cmd: string, args: string[], env: Record<string, string>): RawClient {
    const child = new Deno.Command(cmd, {
      args,
      env,
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    })
      .spawn();
    return new RawClient(child);
  }

  async #read() {
    let buf = "";
    const dec = new TextDecoder();
    for await (const chunk of this.#child.stdout) {
      buf += dec.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const m = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        const w = this.#waiting.get(m.id);
        if (!w) continue;
        this.#waiting.delete(m.id);
        if (m.error) w.reject(new Error(m.error.message));
        else w.resolve({ result: m.result, ms: performance.now() - w.t });
      }
    }
  }

  /** Sends a request; resolves with its result and round-trip time. */
  request(method: string, params: unknown): Promise<{ result: any; ms: number }> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { t: performance.now(), resolve, reject });
      this.#writer.write(
        new TextEncoder().encode(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n"),
      );
    });
  }

  /** The MCP handshake. */
  async initialize(): Promise<void> {
    await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "bench", version: "1" },
    });
    this.initializedAfterMs = performance.now() - this.#spawnedAt;
    await this.#writer.write(
      new TextEncoder().encode(
        JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n",
      ),
    );
  }

  /** Calls a tool; throws when it returns isError. */
  async tool(name: string, args: Record<string, unknown>): Promise<{ result: any; ms: number }> {
    const r = await this.request("tools/call", { name, arguments: args });
    if (r.result.isError) throw new Error(`${name}: ${r.result.content[0].text}`);
    return { result: r.result.structuredContent, ms: r.ms };
  }

  /** Closes stdin and waits for the process to exit. */
  async close(): Promise<void> {
    await this.#writer.close();
    await this.#child.status;
  }
}
