/**
 * What a client would start for one entry, from the client's launch rules (src/clients/launch.ts): the
 * command, arguments, the whole environment the server gets, its working folder and the Windows
 * wrapping; for a remote entry the URL and headers. Pure: the environment, folders and OS are given.
 *
 * @example
 * planLaunch(getClient("claude-code"), { command: "npx", args: ["-y", "x"] }, ctx).launch;
 * // { transport: "stdio", command: "npx", args: ["-y", "x"], env: {...ctx.env, CLAUDECODE: "1", ...}, cwd: ctx.projectDir }
 */
import type { ExpandField, ExpandRule, LaunchRules } from "../clients/launch.ts";
import type { ClientRecord, OS } from "../clients/types.ts";
import { isRemote, type NeutralEntry, type NeutralRemote, type NeutralStdio } from "../core/neutral.ts";
import { isSecretHeader, isSecretName, looksLikeToken } from "../core/secret_detect.ts";
import { pathFor } from "../clients/paths.ts";
import { type Builtins, expandString, type VarSource, type VarUse } from "./expand.ts";
import type { Launch, LaunchPlan } from "./types.ts";
import { secretSpans } from "../core/secret_spans.ts";

export interface LaunchContext {
  os: OS;
  /** The client's environment (the user's). */
  env: Record<string, string>;
  /** The client's working folder: the project folder. */
  projectDir: string;
  userHome: string;
  /** Names whose values a render took from secrets.json (draft and artifact checks). */
  fromSecrets?: Set<string>;
  /** Every value of secrets.json (never shown). */
  secretValues?: string[];
}

type Strings = Record<string, string>;

/** The rule as it reads a parsed (neutral) entry: the record's parse turned its own reference syntax
 * into `${VAR}` (VS Code's `${env:VAR}`), so that form is matched as `${VAR}`. */
function neutralRule(rule: ExpandRule, client: ClientRecord): ExpandRule {
  if (client.secretSyntax !== "env-colon") return rule;
  return { ...rule, syntaxes: rule.syntaxes.map((x) => (x === "env-colon" ? "dollar-brace" : x)) };
}

function mapValues(o: Strings | undefined, f: (v: string) => string): Strings | undefined {
  return o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(String(v))])) : undefined;
}

/** Applies the client's expansion passes to the fields of `e`. */
function expandEntry(
  e: NeutralEntry,
  client: ClientRecord,
  ctx: LaunchContext,
  builtins: Builtins,
  uses: VarUse[],
): NeutralEntry {
  const sourceOf = (n: string): VarSource => (ctx.fromSecrets?.has(n) ? "secrets.json" : "environment");
  let out: Record<string, unknown> = { ...e };
  const rules = [...client.launch.expand];
  // A names-only client (codex env_vars, goose env_keys) hands the named variables over from its own
  // environment: after parse they read `NAME: "${NAME}"`.
  if (client.secretSyntax === "names-only") {
    rules.push({ syntaxes: ["dollar-brace"], fields: ["env", "headers"], unset: "keep" });
  }
  for (const raw of rules) {
    const rule = neutralRule(raw, client);
    const vars = rule.from === "entry-env" ? { ...(out.env as Strings | undefined) } : ctx.env;
    const f = (s: string) => expandString(s, rule, vars, builtins, uses, sourceOf);
    const has = (k: ExpandField) => rule.fields.includes(k);
    for (const k of ["command", "cwd", "url"] as const) {
      if (has(k) && typeof out[k] === "string") out[k] = f(out[k] as string);
    }
    if (has("args") && Array.isArray(out.args)) out.args = (out.args as unknown[]).map((a) => f(String(a)));
    if (has("env")) out.env = mapValues(out.env as Strings | undefined, f);
    if (has("headers")) out.headers = mapValues(out.headers as Strings | undefined, f);
    out = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  }
  return out as NeutralEntry;
}

/** The client's own environment as the server sees it before the entry's `env`. */
function baseEnv(rules: LaunchRules, ctx: LaunchContext): Strings {
  if (rules.env === "allow-list") {
    const list = rules.allow?.[ctx.os === "windows" ? "windows" : "posix"] ?? [];
    const out: Strings = {};
    for (const k of list) if (ctx.env[k] !== undefined) out[k] = ctx.env[k];
    return out;
  }
  if (rules.env === "inherit-minus-secrets") {
    const drop = new RegExp(rules.dropPattern ?? "(?!)", "i");
    return Object.fromEntries(Object.entries(ctx.env).filter(([k]) => !drop.test(k)));
  }
  return { ...ctx.env };
}

function pathKey(env: Strings, os: OS): string {
  return os === "windows" ? Object.keys(env).find((k) => k.toUpperCase() === "PATH") ?? "Path" : "PATH";
}

/** Base env + what the client sets + the entry's env, with the client's PATH rule. */
function serverEnv(
  rules: LaunchRules,
  ctx: LaunchContext,
  entryEnv: Strings,
  builtins: Builtins,
  names: boolean,
) {
  const env = baseEnv(rules, ctx);
  for (const [k, v] of Object.entries(rules.set ?? {})) {
    env[k] = expandString(v, { syntaxes: [], fields: [], unset: "keep", builtins: true }, {}, builtins, []);
  }
  const pk = pathKey(env, ctx.os);
  for (const [k, v] of Object.entries(entryEnv)) {
    // A names-only entry whose variable is unset: the client passes nothing.
    if (names && v === "${" + k + "}") continue;
    const isPath = ctx.os === "windows" ? k.toUpperCase() === "PATH" : k === "PATH";
    if (isPath && rules.path === "parent") continue;
    if (isPath && rules.path === "append" && env[pk]) {
      env[pk] = env[pk] + (ctx.os === "windows" ? ";" : ":") + v;
      continue;
    }
    env[isPath ? pk : k] = v;
  }
  return env;
}

/** Windows wrapping by the client's rule (recorded; it runs only on Windows). */
function wrapForWindows(rules: LaunchRules, command: string, args: string[]) {
  const base = command.replace(/^.*[\\/]/, "").toLowerCase().replace(/\.(cmd|exe|bat)$/, "");
  const w = rules.windows;
  if (w.wrap === "cmd-always" && base !== "cmd") {
    return { command: "cmd.exe", args: ["/c", command, ...args] };
  }
  if (w.wrap === "cmd-for" && (w.commands ?? []).includes(base)) {
    return { command: "cmd.exe", args: ["/c", command, ...args] };
  }
  return {
    command,
    args,
    shell: w.wrap === "shell-for-batch" && /\.(cmd|bat)$/i.test(command) ? true : undefined,
  };
}

function cwdFor(rules: LaunchRules, e: NeutralStdio, ctx: LaunchContext): string {
  const p = pathFor(ctx.os);
  if (rules.cwd.field && typeof e.cwd === "string" && e.cwd !== "") {
    const c = e.cwd.replace(/^~(?=$|[\\/])/, ctx.userHome);
    return p.isAbsolute(c) ? c : p.resolve(ctx.projectDir, c);
  }
  if (rules.cwd.fallback === "home") return ctx.userHome;
  if (rules.cwd.fallback === "root") return ctx.os === "windows" ? (ctx.env.SYSTEMDRIVE ?? "C:") + "\\" : "/";
  return ctx.projectDir;
}

const secretVar = (k: string) =>
  isSecretName(k) || /TOKEN|SECRET|PASS|APIKEY|API_KEY|CREDENTIAL|(^|_)PWD$|(^|_)AUTH$/i.test(k);

/** The defaults written in the entry for secret variables (`${API_KEY:-sk-live-...}`), or that look like
 * tokens: literal secrets in the file, whether the client used them (variable unset) or not. Read from the
 * entry as written, before any client's expansion, so every client's syntax is covered alike. */
function secretDefaults(entry: NeutralEntry): string[] {
  const e = entry as Record<string, unknown>;
  const strings: string[] = [];
  for (const k of ["command", "url", "cwd"]) if (typeof e[k] === "string") strings.push(e[k] as string);
  if (Array.isArray(e.args)) { for (const a of e.args) strings.push(String(a)); }
  for (const k of ["env", "headers"]) {
    const o = e[k];
    if (o && typeof o === "object") { for (const v of Object.values(o)) strings.push(String(v)); }
  }
  const out: string[] = [];
  for (const str of strings) {
    for (const m of str.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)\}/g)) {
      if (secretVar(m[1]) || looksLikeToken(m[2])) out.push(m[2]);
    }
  }
  return out;
}

/** Values never to show: secrets.json values, secret-looking variables and headers, token shapes. */
function secretValuesOf(
  ctx: LaunchContext,
  env: Strings,
  headers: Strings,
  uses: VarUse[],
  entry: NeutralEntry,
): string[] {
  const out = new Set([...(ctx.secretValues ?? []), ...secretDefaults(entry)]);
  for (const [k, v] of Object.entries(ctx.env)) if (secretVar(k) || looksLikeToken(v)) out.add(v);
  for (const u of uses) if (secretVar(u.name) && ctx.env[u.name] !== undefined) out.add(ctx.env[u.name]);
  for (const [k, v] of Object.entries(env)) if (secretVar(k) || looksLikeToken(v)) out.add(v);
  for (const [k, v] of Object.entries(headers)) {
    if (isSecretHeader(k) || looksLikeToken(v)) {
      out.add(v);
      const bearer = /^\S+\s+(\S{4,})$/.exec(v);
      if (bearer) out.add(bearer[1]);
    }
  }
  return [...out].filter((v) => v.length >= 4);
}

/** The launch of `entry` (already parsed from the client's form) as `client` would do it. */
export function planLaunch(client: ClientRecord, entry: NeutralEntry, ctx: LaunchContext): LaunchPlan {
  const rules = client.launch;
  const builtins: Builtins = { workspaceFolder: ctx.projectDir, userHome: ctx.userHome };
  const uses: VarUse[] = [];
  const e = expandEntry(entry, client, ctx, builtins, uses);
  if (isRemote(e)) {
    const r = e as NeutralRemote;
    const headers = { ...(r.headers ?? {}) };
    return {
      launch: { transport: r.type, url: r.url, headers },
      vars: dedupe(uses),
      secrets: secretValuesOf(ctx, {}, headers, uses, entry),
    };
  }
  const s = e as NeutralStdio;
  const env = serverEnv(rules, ctx, (s.env ?? {}) as Strings, builtins, client.secretSyntax === "names-only");
  let { command, args, shell } = {
    command: s.command,
    args: (s.args ?? []).map(String),
    shell: undefined as boolean | undefined,
  };
  if (ctx.os === "windows") ({ command, args, shell } = wrapForWindows(rules, command, args));
  return {
    launch: {
      transport: "stdio",
      command,
      args,
      env,
      cwd: cwdFor(rules, s, ctx),
      ...(shell ? { shell } : {}),
    },
    vars: dedupe(uses),
    secrets: secretValuesOf(ctx, env, {}, uses, entry),
  };
}

function dedupe(uses: VarUse[]): VarUse[] {
  const seen = new Map<string, VarUse>();
  for (const u of uses) if (!seen.has(u.name) || seen.get(u.name)!.source === "unset") seen.set(u.name, u);
  return [...seen.values()];
}

/** Secrets written literally in the launch (`--password X`, `--api-key=X`, a URL password or query key):
 * the server may echo them (its argv on stderr, its log), so doctor and `logs` hide them as values
 * everywhere, not only in the args. */
export function literalSecrets(l: Launch): string[] {
  const found = (s: string, place: Parameters<typeof secretSpans>[1]) =>
    secretSpans(s, place).map((x) => s.slice(x.start, x.end));
  return l.transport === "stdio"
    ? l.args.flatMap((a, i) => found(a, { kind: "arg", prev: l.args[i - 1] }))
    : found(l.url, { kind: "url" });
}
