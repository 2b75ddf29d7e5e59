/**
 * One server's check: plan the launch as its client would, probe it (stdio or remote) under the
 * deadline, classify a failure, and redact every value shown.
 */
import { REDACTED, redactSecretAssignments, redactText, redactValue } from "../core/redact.ts";
import { replaceSpans } from "../core/secret_extract.ts";
import { secretSpans } from "../core/secret_spans.ts";
import type { Spawner } from "../platform/process_group.ts";
import { classify, type Finding, missingInputs } from "./classify.ts";
import type { VarUse } from "./expand.ts";
import { type Fetch, probeHttp } from "./http_probe.ts";
import { type LaunchContext, literalSecrets, planLaunch } from "./launch.ts";
import { type Deadline, ProbeError } from "./rpc.ts";
import type { Redact } from "./shorten.ts";
import { probeStdio } from "./stdio_probe.ts";
import type { Target } from "./targets.ts";
import { escapeHidden, type Offer, offerOf, type PinReport, scanOffer } from "./pin.ts";
import type { Launch, ProbeResult, RemoteLaunch, ServerReport } from "./types.ts";

export interface CheckEnv {
  ctx: LaunchContext;
  spawn: Spawner;
  fetch: Fetch;
  /** Overall end of the run (ms since epoch) and the option that set it. */
  deadline: { at: number; limit: string };
  /** Names stored in secrets.json (for hints; never values). */
  storedSecrets: string[];
  /** Does a folder exist (the server's working folder)? */
  isDir(path: string): Promise<boolean>;
  /** Compares a server's offer with its pin (and records it with --pin); absent: no pin check. */
  pin?(t: Target, launch: Launch, offer: Offer): Promise<PinReport>;
  /** Aborted: every wait ends now (the run was cancelled). */
  signal?: AbortSignal;
}

function blank(t: Target, transport: ServerReport["transport"]): ServerReport {
  return {
    client: t.client.id,
    name: t.name,
    transport,
    status: "failed",
    cause: null,
    message: "",
    hint: null,
    protocol_version: null,
    server_info: null,
    tools: null,
    prompts: null,
    resources: null,
    ready_ms: null,
    stderr_tail: [],
    variables: [],
    warnings: [],
    pin: null,
    suspicious: [],
  };
}

function failed(r: ServerReport, f: Finding): ServerReport {
  return { ...r, status: "failed", cause: f.cause, message: f.message, hint: f.hint };
}

/** The deadline of one server: the run's, or the client's own startup limit when that is sooner. */
function deadlineFor(t: Target, env: CheckEnv): Deadline {
  const started = Date.now();
  const rules = t.client.launch;
  const fromEnv = rules.timeoutEnv ? Number(env.ctx.env[rules.timeoutEnv]) : NaN;
  const own = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : rules.startupTimeoutMs;
  if (own !== null && started + own < env.deadline.at) {
    return {
      at: started + own,
      started,
      limit: `${t.client.displayName} waits ${own / 1000} s for a server to start`,
      signal: env.signal,
    };
  }
  return { at: env.deadline.at, started, limit: env.deadline.limit, signal: env.signal };
}

/** A disabled entry: the client does not start it. */
function disabledBy(t: Target): string | null {
  const e = (t.entry ?? {}) as Record<string, unknown>;
  const d = t.client.launch.disabled.find((x) => e[x.key] === x.value);
  return d ? `${d.key}: ${JSON.stringify(d.value)}` : null;
}

function warningsOf(t: Target, r: ProbeResult, vars: VarUse[]): string[] {
  const w: string[] = [];
  const unset = vars.filter((v) => v.source === "unset").map((v) => v.name);
  if (unset.length) {
    const how = t.client.launch.expand.some((x) => x.unset === "empty")
      ? "an empty value"
      : "the reference text as is";
    w.push(
      `${unset.join(", ")} ${unset.length > 1 ? "are" : "is"} not set: ${t.client.displayName} passes ${how}`,
    );
  }
  if (r.bad_lines?.length) {
    w.push(
      `The server wrote non-JSON lines to stdout (${
        JSON.stringify(r.bad_lines[0])
      }); some clients drop such a server`,
    );
  }
  return w;
}

/** The launch as shown in messages and fixes: secrets in its args and URL hidden (as `logs` hides them). */
function shownLaunch(l: Launch, redact: Redact): Launch {
  const spans = (s: string, place: Parameters<typeof secretSpans>[1]) =>
    redact(replaceSpans(s, secretSpans(s, place), () => REDACTED));
  if (l.transport === "stdio") {
    return {
      ...l,
      command: spans(l.command, { kind: "arg" }),
      args: l.args.map((a, i) => spans(a, { kind: "arg", prev: l.args[i - 1] })),
    };
  }
  return { ...l, url: spans(l.url, { kind: "url" }) };
}

/** The probe's evidence with every string redacted (the offer is kept whole: pins compare it). */
function shownResult(r: ProbeResult, redact: Redact): ProbeResult {
  const walk = <T>(v: T): T => {
    if (typeof v === "string") return redact(v) as T;
    if (Array.isArray(v)) return v.map(walk) as T;
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) as T;
    }
    return v;
  };
  const { offered, ...rest } = r;
  return { ...walk(rest), ...(offered ? { offered } : {}) };
}

/** A probe that threw something other than a ProbeError still ends as a finding, never the run. */
async function safely(probe: () => Promise<ProbeResult>): Promise<ProbeResult> {
  try {
    return await probe();
  } catch (e) {
    const failure = e instanceof ProbeError
      ? e.failure
      : { kind: "protocol" as const, phase: "initialize" as const, message: `the check failed: ${e}` };
    return { ok: false, stderr: [], failure };
  }
}

/** Checks one target. */
export async function checkServer(t: Target, env: CheckEnv): Promise<ServerReport> {
  const secrets = [...(env.ctx.secretValues ?? [])];
  const done = (r: ServerReport) => redactValue(r, secrets);
  if (!t.entry) {
    return done(failed(blank(t, "stdio"), {
      cause: "invalid_entry",
      message: `The entry cannot be read: ${t.invalid}`,
      hint: `Fix the entry in ${t.client.displayName}'s file (it needs a command or a url).`,
    }));
  }
  const plan = planLaunch(t.client, t.entry, { ...env.ctx, fromSecrets: t.fromSecrets });
  secrets.push(...plan.secrets, ...literalSecrets(plan.launch));
  // The redactor `logs` uses: known values, then secret assignments and shapes (URL passwords, --api-key=…).
  const redact: Redact = (s) => redactSecretAssignments(redactText(s, secrets));
  const launch = t.bridged && plan.launch.transport !== "stdio"
    ? { ...plan.launch, bridged: true }
    : plan.launch;
  const vars: VarUse[] = [
    ...[...t.fromSecrets].sort().map((name) => ({ name, source: "secrets.json" as const })),
    ...plan.vars,
  ];
  const base = { ...blank(t, launch.transport), variables: vars };
  const off = disabledBy(t);
  if (off) {
    return done({
      ...base,
      status: "skipped",
      cause: "disabled",
      message: `Disabled in the client's file (${off})`,
    });
  }
  const inSecrets = env.storedSecrets;
  if (t.missingInputs?.length) {
    return done(failed(base, missingInputs(t.client, t.missingInputs, inSecrets)));
  }
  if (launch.transport === "stdio" && !(await env.isDir(launch.cwd))) {
    return done(failed(base, {
      cause: "invalid_entry",
      message: `The working folder "${launch.cwd}" does not exist`,
      hint: `Create it, or fix the entry's cwd (${t.client.displayName} starts the server there).`,
    }));
  }
  const d = deadlineFor(t, env);
  const version = t.client.launch.protocolVersion;
  const r = shownResult(
    await safely(() =>
      launch.transport === "stdio"
        ? probeStdio(launch, version, d, env.spawn, redact)
        : probeHttp(launch, version, d, env.fetch, redact)
    ),
    redact,
  );
  const shown = shownLaunch(launch, redact);
  const out: ServerReport = { ...base, stderr_tail: r.stderr };
  if (!r.ok) {
    const f = failed(out, classify(r, shown, t.client, vars, inSecrets));
    return done(f.cause === "missing_env" ? f : { ...f, warnings: warningsOf(t, r, vars) });
  }
  const offer = offerOf(
    r.offered ?? { tools: [], prompts: [] },
    r.server_info ?? null,
    r.protocol_version ?? null,
  );
  const suspicious = scanOffer(offer);
  const pin = env.pin ? await env.pin(t, launch, offer) : null;
  const warnings = warningsOf(t, r, vars);
  for (const x of suspicious) {
    warnings.push(
      `suspicious_description: the ${x.field} of ${x.kind} "${escapeHidden(x.name)}" holds invisible or ` +
        `direction-changing characters (${x.chars.join(", ")})`,
    );
  }
  return done({
    ...out,
    pin,
    suspicious,
    status: "ok",
    message: launch.transport === "stdio"
      ? `Started and answered the handshake`
      : `Answered the handshake at ${(shown as RemoteLaunch).url}${
        "bridged" in launch && launch.bridged ? " (the entry bridges it through mcp-remote)" : ""
      }`,
    protocol_version: r.protocol_version ?? null,
    server_info: r.server_info ?? null,
    tools: r.tools ?? null,
    prompts: r.prompts ?? null,
    resources: r.resources ?? null,
    ready_ms: r.ready_ms ?? null,
    warnings,
  });
}
