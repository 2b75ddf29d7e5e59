/**
 * doctor: starts every configured MCP server as its client would and checks that it speaks MCP
 * (src/doctor/). By default the servers of each client's file (every client with a file, or those named);
 * `draft` / `artifactId` check what a deploy would write, before it is written. All servers are checked
 * concurrently (bounded) under one deadline; `onResult` sees each report as it arrives.
 */
import { ALL_CLIENTS } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import { AppError, exitCodeFor } from "../core/errors.ts";
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
import { clientFilePath, factsOf, readClientServers } from "../deploy/mod.ts";

export interface DoctorInput {
  clients?: string[];
  servers?: string[];
  configPath?: string;
  scope?: "user" | "project";
  projectDir?: string;
  draft?: boolean;
  profile?: string;
  artifactId?: string;
  /** Seconds for the whole run (default 30). */
  timeout?: number;
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
    throw new AppError(
      "invalid_input",
      `--timeout takes seconds between 0 and ${MAX_TIMEOUT_S}, got ${JSON.stringify(t)}`,
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

/** Runs the checks. */
export async function doctor(
  deps: Deps,
  input: DoctorInput,
  runtime: DoctorRuntime,
  onResult?: (r: ServerReport, done: number, total: number) => void,
): Promise<DoctorResult> {
  const timeout = checkTimeout(input.timeout);
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
  };
  let done = 0;
  const servers = await pool(
    targets.map((t) => () => checkServer(t, env)),
    runtime.concurrency,
    (r) => onResult?.(r, ++done, targets.length),
  );
  const count = (s: ServerReport["status"]) => servers.filter((r) => r.status === s).length;
  return {
    servers,
    summary: { ok: count("ok"), failed: count("failed"), skipped: count("skipped") },
    sources,
  };
}

/** Exit code of a report: 0 when every checked server is ok, 9 (`check_failed`) otherwise. */
export function doctorExitCode(r: DoctorReport): number {
  return r.summary.failed > 0 ? exitCodeFor("check_failed") : 0;
}
