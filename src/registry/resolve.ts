/**
 * Turns a server.json server plus the user's inputs into a neutral entry (`command`/`args`/`env`
 * or `type`/`url`/`headers`). Secret values never appear in the entry: it gets `${VAR}` and the
 * value is returned in `secrets`. Every argument value stays one argv item (no shell string).
 *
 * Versions: by default a package runs unpinned (`npx -y pkg`, `uvx pkg`, `docker ... image`),
 * as each project documents it, so a catalogue snapshot never pins users to a stale release.
 * `pin: true` appends the catalogued version (`pkg@1.2.3`, `image:tag`) for reproducible installs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveServer } from "./resolve.ts";
 * import { normalizeServerJson } from "./server_json.ts";
 * import brave from "../../registry/brave-search.json" with { type: "json" };
 * const [server] = normalizeServerJson(brave, "registry/brave-search.json");
 * const { entry, secrets } = resolveServer(server, { env: { BRAVE_API_KEY: "k" } });
 * assert.equal((entry.env as Record<string, string>).BRAVE_API_KEY, "${BRAVE_API_KEY}");
 * assert.equal(secrets.BRAVE_API_KEY, "k");
 * ```
 */
import { AppError } from "../core/errors.ts";
import type { NeutralEntry, NeutralRemote, NeutralStdio } from "../core/neutral.ts";
import { argParamName, inputsOf, refName, SECRET_NAME, selectSource, templateVars } from "./inputs.ts";
import type { InputSpec, Source, Transport } from "./inputs.ts";
import type { Argument, Input, KeyValueInput, Package, ServerJson } from "./server_json.ts";
import { catalogMeta } from "./server_json.ts";

/** A param value; repeated arguments take a list. */
export type ParamValue = string | string[];

/** What the user supplies. */
export interface ResolveOptions {
  /** Argument, variable and header values by param name (also accepts declared env var names). */
  params?: Record<string, ParamValue>;
  /** Environment variable values by name; undeclared names are passed through with a warning. */
  env?: Record<string, string>;
  /** Which launch option to use when a server offers several (default: a stdio package). */
  transport?: Transport;
  /** Append the catalogued package version (default false, see module doc). */
  pin?: boolean;
}

/** The outcome: the entry, the secret values it references, and what is still missing. */
export interface ResolveResult {
  entry: NeutralEntry;
  secrets: Record<string, string>;
  warnings: string[];
  missing: { params: string[]; env: string[] };
  transport: Transport;
}

class Ctx {
  secrets: Record<string, string> = {};
  missing = { params: [] as string[], env: [] as string[] };
  constructor(readonly params: Record<string, ParamValue>, readonly env: Record<string, string>) {}
  /** Values given for a name (params first, then env), or the default. */
  values(name: string, i: Input): string[] {
    const v = this.params[name] ?? this.env[name];
    const list = v === undefined ? (i.default !== undefined ? [i.default] : []) : Array.isArray(v) ? v : [v];
    for (const x of list) check(name, x, i);
    return list;
  }
  secret(name: string, value: string): string {
    this.secrets[name] = value;
    return `\${${name}}`;
  }
  lack(name: string, kind: "params" | "env") {
    if (!this.missing[kind].includes(name)) this.missing[kind].push(name);
  }
}

function check(name: string, value: string, i: Input): void {
  if (typeof value !== "string") {
    throw new AppError("invalid_input", `Value of "${name}" must be a string`, { param: name });
  }
  if (i.choices && i.choices.length > 0 && !i.choices.includes(value)) {
    throw new AppError("invalid_input", `Value "${value}" is not allowed for "${name}"`, {
      param: name,
      choices: i.choices,
    });
  }
  if (i.format === "boolean" && value !== "true" && value !== "false") {
    throw new AppError("invalid_input", `"${name}" takes true or false, got "${value}"`, {
      param: name,
      format: "boolean",
    });
  }
  if (i.format === "number" && (value.trim() === "" || !Number.isFinite(Number(value)))) {
    throw new AppError("invalid_input", `"${name}" takes a number, got "${value}"`, {
      param: name,
      format: "number",
    });
  }
}

const isSecret = (name: string, i: Input) => (i.isSecret ?? false) || SECRET_NAME.test(name);

/** Fills `{var}` placeholders; undefined when a variable has no value (recorded as missing if required). */
function fill(template: string, vars: Record<string, Input> | undefined, ctx: Ctx): string | undefined {
  let ok = true;
  const out = template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, key: string) => {
    const spec = vars?.[key];
    if (!spec) return whole;
    const [v] = ctx.values(key, spec);
    if (v === undefined) {
      if (spec.isRequired) ctx.lack(key, "params");
      ok = false;
      return whole;
    }
    return isSecret(key, spec) ? ctx.secret(refName(key), v) : v;
  });
  return ok ? out : undefined;
}

function renderArgs(args: Argument[] | undefined, ctx: Ctx): string[] {
  const out: string[] = [];
  (args ?? []).forEach((a, i) => {
    const name = argParamName(a, i);
    let values: string[];
    if (a.value !== undefined) {
      const v = fill(a.value, a.variables, ctx);
      values = v === undefined ? [] : [v];
    } else {
      values = ctx.values(name, a);
      if (values.length === 0 && a.isRequired) ctx.lack(name, "params");
      if (isSecret(name, a)) {
        values = values.map((v, k) => ctx.secret(refName(k ? `${name}_${k + 1}` : name), v));
      }
    }
    if (a.type === "positional") out.push(...values);
    else if (a.format === "boolean") out.push(...(values.some((v) => v === "true") ? [a.name] : []));
    else for (const v of values) out.push(a.name, v);
  });
  return out;
}

/** One env var or header: its entry value (`${VAR}` for secrets) or undefined when absent. */
function renderKv(kv: KeyValueInput, kind: "env" | "params", ctx: Ctx, ref: string): string | undefined {
  if (kv.value !== undefined) {
    const v = fill(kv.value, kv.variables, ctx);
    if (v === undefined && kv.isRequired) ctx.lack(kv.name, kind);
    return v;
  }
  const [v] = ctx.values(kv.name, kv);
  const secret = isSecret(kv.name, kv);
  if (v === undefined) {
    if (!kv.isRequired) return undefined;
    ctx.lack(kv.name, kind);
    return secret ? `\${${ref}}` : undefined;
  }
  return secret ? ctx.secret(ref, v) : v;
}

function renderEnv(
  pkg: Package,
  ctx: Ctx,
  declared: Set<string>,
  warnings: string[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of pkg.environmentVariables ?? []) {
    const v = renderKv(kv, "env", ctx, kv.name);
    if (v !== undefined) env[kv.name] = v;
  }
  for (const [name, value] of Object.entries(ctx.env)) {
    if (declared.has(name)) continue;
    warnings.push(`Environment variable "${name}" is not declared by the server; passed through as given`);
    env[name] = SECRET_NAME.test(name) ? ctx.secret(name, value) : value;
  }
  return env;
}

function packageEntry(
  pkg: Package,
  ctx: Ctx,
  pin: boolean,
  declared: Set<string>,
  warnings: string[],
): NeutralStdio {
  const runtime = renderArgs(pkg.runtimeArguments, ctx);
  const pkgArgs = renderArgs(pkg.packageArguments, ctx);
  const env = renderEnv(pkg, ctx, declared, warnings);
  const ver = pin && pkg.version ? pkg.version : undefined;
  let command: string;
  let args: string[];
  switch (pkg.registryType) {
    case "npm":
      command = "npx";
      args = ["-y", ...runtime, ver ? `${pkg.identifier}@${ver}` : pkg.identifier, ...pkgArgs];
      break;
    case "pypi":
      command = "uvx";
      args = [...runtime, ver ? `${pkg.identifier}@${ver}` : pkg.identifier, ...pkgArgs];
      break;
    case "oci": {
      command = "docker";
      const hasTag = /:[^/]+$|@sha256:/.test(pkg.identifier);
      const image = ver && !hasTag ? `${pkg.identifier}:${ver}` : pkg.identifier;
      const envFlags = Object.keys(env).flatMap((k) => ["-e", k]);
      if (runtime[0] === "run") {
        // The publisher wrote the whole `docker run ...` line (as github-mcp-server does).
        const bare = pkg.identifier.replace(/[:@].*$/, "");
        const named = runtime.some((a) => a === pkg.identifier || a === bare || a.startsWith(`${bare}:`));
        args = ["run", ...envFlags, ...runtime.slice(1), ...(named ? [] : [image]), ...pkgArgs];
      } else args = ["run", "-i", "--rm", ...envFlags, ...runtime, image, ...pkgArgs];
      break;
    }
    default:
      throw new AppError(
        "invalid_input",
        `Package type "${pkg.registryType}" of "${pkg.identifier}" is not supported (npm, pypi, oci are)`,
        { registryType: pkg.registryType, supported: ["npm", "pypi", "oci"] },
      );
  }
  const entry: NeutralStdio = { command, args };
  if (Object.keys(env).length > 0) entry.env = env;
  return entry;
}

function remoteEntry(source: Extract<Source, { kind: "remote" }>, ctx: Ctx): NeutralRemote {
  const r = source.remote;
  const url = fill(r.url, r.variables, ctx) ?? r.url;
  const entry: NeutralRemote = { type: source.transport === "sse" ? "sse" : "http", url };
  const headers: Record<string, string> = {};
  for (const h of r.headers ?? []) {
    const v = renderKv(h, "params", ctx, refName(h.name));
    if (v !== undefined) headers[h.name] = v;
  }
  if (Object.keys(headers).length > 0) entry.headers = headers;
  return entry;
}

/**
 * Resolves a server into a neutral entry. Refuses unknown params (AppError `invalid_input` with
 * the known names) and values outside `choices`/`format`; reports missing required inputs in
 * `missing` instead of throwing.
 */
export function resolveServer(server: ServerJson, opts: ResolveOptions = {}): ResolveResult {
  const source = selectSource(server, opts.transport);
  const specs: InputSpec[] = inputsOf(source);
  const known = specs.map((s) => s.name);
  const unknown = Object.keys(opts.params ?? {}).filter((k) =>
    !known.includes(k) && !known.includes(k.replace(/^-+/, ""))
  );
  if (unknown.length > 0) {
    throw new AppError(
      "invalid_input",
      `Unknown parameter${unknown.length > 1 ? "s" : ""} ${
        unknown.map((u) => `"${u}"`).join(", ")
      } for "${server.name}"`,
      { unknown, known },
    );
  }
  const params: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(opts.params ?? {})) params[k.replace(/^-+/, "")] = v;
  const ctx = new Ctx(params, opts.env ?? {});
  const warnings: string[] = [];
  const meta = catalogMeta(server);
  if (meta.deprecated) {
    const succ = meta.deprecated.successor ? ` Use "${meta.deprecated.successor}" instead.` : "";
    warnings.push(`"${meta.id ?? server.name}" is deprecated: ${meta.deprecated.reason}${succ}`);
  }
  let entry: NeutralEntry;
  if (source.kind === "package") {
    if (source.transport !== "stdio") {
      throw new AppError(
        "invalid_input",
        `Package transport "${source.pkg.transport.type}" is not supported`,
        {},
      );
    }
    const declared = new Set((source.pkg.environmentVariables ?? []).map((e) => e.name));
    for (const s of specs) if (s.kind === "variable") declared.add(s.name);
    entry = packageEntry(source.pkg, ctx, opts.pin ?? false, declared, warnings);
  } else {
    if (source.transport === "sse") {
      warnings.push("SSE is a legacy MCP transport; prefer streamable HTTP where offered");
    }
    const names = new Set([...templateVars(source.remote.url), ...specs.map((s) => s.name)]);
    for (const k of Object.keys(opts.env ?? {})) {
      if (!names.has(k)) warnings.push(`Environment variable "${k}" is ignored by a remote server`);
    }
    entry = remoteEntry(source, ctx);
  }
  return { entry, secrets: ctx.secrets, warnings, missing: ctx.missing, transport: source.transport };
}
