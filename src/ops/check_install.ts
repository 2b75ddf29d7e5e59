/**
 * check-install / install-server: whether the runtime a catalogue server needs (npx, uvx, docker) is
 * on PATH, and the exact command that pre-installs the server. This program never runs a package
 * manager: it prints the command for the user.
 */
import type { Deps } from "../platform/deps.ts";
import { which } from "../platform/which.ts";
import { installHint } from "../registry/catalog.ts";
import { checkTransport, selectSource, type Source, sourcesOf, type Transport } from "../registry/inputs.ts";
import { loadCatalog } from "../registry/user_files.ts";

const RUNTIMES: Record<string, { runtime: string; get: string }> = {
  npm: { runtime: "npx", get: "Install Node.js (it ships npx): https://nodejs.org" },
  pypi: { runtime: "uvx", get: "Install uv (it ships uvx): https://docs.astral.sh/uv/" },
  oci: { runtime: "docker", get: "Install Docker: https://docs.docker.com/get-docker/" },
};

export interface InstallOption {
  transport: Transport;
  kind: "package" | "remote";
  target: string;
  /** The program the client starts (null for a remote server). */
  runtime: string | null;
  /** Where it was found on PATH, or null. */
  runtime_path: string | null;
  ready: boolean;
  install_hint: string;
}

export interface CheckInstallResult {
  id: string;
  /** True when the default launch option can start (its runtime is on PATH, or it is remote). */
  installed: boolean;
  options: InstallOption[];
  hint: string;
}

async function option(deps: Deps, s: Source): Promise<InstallOption> {
  const base = { transport: s.transport, kind: s.kind, install_hint: installHint(s) };
  if (s.kind === "remote") {
    return { ...base, target: s.remote.url, runtime: null, runtime_path: null, ready: true };
  }
  const rt = RUNTIMES[s.pkg.registryType]?.runtime ?? null;
  const found = rt ? await which(rt, deps.env.PATH, deps.os, deps.env.PATHEXT) : null;
  return { ...base, target: s.pkg.identifier, runtime: rt, runtime_path: found, ready: found !== null };
}

/** Checks every launch option of a catalogue server. */
export async function checkServerInstallation(
  deps: Deps,
  input: { id: string },
): Promise<CheckInstallResult> {
  const { catalog } = await loadCatalog(deps);
  const server = catalog.get(input.id).server;
  const sources = sourcesOf(server).filter((s) => s.kind === "remote" || s.transport === "stdio");
  const options = await Promise.all(sources.map((s) => option(deps, s)));
  const def = selectSource(server);
  const main = options[sources.findIndex((s) => s.kind === def.kind && s.index === def.index)];
  const hint = main.ready
    ? main.runtime
      ? `${main.runtime} found at ${main.runtime_path}; the server is fetched on first start`
      : "Remote server: nothing to install"
    : `${main.runtime} is not on PATH. ${
      def.kind === "package" ? RUNTIMES[def.pkg.registryType]?.get ?? "" : ""
    }`.trim();
  return { id: input.id, installed: main.ready, options, hint };
}

export interface InstallServerResult {
  id: string;
  transport: Transport;
  /** The exact command to run (null: nothing to install). Never run by this program. */
  command: string | null;
  runtime: string | null;
  runtime_found: boolean;
  note: string;
}

/** The command that pre-installs a catalogue server for a transport (default: its stdio package). */
export async function installServer(
  deps: Deps,
  input: { id: string; transport?: string },
): Promise<InstallServerResult> {
  const { catalog } = await loadCatalog(deps);
  const s = selectSource(catalog.get(input.id).server, checkTransport(input.transport));
  if (s.kind === "remote") {
    return {
      id: input.id,
      transport: s.transport,
      command: null,
      runtime: null,
      runtime_found: true,
      note: `Hosted at ${s.remote.url}; nothing to install`,
    };
  }
  const { identifier: id, version: v, registryType: type } = s.pkg;
  const cmd: Record<string, string> = {
    npm: `npm install -g ${v ? `${id}@${v}` : id}`,
    pypi: `uv tool install ${v ? `${id}==${v}` : id}`,
    oci: `docker pull ${v && !/[:@]/.test(id.split("/").pop()!) ? `${id}:${v}` : id}`,
  };
  const rt = RUNTIMES[type]?.runtime ?? null;
  const found = rt
    ? (await which(
      rt === "npx" ? "npm" : rt === "uvx" ? "uv" : rt,
      deps.env.PATH,
      deps.os,
      deps.env.PATHEXT,
    )) !== null
    : false;
  return {
    id: input.id,
    transport: s.transport,
    command: cmd[type] ?? null,
    runtime: rt,
    runtime_found: found,
    note: cmd[type]
      ? `Run this yourself (install-server never runs it). Clients start it with ${rt}, which also downloads it on first start; \`doctor\` starts it the same way.`
      : `Package type "${type}" cannot be installed by a known command`,
  };
}
