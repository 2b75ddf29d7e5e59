/**
 * Checks a remote server over streamable HTTP (POST per message, JSON or an event stream back, the
 * `Mcp-Session-Id` header kept and the session DELETEd at the end) or the older SSE transport (a GET
 * event stream whose `endpoint` event names where to POST). A 401/403 is `auth_required` evidence (no
 * OAuth flow is started); a refused connection or a TLS failure is reported as such.
 */
import { handshake } from "./handshake.ts";
import { type Deadline, Pending, ProbeError, type RpcChannel, withDeadline } from "./rpc.ts";
import { NO_REDACT, type Redact, shorten, WINDOW } from "./shorten.ts";
import { MAX_EVENT, sseEvents, SseTooLong } from "./sse.ts";
import type { Phase, ProbeFailure, ProbeResult, RemoteLaunch } from "./types.ts";

export type Fetch = typeof fetch;

const MAX_BODY = 2000;

function networkFailure(e: unknown, phase: Phase): ProbeFailure {
  const parts: string[] = [];
  for (let x: unknown = e; x && parts.length < 4; x = (x as { cause?: unknown }).cause) {
    parts.push(String((x as Error).message ?? x));
  }
  const message = parts.join(": ");
  const tls =
    /certificate|tls|ssl|handshake|UnknownIssuer|self[- ]signed|peer|corrupt message|InvalidContentType/i
      .test(message);
  return { kind: "network", tls, message, phase };
}

/** At most `max` characters of a body (the rest is not read); `cut` when there was more. */
async function readCapped(r: Response, max: number): Promise<{ text: string; cut: boolean }> {
  if (!r.body) return { text: "", cut: false };
  const dec = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of r.body) {
      text += dec.decode(chunk, { stream: true });
      if (text.length > max) {
        await r.body.cancel().catch(() => {});
        return { text: text.slice(0, max), cut: true };
      }
    }
  } catch {
    // A broken body: what was read is the evidence.
  }
  return { text, cut: false };
}

async function statusFailure(r: Response, phase: Phase, redact: Redact): Promise<ProbeError> {
  const { text, cut } = await readCapped(r, MAX_BODY * WINDOW);
  return new ProbeError({
    kind: "http_status",
    status: r.status,
    authenticate: r.headers.get("www-authenticate"),
    body: shorten(text, MAX_BODY, redact, cut),
    phase,
  });
}

/** A fetch that turns aborts and network errors into ProbeErrors, and follows redirects itself: the
 * entry's headers (an API key, a token) may go to the same origin only (or the same host moving from
 * http to https), never to another, where fetch would send every header but Authorization and Cookie. */
function fetcher(f: Fetch, signal: AbortSignal) {
  return async (url: string, init: RequestInit, phase: Phase): Promise<Response> => {
    let at = url;
    let req: RequestInit = init;
    for (let hop = 0;; hop++) {
      let r: Response;
      try {
        r = await f(at, { ...req, signal, redirect: "manual" });
      } catch (e) {
        if (signal.aborted) throw new ProbeError({ kind: "timeout", phase, after_ms: 0, limit: "" });
        throw new ProbeError(networkFailure(e, phase));
      }
      const location = r.status >= 300 && r.status < 400 ? r.headers.get("location") : null;
      if (location === null) return r;
      await r.body?.cancel().catch(() => {});
      let next: URL;
      try {
        next = new URL(location, at);
      } catch {
        throw new ProbeError({ kind: "protocol", phase, message: `HTTP ${r.status} to an invalid Location` });
      }
      const from = new URL(at);
      // The same origin, or the same host moving from http to https on the default ports.
      const upgrade = from.protocol === "http:" && next.protocol === "https:" &&
        next.hostname === from.hostname &&
        from.port === "" && next.port === "";
      if (next.origin !== from.origin && !upgrade) {
        throw new ProbeError({
          kind: "protocol",
          phase,
          message:
            `HTTP ${r.status} redirects from ${from.origin} to ${next.origin}: not followed (the entry's headers would go to another origin); use the final URL in the entry`,
        });
      }
      if (hop >= 5) throw new ProbeError({ kind: "protocol", phase, message: "more than 5 redirects" });
      // 303, and 301/302 after a POST, continue as a GET without a body (what fetch does).
      if (r.status === 303 || ((r.status === 301 || r.status === 302) && (req.method ?? "GET") === "POST")) {
        req = { ...req, method: "GET", body: undefined };
      }
      at = next.href;
    }
  };
}

/** The JSON-RPC messages of a POST's answer (JSON, a JSON batch, or an event stream). */
async function* messagesOf(
  r: Response,
  redact: Redact,
  phase: Phase,
): AsyncGenerator<Record<string, unknown>> {
  const type = r.headers.get("content-type") ?? "";
  if (!r.body) return;
  if (type.includes("text/event-stream")) {
    try {
      for await (const ev of sseEvents(r.body)) {
        if (ev.event !== "message") continue;
        yield* parsed(ev.data, redact);
      }
    } catch (e) {
      if (e instanceof SseTooLong) throw new ProbeError({ kind: "protocol", phase, message: e.message });
      throw e;
    }
    return;
  }
  // A JSON answer is read up to the same limit as one event of a stream, never whole: a server answering
  // with an endless or huge body must not hold doctor's memory.
  const { text, cut } = await readCapped(r, MAX_EVENT);
  if (cut) {
    throw new ProbeError({
      kind: "protocol",
      phase,
      message: `the answer is longer than ${MAX_EVENT} characters: not read further`,
    });
  }
  yield* parsed(text, redact);
}

function* parsed(text: string, redact: Redact): Generator<Record<string, unknown>> {
  if (text.trim() === "") return;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ProbeError({ kind: "bad_output", line: shorten(text, 500, redact), phase: "initialize" });
  }
  for (const m of Array.isArray(v) ? v : [v]) {
    if (m && typeof m === "object") yield m as Record<string, unknown>;
  }
}

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** Streamable HTTP: one POST per message. */
async function streamable(
  launch: RemoteLaunch,
  protocolVersion: string,
  d: Deadline,
  f: Fetch,
  redact: Redact,
): Promise<ProbeResult> {
  const ctl = new AbortController();
  const go = fetcher(f, ctl.signal);
  const started = Date.now();
  let session: string | null = null;
  let negotiated: string | null = null;
  const pending = new Pending();
  const headers = () => ({
    ...launch.headers,
    ...JSON_HEADERS,
    ...(session ? { "mcp-session-id": session } : {}),
    ...(negotiated ? { "mcp-protocol-version": negotiated } : {}),
  });
  const post = async (message: unknown, phase: Phase) => {
    const r = await go(
      launch.url,
      { method: "POST", headers: headers(), body: JSON.stringify(message) },
      phase,
    );
    if (!r.ok) throw await statusFailure(r, phase, redact);
    session ??= r.headers.get("mcp-session-id");
    return r;
  };
  const ch: RpcChannel = {
    request: (method, params, phase) => {
      const { message, result } = pending.open(method, params, phase);
      const work = (async () => {
        const r = await post(message, phase);
        for await (const m of messagesOf(r, redact, phase)) {
          if (pending.settle(m)) break;
        }
        await r.body?.cancel().catch(() => {});
        return await Promise.race([
          result,
          Promise.reject(
            new ProbeError({
              kind: "protocol",
              phase,
              message: `${phase}: the response had no answer to the request`,
            }),
          ),
        ]);
      })();
      return withDeadline(work, d, phase, () => ctl.abort());
    },
    notify: async (method) => {
      const r = await withDeadline(
        post({ jsonrpc: "2.0", method }, "initialize"),
        d,
        "initialize",
        () => ctl.abort(),
      );
      await r.body?.cancel().catch(() => {});
    },
  };
  try {
    const counts = await handshake(
      {
        ...ch,
        request: async (m, p, ph) => {
          const v = await ch.request(m, p, ph);
          if (m === "initialize") negotiated = (v as { protocolVersion?: string })?.protocolVersion ?? null;
          return v;
        },
      },
      protocolVersion,
      started,
    );
    return { ok: true, stderr: [], ...counts };
  } catch (e) {
    if (!(e instanceof ProbeError)) throw e;
    return { ok: false, stderr: [], failure: fixTimeout(e.failure, d) };
  } finally {
    if (session && !ctl.signal.aborted) {
      // End the session; a server that does not support it answers 405, which is fine.
      await f(launch.url, { method: "DELETE", headers: headers(), signal: AbortSignal.timeout(2000) })
        .then((r) => r.body?.cancel())
        .catch(() => {});
    }
    ctl.abort();
  }
}

/** The older SSE transport: GET an event stream, POST to the endpoint it names. */
async function sse(
  launch: RemoteLaunch,
  protocolVersion: string,
  d: Deadline,
  f: Fetch,
  redact: Redact,
): Promise<ProbeResult> {
  const ctl = new AbortController();
  const go = fetcher(f, ctl.signal);
  const started = Date.now();
  const pending = new Pending();
  try {
    const get = await withDeadline(
      go(launch.url, { headers: { ...launch.headers, accept: "text/event-stream" } }, "start"),
      d,
      "start",
      () => ctl.abort(),
    );
    if (!get.ok) throw await statusFailure(get, "start", redact);
    if (!get.body) {
      throw new ProbeError({ kind: "protocol", phase: "start", message: "the event stream has no body" });
    }
    const events = sseEvents(get.body);
    const first = await withDeadline(
      events.next().catch((e) => {
        throw e instanceof SseTooLong
          ? new ProbeError({ kind: "protocol", phase: "start", message: e.message })
          : e;
      }),
      d,
      "start",
      () => ctl.abort(),
    );
    if (first.done || first.value.event !== "endpoint") {
      throw new ProbeError({
        kind: "protocol",
        phase: "start",
        message: "the event stream did not start with an `endpoint` event",
      });
    }
    let endpointUrl: URL;
    try {
      endpointUrl = new URL(first.value.data.trim(), launch.url);
    } catch {
      throw new ProbeError({
        kind: "protocol",
        phase: "start",
        message: "the `endpoint` event is not a URL",
      });
    }
    // The entry's headers (credentials) go to the endpoint: never to another origin (the SDK refuses too).
    const origin = new URL(launch.url).origin;
    if (endpointUrl.origin !== origin) {
      throw new ProbeError({
        kind: "protocol",
        phase: "start",
        message:
          `the event stream's endpoint is on another origin (${endpointUrl.origin}, the server is ${origin}): nothing was sent there`,
      });
    }
    const endpoint = endpointUrl.href;
    const pump = (async () => {
      let ended = "the event stream ended";
      try {
        for await (const ev of events) {
          if (ev.event !== "message") continue;
          try {
            pending.settle(JSON.parse(ev.data));
          } catch {
            // Not JSON: ignored (the answer we wait for times out and says so).
          }
        }
      } catch (e) {
        // Aborted at the end, or an event too long to read.
        if (e instanceof SseTooLong) ended = e.message;
      }
      pending.failAll((phase) => new ProbeError({ kind: "protocol", phase, message: ended }));
    })();
    const post = async (message: unknown, phase: Phase) => {
      const r = await go(endpoint, {
        method: "POST",
        headers: { ...launch.headers, "content-type": "application/json" },
        body: JSON.stringify(message),
      }, phase);
      if (!r.ok) throw await statusFailure(r, phase, redact);
      await r.body?.cancel().catch(() => {});
    };
    const ch: RpcChannel = {
      request: (method, params, phase) => {
        const { message, result } = pending.open(method, params, phase);
        return withDeadline(post(message, phase).then(() => result), d, phase, () => ctl.abort());
      },
      notify: (method) =>
        withDeadline(post({ jsonrpc: "2.0", method }, "initialize"), d, "initialize", () => ctl.abort()),
    };
    const counts = await handshake(ch, protocolVersion, started);
    ctl.abort();
    await pump;
    return { ok: true, stderr: [], ...counts };
  } catch (e) {
    if (!(e instanceof ProbeError)) throw e;
    return { ok: false, stderr: [], failure: fixTimeout(e.failure, d) };
  } finally {
    ctl.abort();
  }
}

/** An abort seen by fetch is the deadline's: give it the deadline's evidence. */
function fixTimeout(f: ProbeFailure, d: Deadline): ProbeFailure {
  return f.kind === "timeout" && f.limit === ""
    ? { ...f, after_ms: Date.now() - d.started, limit: d.limit }
    : f;
}

/** The remote check of one launch. */
export function probeHttp(
  launch: RemoteLaunch,
  protocolVersion: string,
  d: Deadline,
  f: Fetch = fetch,
  redact: Redact = NO_REDACT,
): Promise<ProbeResult> {
  return launch.transport === "sse"
    ? sse(launch, protocolVersion, d, f, redact)
    : streamable(launch, protocolVersion, d, f, redact);
}
