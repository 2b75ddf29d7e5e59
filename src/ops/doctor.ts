/**
 * doctor: starts every configured MCP server as its client would and checks that it speaks MCP
 * (src/doctor/). By default the servers of each client's file (every client with a file, or those named);
 * `draft` / `artifactId` check what a deploy would write, before it is written. All servers are checked
 * concurrently (bounded) under one deadline; each report is a progress report as it arrives, and an
 * aborted signal ends every check (no server it started is left running).
 */
import { ALL_CLIENTS } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { checkServer } from "../doctor/check.ts";
import { pool } from "../doctor/pool.ts";
import {
  artifactTargets,
  draftTargets,
  filterServers,
  fromNative,
  namedClients,
  type Source,
  type Target,
} from "../doctor/targets.ts";
import type { DoctorReport, ServerReport } from "../doctor/types.ts";
import type { Deps } from "../platform/deps.ts";
import type { DoctorRuntime } from "../platform/doctor_runtime.ts";
import { loadCatalog } from "../registry/user_files.ts";
import { readSecrets } from "../store/secrets.ts";
import { clientFilePath, readClientServers } from "../deploy/client_file.ts";
import { factsOf } from "../deploy/validate.ts";
import { loadSigner, type Signer, trustedKeys } from "../store/keys.ts";
import { readPin, writePin } from "../store/pins.ts";
import { canonicalJson } from "../core/canonical_json.ts";
import {
  diffOffers,
  identityHash,
  identityOf,
  type Offer,
  offerHash,
  type PinReport,
} from "../doctor/pin.ts";
import type { Launch } from "../doctor/types.ts";
import { serverLine } from "../doctor/report.ts";
import { realRuntime } from "../platform/doctor_runtime.ts";
import type { RunContext } from "./spec.ts";

export interface DoctorInput {
  clients?: string[];
  servers?: string[];
  configPath?: string;
  /** "user" (default) or "project" (a CLI option reaches the op unchecked). */
  scope?: string;
  projectDir?: string;
  draft?: boolean;
  profile?: string;
  artifactId?: string;
  /** Seconds for the whole run (default 30). */
  timeout?: number;
  /** Record each answering server's offer as its signed pin (approve it, or accept a change). */
  pin?: boolean;
  /** Record in each existing pin whether this check found it changed (for `status`); the CLI does, the
   * read-only MCP tool does not. */
  record?: boolean;
}

export interface DoctorResult extends DoctorReport {
  sources: Source[];
}

export const DEFAULT_TIMEOUT_S = 30;
const MAX_TIMEOUT_S = 600;

/** Clients with a config file at the place the options name. */
async function clientsWithFile(deps: Deps, input: DoctorInput): Promise<ClientRecord[]> {
  const out: ClientRecord[] = [];
  for (const c of ALL_CLIENTS) {
    if (input.scope === "project" && !c.projectPath) continue;
    let path: string;
    try {
      path = await clientFilePath(deps, c, input);
    } catch {
      continue; // no such place on this OS (a variable it needs is unset)
    }
    if ((await deps.fs.stat(path).catch(() => null))?.isFile) out.push(c);
  }
  return out;
}

async function fileTargets(deps: Deps, input: DoctorInput, named: ClientRecord[] | undefined) {
  if (input.configPath !== undefined && named?.length !== 1) {
    throw new AppError("usage", "--config-path needs exactly one --client (whose format the file is in)");
  }
  const clients = named ?? await clientsWithFile(deps, input);
  const targets: Target[] = [];
  const sources: Source[] = [];
  for (const c of clients) {
    const path = await clientFilePath(deps, c, input);
    sources.push({ kind: "file", path });
    for (const [name, native] of Object.entries(await readClientServers(deps, c, path))) {
      targets.push(fromNative(c, name, native));
    }
  }
  return { targets, sources };
}

function checkTimeout(t: number | undefined): number {
  if (t === undefined) return DEFAULT_TIMEOUT_S;
  if (typeof t !== "number" || !Number.isFinite(t) || t <= 0 || t > MAX_TIMEOUT_S) {
    // A CLI value that is no number arrives as NaN.
    const got = typeof t === "number" && Number.isNaN(t)
      ? "something that is not a number"
      : JSON.stringify(t);
    throw new AppError(
      "invalid_input",
      `--timeout takes seconds, more than 0 and at most ${MAX_TIMEOUT_S}, got ${got}`,
    );
  }
  return t;
}

/** Catalogue inputs a draft server requires and nothing gives (not even the environment). */
async function withMissingInputs(
  deps: Deps,
  targets: Target[],
  secrets: Record<string, string>,
  env: Record<string, string>,
) {
  if (!targets.some((t) => t.draft && "registry" in t.draft.source)) return;
  const { catalog } = await loadCatalog(deps);
  for (const t of targets) {
    if (!t.draft) continue;
    const missing = (factsOf(t.draft, catalog, secrets).missingEnv ?? []).filter((n) => env[n] === undefined);
    if (missing.length) t.missingInputs = missing;
  }
}

/** The pin check of one server: compare its offer with its signed pin; with `pin`, record it; with
 * `record`, note in an existing pin what this check found. */
async function pinChecker(deps: Deps, input: DoctorInput) {
  const trusted = await trustedKeys(deps);
  // --pin needs the key: fail before starting any server.
  const signer: Signer | null = input.pin ? await loadSigner(deps) : null;
  let recorder: Promise<Signer | null> | null = null;
  return async (t: Target, launch: Launch, offer: Offer): Promise<PinReport> => {
    const idSha = await identityHash(identityOf(t.client.id, launch));
    const sha = await offerHash(offer);
    const old = await readPin(deps, idSha, trusted);
    const status = !old ? "new" : old.offer_sha256 === sha ? "same" : "changed";
    const changes = old && status === "changed" ? diffOffers(old.offer, offer) : [];
    const at = deps.now().toISOString();
    if (signer) {
      await writePin(deps, signer, {
        identity_sha256: idSha,
        label: `${t.client.id}/${t.name}`,
        offer_sha256: sha,
        offer,
        pinned_at: at,
        last_check: null,
      });
      return { status, changes, accepted: true };
    }
    if (input.record && old) {
      const last = status === "new" ? null : { status, changes };
      const was = old.last_check ? { status: old.last_check.status, changes: old.last_check.changes } : null;
      if (
        canonicalJson(last ?? { status: "same", changes: [] }) !==
          canonicalJson(was ?? { status: "same", changes: [] })
      ) {
        recorder ??= loadSigner(deps).catch(() => null);
        const s = await recorder;
        if (s) {
          const { signature: _s, signing_key_id: _k, ...rest } = old;
          await writePin(deps, s, { ...rest, last_check: last && { ...last, at } as typeof old.last_check });
        }
      }
    }
    return { status, changes, accepted: false };
  };
}

/** The op of `doctor` and `check_server_health` (src/ops/specs/doctor.ts): the checks on this machine. */
export function checkServers(
  deps: Deps,
  input: DoctorInput,
  ctx: RunContext<ServerReport>,
): Promise<DoctorResult> {
  return doctor(deps, input, realRuntime(deps.env), ctx);
}

/** Runs the checks with `runtime` (tests pass their own); `ctx` gets each server's report as it arrives,
 * and its signal ends the run. */
export async function doctor(
  deps: Deps,
  input: DoctorInput,
  runtime: DoctorRuntime,
  ctx: Omit<RunContext<ServerReport>, "door"> = {},
): Promise<DoctorResult> {
  const timeout = checkTimeout(input.timeout);
  if (input.scope !== undefined && input.scope !== "user" && input.scope !== "project") {
    throw new AppError("invalid_input", `Unknown scope ${JSON.stringify(input.scope)}: use user or project`);
  }
  if (input.draft && input.artifactId !== undefined) {
    throw new AppError("usage", "Give --draft or --artifact-id, not both");
  }
  if ((input.draft || input.artifactId !== undefined) && input.configPath !== undefined) {
    throw new AppError(
      "usage",
      "--config-path reads a client file: it cannot go with --draft or --artifact-id",
    );
  }
  const named = namedClients(input.clients);
  const profile = checkName("profile", input.profile ?? "default");
  const secrets = await readSecrets(deps);
  const { targets: all, sources } = input.draft
    ? await draftTargets(deps, named, profile, secrets)
    : input.artifactId !== undefined
    ? await artifactTargets(deps, named, input.artifactId, secrets)
    : await fileTargets(deps, input, named);
  const targets = filterServers(all, input.servers);
  await withMissingInputs(deps, targets, secrets, runtime.env);
  const projectDir = input.projectDir ?? runtime.cwd;
  const env = {
    ctx: {
      os: deps.os,
      env: runtime.env,
      projectDir,
      userHome: deps.userHome,
      secretValues: Object.values(secrets),
    },
    spawn: runtime.spawn,
    fetch: runtime.fetch,
    deadline: { at: Date.now() + timeout * 1000, limit: `the --timeout of ${timeout} s` },
    storedSecrets: Object.keys(secrets),
    isDir: runtime.isDir,
    pin: await pinChecker(deps, input),
    signal: ctx.signal,
  };
  let done = 0;
  const servers = await pool(
    targets.map((t) => () => checkServer(t, env)),
    runtime.concurrency,
    // A check ended by the cancel is no finding: not reported.
    (r) => {
      if (!ctx.signal?.aborted) {
        ctx.progress?.({ done: ++done, total: targets.length, message: serverLine(r), item: r });
      }
    },
    ctx.signal,
  );
  // Cancelled: the checks that ran have ended their servers, the others never started.
  ctx.signal?.throwIfAborted();
  const count = (s: ServerReport["status"]) => servers.filter((r) => r.status === s).length;
  return {
    servers,
    summary: {
      ok: count("ok"),
      failed: count("failed"),
      skipped: count("skipped"),
      changed: servers.filter((r) => r.pin?.status === "changed" && !r.pin.accepted).length,
      suspicious: servers.filter((r) => r.suspicious.length > 0).length,
    },
    sources,
  };
}

export { doctorExitCode } from "../doctor/report.ts";
