/**
 * Secret references in strings: neutral `${VAR}` <-> a client's own syntax, or the literal value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { secretOut } from "./secrets.ts";
 * const ctx = { os: "linux", secrets: "reference", resolveSecret: () => undefined } as const;
 * assert.equal(secretOut("Bearer ${TOKEN}", "env-colon", ctx), "Bearer ${env:TOKEN}");
 * ```
 */
import { SECRET_REF } from "../core/neutral.ts";
import type { RenderContext, SecretSyntax } from "./types.ts";

/** Every `${VAR}` replaced by its stored value; a reference whose value is unknown stays as text. */
export function resolveLiterals(s: string, ctx: RenderContext): string {
  return s.replace(SECRET_REF, (ref, name: string) => ctx.resolveSecret(name) ?? ref);
}

/**
 * A neutral string written for a client. In "reference" mode the client's syntax is used where it has
 * one (a `${VAR:-default}` default is dropped for `${env:VAR}` / `$VAR`, which cannot hold one); clients
 * without one ("none", and the leftovers of "names-only") get literals.
 */
export function secretOut(s: string, syntax: SecretSyntax, ctx: RenderContext): string {
  if (ctx.secrets === "literal") return resolveLiterals(s, ctx);
  switch (syntax) {
    case "dollar-brace":
      return s;
    case "env-colon":
      return s.replace(SECRET_REF, (_ref, name: string) => "${env:" + name + "}");
    case "dollar":
      return s.replace(SECRET_REF, (_ref, name: string) => "$" + name);
    case "names-only":
    case "none":
      return resolveLiterals(s, ctx);
  }
}

const ENV_COLON = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const BARE_DOLLAR = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** A client string read back into neutral form: the client's references become `${VAR}`. */
export function secretIn(s: string, syntax: SecretSyntax): string {
  switch (syntax) {
    case "env-colon":
      return s.replace(ENV_COLON, (_ref, name: string) => "${" + name + "}");
    case "dollar":
      return s.replace(BARE_DOLLAR, (_ref, name: string) => "${" + name + "}");
    default:
      return s;
  }
}

/** The name when `s` is exactly one plain `${VAR}` reference, else undefined. */
export function exactRef(s: string): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(s);
  return m ? m[1] : undefined;
}

/**
 * Splits an env map for a "names-only" client: `KEY: "${KEY}"` (the value is the variable of the same
 * name) becomes a name; everything else stays a value.
 */
export function splitEnvNames(env: Record<string, string> | undefined): {
  env: Record<string, string> | undefined;
  names: string[];
} {
  if (!env) return { env, names: [] };
  const rest: Record<string, string> = {};
  const names: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (exactRef(v) === k) names.push(k);
    else rest[k] = v;
  }
  return { env: names.length > 0 && Object.keys(rest).length === 0 ? undefined : rest, names };
}

/** Inverse of `splitEnvNames`: each name back as `NAME: "${NAME}"`. */
export function joinEnvNames(
  env: Record<string, string> | undefined,
  names: unknown,
): Record<string, string> | undefined {
  if (!Array.isArray(names) || names.length === 0) return env;
  const out = { ...(env ?? {}) };
  for (const n of names) if (typeof n === "string") out[n] = "${" + n + "}";
  return out;
}
