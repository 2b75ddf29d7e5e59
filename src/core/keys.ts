/**
 * Names that become keys of a client file's objects: environment variables and HTTP headers. One rule
 * for both doors (the CLI's `--env K=V` / `--header K:V`, the MCP tools' `env_vars` / `headers`):
 *
 * - an environment variable name is a letter or `_`, then letters, digits and `_`
 *   (`^[A-Za-z_][A-Za-z0-9_]*$`, what shells export and `${VAR}` references name), at most 200;
 * - a header name is an HTTP token (RFC 9110), at most 200;
 * - neither is a property every JavaScript object has (`__proto__`, `constructor`, `toString`, ...):
 *   JavaScript clients read such a key as that property (Claude Code drops a server whose `env` holds
 *   `constructor`; `__proto__` vanishes from Claude Code's and Gemini CLI's reading of the file).
 *
 * @example
 * checkEnvName("GITHUB_TOKEN"); // "GITHUB_TOKEN"
 * checkEnvName("constructor");  // throws invalid_input
 */
import { AppError } from "./errors.ts";

/** The own properties of `Object.prototype`, which every object literal inherits. */
export const OBJECT_MEMBERS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

export const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;
export const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/;

const MEMBER_WHY =
  "every JavaScript object has a property of that name, and JavaScript clients read the key " +
  'as that property (Claude Code does not load a server whose env holds "constructor"; "__proto__" vanishes)';

function quoted(name: unknown): string {
  return typeof name === "string" ? JSON.stringify(name.slice(0, 200)) : String(name);
}

/** Why `name` cannot be an environment variable name, or null. */
export function envNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || !ENV_NAME_RE.test(name)) {
    return "use a letter or _ followed by letters, digits and _ (at most 200 characters)";
  }
  return OBJECT_MEMBERS.has(name) ? MEMBER_WHY : null;
}

/** Why `name` cannot be an HTTP header name, or null. */
export function headerNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || !HEADER_NAME_RE.test(name)) {
    return "use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (an HTTP token, at most 200 characters)";
  }
  return OBJECT_MEMBERS.has(name) ? MEMBER_WHY : null;
}

/** Returns `name` when it is a valid environment variable name, else throws `invalid_input`. */
export function checkEnvName(name: unknown): string {
  const why = envNameProblem(name);
  if (why) {
    throw new AppError("invalid_input", `Invalid environment variable name ${quoted(name)}: ${why}`, {
      env: typeof name === "string" ? name.slice(0, 200) : null,
    });
  }
  return name as string;
}

/** Returns `name` when it is a valid HTTP header name, else throws `invalid_input`. */
export function checkHeaderName(name: unknown): string {
  const why = headerNameProblem(name);
  if (why) {
    throw new AppError("invalid_input", `Invalid header name ${quoted(name)}: ${why}`, {
      header: typeof name === "string" ? name.slice(0, 200) : null,
    });
  }
  return name as string;
}

/** The `env.K` / `headers.K` fields of a neutral entry whose key is an object member (see above): a
 * client file cannot carry them, whoever wrote the entry (a draft, a file, an older artifact). */
export function memberKeys(entry: unknown): string[] {
  const out: string[] = [];
  if (typeof entry !== "object" || entry === null) return out;
  for (const field of ["env", "headers"]) {
    const m = (entry as Record<string, unknown>)[field];
    if (typeof m !== "object" || m === null || Array.isArray(m)) continue;
    for (const k of Object.keys(m)) if (OBJECT_MEMBERS.has(k)) out.push(`${field}.${k}`);
  }
  return out;
}
