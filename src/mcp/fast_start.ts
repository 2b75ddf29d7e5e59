/**
 * Serving with a fast first answer: the server's modules (zod, every tool's spec) take ~55 ms to load
 * under `deno run` (the MCP SDK's server took ~170), so the `initialize` request is answered from
 * server_info.ts while they load; then every byte read so far, that request included, is replayed into
 * the server (mcp_server.ts), whose own answer to it is dropped. Everything after `initialize` is answered
 * by the server.
 */
import type { Deps } from "../platform/deps.ts";
import { initializeResult } from "./server_info.ts";
import type { StdioStreams } from "./stdio_transport.ts";
import { MAX_MESSAGE_CHARS } from "./limits.ts";

const enc = new TextEncoder();

/** Reads `input` until the first line; answers it at once if it is `initialize`; hands over to the server. */
export async function serveFast(
  deps: Deps,
  log: (line: string) => void,
  input: ReadableStream<Uint8Array>,
  write: (bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const reader = input.getReader();
  const seen: Uint8Array[] = [];
  const dec = new TextDecoder();
  let text = "";
  let ended = false;
  // Until the first line ends (or grows past the transport's limit: then the server answers it).
  for (let more = true; more && text.length <= MAX_MESSAGE_CHARS;) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    seen.push(value);
    const part = dec.decode(value, { stream: true });
    text += part;
    more = !part.includes("\n");
  }
  let answeredId: string | number | null = null;
  const nl = text.indexOf("\n");
  try {
    const first = JSON.parse(nl >= 0 ? text.slice(0, nl) : text);
    // Only a well-formed initialize: the server answers any other with its JSON-RPC error (-32602, ...).
    const p = first?.params;
    const wellFormed = typeof p?.protocolVersion === "string" && typeof p.capabilities === "object" &&
      p.capabilities !== null &&
      typeof p.clientInfo?.name === "string" && typeof p.clientInfo.version === "string";
    if (
      first?.jsonrpc === "2.0" && first.method === "initialize" && wellFormed &&
      (typeof first.id === "string" || typeof first.id === "number")
    ) {
      await write(
        enc.encode(
          JSON.stringify({
            result: initializeResult(first.params?.protocolVersion),
            jsonrpc: "2.0",
            id: first.id,
          }) + "\n",
        ),
      );
      answeredId = first.id;
    }
  } catch {
    // Not JSON: the server answers it with a parse error.
  }
  const replay = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of seen) c.enqueue(chunk);
      if (ended) c.close();
    },
    async pull(c) {
      const { value, done } = await reader.read();
      if (done) c.close();
      else c.enqueue(value);
    },
  });
  const streams: StdioStreams = {
    readable: replay,
    write: (bytes) => {
      if (answeredId === null) return write(bytes);
      // A write may carry several messages, one per line: drop only the server's answer to `initialize`.
      const lines = new TextDecoder().decode(bytes).split("\n");
      const kept = lines.filter((l) =>
        !(answeredId !== null && l && isAnswerTo(l, answeredId) && (answeredId = null, true))
      );
      const text = kept.join("\n");
      return text.trim() ? write(enc.encode(text)) : Promise.resolve();
    },
  };
  // Loaded only now: loading it earlier would hold up the first answer (module evaluation blocks).
  const { serveStdio } = await import("./serve.ts");
  await serveStdio(deps, log, streams);
}

function isAnswerTo(line: string, id: string | number): boolean {
  try {
    const m = JSON.parse(line);
    return m.id === id && m.method === undefined;
  } catch {
    return false;
  }
}
