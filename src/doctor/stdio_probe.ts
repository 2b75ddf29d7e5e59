/**
 * Checks a local server: start it (its own process group), speak newline-delimited JSON-RPC on its
 * stdin/stdout through the handshake, keep the tail of its stderr, then close stdin and end the whole
 * group, whatever happened: no process of the check outlives it.
 */
import { type Spawner, SpawnError } from "../platform/process_group.ts";
import { handshake } from "./handshake.ts";
import { type Deadline, Pending, ProbeError, type RpcChannel, withDeadline } from "./rpc.ts";
import { NO_REDACT, type Redact, shorten, WINDOW } from "./shorten.ts";
import type { Phase, ProbeResult, StdioLaunch } from "./types.ts";

/** Lines of stderr kept, and the longest line kept. */
export const STDERR_LINES = 20;
const MAX_LINE = 500;
/** The longest stdout message read (a longer line is bad_output, not buffered). */
export const MAX_MESSAGE = 8 * 1024 * 1024;
const enc = new TextEncoder();

/** Calls `onLine` for each line of `stream` until it ends. Linear in the bytes read: only the new chunk
 * is searched for a newline. A line keeps at most `max` characters; the rest of a longer one is dropped
 * (and `cut` is true). */
export async function readLines(
  stream: ReadableStream<Uint8Array>,
  max: number,
  onLine: (line: string, cut: boolean) => void,
): Promise<void> {
  const dec = new TextDecoder();
  let parts: string[] = [];
  let len = 0;
  let cut = false;
  const add = (s: string) => {
    if (cut || s === "") return;
    if (len + s.length > max) {
      parts.push(s.slice(0, max - len));
      len = max;
      cut = true;
    } else {
      parts.push(s);
      len += s.length;
    }
  };
  const flush = () => {
    const line = parts.join("").replace(/\r$/, "");
    const c = cut;
    parts = [];
    len = 0;
    cut = false;
    onLine(line, c);
  };
  try {
    for await (const chunk of stream) {
      const text = dec.decode(chunk, { stream: true });
      let start = 0;
      let i;
      while ((i = text.indexOf("\n", start)) >= 0) {
        add(text.slice(start, i));
        flush();
        start = i + 1;
      }
      add(text.slice(start));
    }
  } catch {
    // The stream was cancelled or broke: the lines so far are what we have.
  }
  if (len > 0 || cut) flush();
}

/** The stdio check of one launch. */
export async function probeStdio(
  launch: StdioLaunch,
  protocolVersion: string,
  d: Deadline,
  spawn: Spawner,
  redact: Redact = NO_REDACT,
): Promise<ProbeResult> {
  const stderr: string[] = [];
  const badLines: string[] = [];
  const started = Date.now();
  let child;
  try {
    child = spawn(launch.command, {
      args: launch.args,
      env: launch.env,
      cwd: launch.cwd,
      shell: launch.shell,
    });
  } catch (e) {
    if (!(e instanceof SpawnError)) throw e;
    return { ok: false, stderr, failure: { kind: "spawn", error: e.reason, message: e.message } };
  }
  const pending = new Pending();
  const writer = child.stdin.getWriter();
  let phase: Phase = "initialize";
  const send = async (m: unknown) => {
    try {
      await writer.write(enc.encode(JSON.stringify(m) + "\n"));
    } catch {
      // The server closed its stdin (it is exiting): the exit is reported, not this write.
    }
  };
  let tooLong: ProbeError | null = null;
  const stdoutDone = readLines(child.stdout, MAX_MESSAGE, (line, cut) => {
    if (cut) {
      // Larger than any sane message: bad output, and every wait ends now.
      const shown = `${shorten(line, MAX_LINE, redact, true)} (a line longer than ${MAX_MESSAGE} characters)`;
      tooLong ??= new ProbeError({ kind: "bad_output", line: shown, phase });
      pending.failAll(() => tooLong!);
      return;
    }
    if (line.trim() === "") return;
    let m: unknown;
    try {
      m = JSON.parse(line);
    } catch {
      if (badLines.length < 3) badLines.push(shorten(line, MAX_LINE, redact));
      return;
    }
    if (!m || typeof m !== "object" || Array.isArray(m)) return;
    const msg = m as Record<string, unknown>;
    if (pending.settle(msg)) return;
    // A request from the server: answer ping, refuse anything else (we offer no capabilities).
    if (typeof msg.method === "string" && msg.id !== undefined) {
      send(
        msg.method === "ping"
          ? { jsonrpc: "2.0", id: msg.id, result: {} }
          : { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } },
      );
    }
  });
  const stderrDone = readLines(child.stderr, MAX_LINE * WINDOW, (line, cut) => {
    stderr.push(shorten(line, MAX_LINE, redact, cut));
    if (stderr.length > STDERR_LINES) stderr.shift();
  });
  // The leader exiting ends every wait: the exit is the finding.
  child.status.then(async (s) => {
    await Promise.race([stdoutDone, new Promise((r) => setTimeout(r, 200))]);
    pending.failAll((p) => new ProbeError({ kind: "exited", code: s.code, signal: s.signal, phase: p }));
  });
  const ch: RpcChannel = {
    request: (method, params, p) => {
      phase = p;
      const { message, result } = pending.open(method, params, p);
      if (tooLong) pending.failAll(() => tooLong!);
      else send(message);
      return withDeadline(result, d, p);
    },
    notify: (method, params) =>
      send(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params }),
  };
  let result: ProbeResult;
  try {
    result = { ok: true, stderr, ...(await handshake(ch, protocolVersion, started)) };
  } catch (e) {
    if (!(e instanceof ProbeError)) throw e;
    result = { ok: false, stderr, failure: e.failure };
  } finally {
    await writer.close().catch(() => {});
    await child.end();
    await Promise.race([Promise.all([stdoutDone, stderrDone]), new Promise((r) => setTimeout(r, 500))]);
  }
  if (badLines.length > 0) {
    if (!result.ok && result.failure?.kind !== "protocol") {
      result.failure = { kind: "bad_output", line: badLines[0], phase };
    } else if (result.ok) result.bad_lines = badLines;
  }
  return result;
}
