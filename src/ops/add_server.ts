/**
 * add-server: adds a catalogue server (`ID`) or a custom one (`--command` / `--url`) to the draft of a
 * client/profile. Parameter defaults come from the catalogue; unknown parameters are refused with the
 * known ones; a name already in the draft is refused unless `replace`. Secret values (isSecret inputs,
 * *_TOKEN/_KEY/_SECRET/_PASSWORD/_PAT names, auth headers, and whatever the one extractor finds in the
 * resolved entry: a password in a URL, a secret flag) go to secrets.json; the draft keeps `${VAR}`.
 */
import { getClient } from "../clients/registry.ts";
import { checkServerNameFor } from "../clients/server_names.ts";
import { AppError } from "../core/errors.ts";
import { checkEnvName, checkHeaderName } from "../core/keys.ts";
import { isSecretName } from "../core/secret_detect.ts";
import { entryRefs, type Extracted, extractSecrets, replaceSpans } from "../core/secret_extract.ts";
import { secretSpans } from "../core/secret_spans.ts";
import type { Deps } from "../platform/deps.ts";
import {
  checkTransport,
  inputsOf,
  inputValueProblems,
  refName,
  relativePathMessage,
  selectSource,
} from "../registry/inputs.ts";
import { resolveServer } from "../registry/resolve.ts";
import { aliasesOf, type AliasUse, applyAliases } from "../registry/aliases.ts";
import { loadCatalog } from "../registry/user_files.ts";
import { type DraftServer, type DraftSummary, readDraft, summarize, updateDraft } from "../store/drafts.ts";
import { readSecrets, setSecrets } from "../store/secrets.ts";
import { isRemote, type NeutralEntry } from "../core/neutral.ts";
import { type CustomInput, customServer } from "../registry/custom_server.ts";

export interface AddServerInput extends CustomInput {
  /** Catalogue id, or the name of a custom server. */
  id: string;
  client?: string;
  profile?: string;
  params?: Record<string, string | string[]>;
  env?: Record<string, string>;
  name?: string;
  replace?: boolean;
  transport?: string;
}

export interface AddServerResult extends DraftSummary {
  action: "added" | "replaced";
  server: string;
  source: DraftServer["source"];
  /** Names of the secrets stored in secrets.json by this call (never their values). */
  secrets_stored: string[];
  /** Literal secrets found in the given values: server, field and the variable now referenced. */
  extracted: Extracted[];
  missing: { params: string[]; env: string[] };
  /** Inputs given under another name the catalogue knows (`path` -> `allowed_directory`). */
  aliases: AliasUse[];
  warnings: string[];
}

/** A server name in a draft: 1-64 of letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const SERVER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkServerName(name: unknown): string {
  if (typeof name !== "string" || !SERVER_NAME_RE.test(name)) {
    throw new AppError(
      "invalid_input",
      `Invalid server name ${
        JSON.stringify(name)
      }: use 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit`,
      {
        name,
        pattern: SERVER_NAME_RE.source,
      },
    );
  }
  return name;
}

/** `v` (or each item of it) with each literal secret the entry now references replaced by that `${VAR}`. */
function withRefs<T extends string | string[]>(v: T, secrets: Record<string, string>): T {
  const byValue = new Map(Object.entries(secrets).map(([n, s]) => [s, n]));
  const ref = (text: string) => (byValue.has(text) ? `\${${byValue.get(text)}}` : text);
  const one = (
    x: string,
  ) => (byValue.has(x) ? ref(x) : replaceSpans(x, secretSpans(x, { kind: "arg" }), (_s, t) => ref(t)));
  return (Array.isArray(v) ? v.map(one) : one(v)) as T;
}

async function fromCatalog(deps: Deps, input: AddServerInput, name: string) {
  const transport = checkTransport(input.transport);
  const { catalog } = await loadCatalog(deps);
  const server = catalog.get(input.id).server;
  // The names guides use (`path`, `GITHUB_TOKEN`, `connection`) become the catalogue's own first.
  const al = applyAliases(server, input.params ?? {}, input.env ?? {});
  const params: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(al.params).map(([k, v]) => [k.replace(/^-+/, ""), v]),
  );
  const givenEnv = al.env;
  const r = resolveServer(server, { params, env: givenEnv, transport });
  // A literal secret inside a value the catalogue does not call secret (a password in a --url param).
  const x = extractSecrets(name, r.entry, r.secrets);
  const specs = inputsOf(selectSource(server, transport));
  const problems = inputValueProblems(specs, (n) => params[n] ?? givenEnv[n]);
  const empty = problems.filter((p) => p.problem === "empty").map((p) => p.input);
  if (empty.length) {
    const how = (n: string) =>
      specs.find((x) => x.name === n)?.kind === "env" ? `--env ${n}=VALUE` : `--param ${n}=VALUE`;
    throw new AppError(
      "invalid_input",
      `Cannot add '${input.id}': ${empty.join(", ")} ${
        empty.length === 1 ? "is" : "are"
      } required but given empty`,
      { id: input.id, empty, hint: `give a value: ${empty.map(how).join(" ")}` },
    );
  }
  const secretInput = (n: string) => specs.some((s) => s.name === n && s.isSecret) || isSecretName(n);
  const kept = (m: Record<string, string | string[]>, drop: (k: string) => boolean) =>
    Object.fromEntries(
      Object.entries(m).filter(([k]) => !drop(k)).map(([k, v]) => [k, withRefs(v, x.secrets)]),
    );
  const draftParams = kept(params, (k) => secretInput(k) || refName(k) in r.secrets);
  const draftEnv = kept(givenEnv, (k) => secretInput(k) || k in r.secrets) as Record<string, string>;
  const warnings = [...r.warnings];
  for (const p of problems) if (p.problem === "relative") warnings.push(relativePathMessage(name, p));
  for (const p of r.missing.params) {
    warnings.push(`Server '${input.id}' requires the parameter ${p}: give --param ${p}=VALUE`);
  }
  for (const e of r.missing.env) warnings.push(`Server '${input.id}' requires ${e}: give --env ${e}=VALUE`);
  const spec: Omit<DraftServer, "name"> = {
    source: { registry: input.id },
    transport: r.transport,
    params: draftParams,
    env: draftEnv,
    secret_refs: entryRefs(x.entry),
    entry: x.entry,
  };
  return {
    spec,
    secrets: { ...r.secrets, ...x.secrets },
    extracted: x.extracted,
    missing: r.missing,
    aliases: al.applied,
    warnings,
  };
}

/** Adds (or with `replace`, replaces) one server in the draft. */
export async function addServer(deps: Deps, input: AddServerInput): Promise<AddServerResult> {
  const record = getClient(input.client ?? "claude-desktop");
  const client = record.id;
  const profile = input.profile ?? "default";
  const custom = input.command !== undefined || input.url !== undefined;
  if (!custom && (input.args?.length || input.headers)) {
    throw new AppError(
      "invalid_input",
      "--arg and --header describe a custom server: give --command or --url too",
    );
  }
  const name = checkServerNameFor(record, checkServerName(input.name ?? input.id));
  // One rule for both doors (--env K=V and env_vars; --header K:V and headers), before anything is stored.
  for (const k of Object.keys(input.env ?? {})) checkEnvName(k);
  for (const k of Object.keys(input.headers ?? {})) checkHeaderName(k);
  const built = custom
    ? {
      ...customServer(name, input),
      missing: { params: [] as string[], env: [] as string[] },
      aliases: [] as AliasUse[],
    }
    : await fromCatalog(deps, input, name);
  const { replaced } = await setSecrets(deps, built.secrets);
  const warnings = [
    ...built.warnings,
    ...replaced.map((n) => `The stored secret ${n} was replaced with the new value`),
  ];
  const { result: action, draft } = await updateDraft(deps, client, profile, (d) => {
    const at = d.servers.findIndex((s) => s.name === name);
    if (at >= 0 && !input.replace) {
      throw new AppError(
        "already_exists",
        `Server "${name}" is already in the draft of "${client}/${profile}": use --replace or --name`,
        {
          name,
          servers: d.servers.map((s) => s.name),
        },
      );
    }
    const servers = [...d.servers];
    const entry: DraftServer = { name, ...built.spec };
    if (at >= 0) servers[at] = entry;
    else servers.push(entry);
    return { draft: { ...d, servers }, result: at >= 0 ? "replaced" as const : "added" as const };
  });
  return {
    action,
    server: name,
    source: built.spec.source,
    ...summarize(draft),
    secrets_stored: Object.keys(built.secrets).sort(),
    extracted: built.extracted,
    missing: built.missing,
    aliases: built.aliases,
    warnings,
  };
}

export interface SetServerInput {
  /** Name of the server in the draft. */
  name: string;
  client?: string;
  profile?: string;
  env?: Record<string, string>;
  /** A custom local server's arguments, replacing the ones it has. */
  args?: string[];
  params?: Record<string, string | string[]>;
  unsetEnv?: string[];
}

export interface SetServerResult extends DraftSummary {
  action: "updated";
  server: string;
  /** What changed: `env.K`, `args`, `param.k` (names only, never values). */
  changed: string[];
  secrets_stored: string[];
  extracted: Extracted[];
  /** Inputs given under another name the catalogue knows (`GITHUB_TOKEN` -> `GITHUB_PERSONAL_ACCESS_TOKEN`). */
  aliases: AliasUse[];
  warnings: string[];
}

/**
 * set-server: changes fields of one server in a draft without re-adding it. A catalogue server is
 * resolved again through the same path as add-server, from its stored inputs plus the given ones (the
 * secrets it already references are passed back from secrets.json, so its references stay); a custom
 * local server gets its env and args edited in place, every other field kept, and the one extractor moves
 * any literal secret out. Secret values given go to secrets.json; the draft keeps `${VAR}`.
 */
export async function setServer(deps: Deps, input: SetServerInput): Promise<SetServerResult> {
  const client = getClient(input.client ?? "claude-desktop").id;
  const profile = input.profile ?? "default";
  const name = checkServerName(input.name);
  for (const k of [...Object.keys(input.env ?? {}), ...(input.unsetEnv ?? [])]) checkEnvName(k);
  const params: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(input.params ?? {}).map(([k, v]) => [k.replace(/^-+/, ""), v]),
  );
  let unset = new Set(input.unsetEnv ?? []);
  let changed = [
    ...Object.keys(input.env ?? {}).map((k) => `env.${k}`),
    ...[...unset].map((k) => `env.${k}`),
    ...(input.args !== undefined ? ["args"] : []),
    ...Object.keys(params).map((k) => `param.${k}`),
  ];
  if (changed.length === 0) {
    throw new AppError("invalid_input", "Nothing to change: give --env, --unset-env, --arg or --param");
  }
  const both = Object.keys(input.env ?? {}).filter((k) => unset.has(k));
  if (both.length) {
    throw new AppError("invalid_input", `--env and --unset-env both name ${both.join(", ")}`, { env: both });
  }
  const draft = await readDraft(deps, client, profile);
  const current = draft.servers.find((s) => s.name === name);
  if (!current) {
    throw new AppError("server_not_found", `No server "${name}" in the draft of "${client}/${profile}"`, {
      name,
      known: draft.servers.map((s) => s.name),
    });
  }
  const stored = await readSecrets(deps);
  let built: { spec: Omit<DraftServer, "name">; secrets: Record<string, string>; extracted: Extracted[] };
  let warnings: string[] = [];
  let aliases: AliasUse[] = [];
  if ("registry" in current.source) {
    if (input.args !== undefined) {
      throw new AppError(
        "invalid_input",
        `"${name}" is the catalogue server "${current.source.registry}": its arguments come from --param ` +
          `(describe-server ${current.source.registry} lists them)`,
      );
    }
    const { catalog } = await loadCatalog(deps);
    const server = catalog.get(current.source.registry).server;
    // The names guides use (`GITHUB_TOKEN`, `path`) are mapped on the inputs given now, before they are laid
    // over the stored ones (which are under the catalogue's own names): an alias replaces the stored value,
    // and only one call giving both names of one input is refused.
    const al = applyAliases(server, params, input.env ?? {});
    const envAliases = aliasesOf(server).env;
    const unsetAliases: AliasUse[] = [];
    unset = new Set([...unset].map((k) => {
      if (!Object.hasOwn(envAliases, k)) return k;
      unsetAliases.push({ kind: "env", given: k, used: envAliases[k] });
      return envAliases[k];
    }));
    const twice = Object.keys(al.env).filter((k) => unset.has(k));
    if (twice.length) {
      throw new AppError("invalid_input", `--env and --unset-env both name ${twice.join(", ")}`, {
        env: twice,
      });
    }
    aliases = [...al.applied, ...unsetAliases];
    changed = [
      ...Object.keys(al.env).map((k) => `env.${k}`),
      ...[...unset].map((k) => `env.${k}`),
      ...Object.keys(al.params).map((k) => `param.${k}`),
    ];
    const env = { ...current.env, ...al.env };
    for (const k of unset) delete env[k];
    const merged = { ...current.params, ...al.params };
    // The secrets the entry references now are given again (from secrets.json) unless replaced or unset.
    const specs = inputsOf(selectSource(server, checkTransport(current.transport)));
    for (const ref of current.secret_refs) {
      const value = stored[ref];
      if (value === undefined) continue;
      const spec = specs.find((s) => s.name === ref || refName(s.name) === ref);
      const key = spec?.name ?? ref;
      if (key in merged || key in env || unset.has(key)) continue;
      if (spec && spec.kind !== "env") merged[key] = value;
      else if (spec || (current.entry.env as Record<string, string> | undefined)?.[ref] === `\${${ref}}`) {
        env[key] = value;
      }
    }
    const r = await fromCatalog(
      deps,
      { id: current.source.registry, params: merged, env, transport: current.transport },
      name,
    );
    built = r;
    // A pass-through variable given before was warned about then: only the ones given now are.
    warnings = r.warnings.filter((w) => {
      const m = /^Environment variable "([^"]+)" is not declared/.exec(w);
      return !m || Object.hasOwn(al.env, m[1]);
    });
  } else {
    const entry = structuredClone(current.entry) as NeutralEntry & { env?: Record<string, string> };
    if (isRemote(entry)) {
      throw new AppError(
        "invalid_input",
        `"${name}" is a remote server: --env, --arg and --param apply to local ones (re-add it with --header)`,
      );
    }
    if (Object.keys(params).length) {
      throw new AppError(
        "invalid_input",
        "--param applies to catalogue servers; a custom server takes --arg or --env",
      );
    }
    if (input.args !== undefined) {
      if (input.args.length) entry.args = [...input.args];
      else delete entry.args;
    }
    const env = { ...entry.env, ...input.env };
    for (const k of unset) delete env[k];
    if (Object.keys(env).length) entry.env = env;
    else delete entry.env;
    const x = extractSecrets(name, entry, stored);
    // The draft's `env` lists the non-secret values as given: a value moved to secrets.json is not one.
    const draftEnv = { ...current.env };
    for (const k of unset) delete draftEnv[k];
    const written = (x.entry as { env?: Record<string, string> }).env ?? {};
    for (const [k, v] of Object.entries(input.env ?? {})) {
      if (written[k] === v) draftEnv[k] = v;
      else delete draftEnv[k];
    }
    built = {
      spec: { ...current, env: draftEnv, entry: x.entry, secret_refs: entryRefs(x.entry) },
      secrets: x.secrets,
      extracted: x.extracted,
    };
  }
  // Only the values this call gave are stored (the ones passed back are already there, unchanged).
  const given = Object.fromEntries(Object.entries(built.secrets).filter(([k, v]) => stored[k] !== v));
  const { replaced } = await setSecrets(deps, given);
  warnings.push(...replaced.map((n) => `The stored secret ${n} was replaced with the new value`));
  const { draft: saved } = await updateDraft(deps, client, profile, (d) => {
    const at = d.servers.findIndex((s) => s.name === name);
    if (at < 0) {
      throw new AppError("server_not_found", `No server "${name}" in the draft of "${client}/${profile}"`, {
        name,
        known: d.servers.map((s) => s.name),
      });
    }
    const servers = [...d.servers];
    // Fields of the draft server the rebuild does not make (disabled) are kept.
    servers[at] = { ...d.servers[at], ...built.spec, name };
    return { draft: { ...d, servers }, result: null };
  });
  return {
    action: "updated",
    server: name,
    ...summarize(saved),
    changed,
    secrets_stored: Object.keys(given).sort(),
    extracted: built.extracted,
    aliases,
    warnings,
  };
}
