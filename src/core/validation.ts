/**
 * The validation rules of a draft, pure. Limits: at most MAX_SERVERS (50) servers per configuration
 * and MAX_ENV_VARS (100) environment variables per server. Messages never quote a secret value.
 *
 * Errors: EMPTY_CONFIG, TOO_MANY_SERVERS, UNKNOWN_CLIENT, MISSING_COMMAND, INVALID_ARGS_TYPE,
 * INVALID_ENV_TYPE, TOO_MANY_ENV_VARS, INVALID_URL, MISSING_ENV, MISSING_PARAM, PLAINTEXT_SECRET (a
 * literal secret: a known token shape, a literal under a secret env name or auth header, a secret flag
 * value in args, a URL password or secret query value; secret_spans.ts), UNRESOLVED_PLACEHOLDER (a `{var}` left, or a
 * `${VAR}` with no stored value on a client without a reference syntax), INVALID_SERVER_NAME (a name
 * the client's reader refuses or drops), INVALID_ENV_NAME (an env or header key every JavaScript
 * object has, e.g. `constructor`).
 * Warnings: EMPTY_ENV_VAR, RELATIVE_PATH (a catalogue `filepath` input given a relative path or `~`),
 * UNSUPPORTED_TRANSPORT (deploy bridges it through mcp-remote),
 * DEPRECATED_SERVER, PLAINTEXT_SECRET (a long random-looking literal), UNRESOLVED_PLACEHOLDER (the
 * client expands `${VAR}` from its environment), SERVER_NOT_IN_REGISTRY.
 */
import { looksLikeToken } from "./secret_detect.ts";
import { entryRefs, literalSecretFields } from "./secret_extract.ts";
import { memberKeys } from "./keys.ts";

export const MAX_SERVERS = 50;
export const MAX_ENV_VARS = 100;

/** One finding. */
export interface Issue {
  code: string;
  server?: string;
  message: string;
  field?: string;
  [extra: string]: unknown;
}

/** What the rules know about a client. */
export interface ClientFacts {
  id: string;
  displayName: string;
  remote: "native" | "bridge" | "http-only";
  secretSyntax: string;
  /** Why the client cannot read a server of this name, or null (clients/server_names.ts). */
  serverNameProblem?(name: string): string | null;
}

/** One server to check, with what the catalogue says about it. */
export interface ServerFacts {
  name: string;
  entry: unknown;
  missingEnv?: string[];
  missingParams?: string[];
  /** Required inputs given as empty text (`--param allowed_directory=`). */
  emptyInputs?: { name: string; kind: "env" | "param" }[];
  /** File path inputs given a relative path: the message for each. */
  relativePaths?: { input: string; message: string }[];
  deprecated?: { reason: string; successor?: string };
  notInRegistry?: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  server_count: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:";
  } catch {
    return false;
  }
}

const TEMPLATE = /(?<!\$)\{[A-Za-z_][A-Za-z0-9_]*\}/;

function checkSecrets(s: ServerFacts, e: Obj, err: (i: Issue) => void, warn: (i: Issue) => void) {
  const flagged = new Set<string>();
  for (const { field } of literalSecretFields(e)) {
    flagged.add(field);
    err({
      code: "PLAINTEXT_SECRET",
      server: s.name,
      field,
      message:
        `Server '${s.name}' has a literal secret in ${field}: give it again with add-server --replace (or import-config --replace) so it goes to secrets.json and the configuration holds a \${VAR} reference`,
    });
  }
  const strings: [string, string][] = [];
  if (isObj(e.env)) {
    for (const [k, v] of Object.entries(e.env)) if (typeof v === "string") strings.push([`env.${k}`, v]);
  }
  if (isObj(e.headers)) {
    for (const [k, v] of Object.entries(e.headers)) {
      if (typeof v === "string") strings.push([`headers.${k}`, v]);
    }
  }
  if (Array.isArray(e.args)) {
    e.args.forEach((v, i) => typeof v === "string" && strings.push([`args[${i}]`, v]));
  }
  if (typeof e.url === "string") strings.push(["url", e.url]);
  for (const [field, v] of strings) {
    if (!flagged.has(field) && looksLikeToken(v) === "entropy") {
      warn({
        code: "PLAINTEXT_SECRET",
        server: s.name,
        field,
        message:
          `Server '${s.name}': ${field} holds a long random-looking literal; if it is a secret, pass it as a reference`,
      });
    }
    if (TEMPLATE.test(v)) {
      err({
        code: "UNRESOLVED_PLACEHOLDER",
        server: s.name,
        field,
        message: `Server '${s.name}': ${field} still holds a {placeholder}`,
      });
    }
  }
}

function checkEntry(
  s: ServerFacts,
  client: ClientFacts | null,
  err: (i: Issue) => void,
  warn: (i: Issue) => void,
) {
  const e = s.entry;
  if (!isObj(e)) {
    err({
      code: "MISSING_COMMAND",
      server: s.name,
      message: `Server '${s.name}' is not an object with a command or url`,
    });
    return;
  }
  if (typeof e.url === "string" || e.type === "http" || e.type === "sse") {
    const badUrl = typeof e.url !== "string" || !isHttpUrl(e.url.replace(/\$\{[^}]*\}/g, "x"));
    if (badUrl) {
      err({
        code: "INVALID_URL",
        server: s.name,
        field: "url",
        message: `Server '${s.name}' has an invalid URL ${JSON.stringify(e.url)}: give an http(s) URL`,
      });
    } else if (e.type !== "http" && e.type !== "sse") {
      err({
        code: "UNSUPPORTED_TRANSPORT",
        server: s.name,
        field: "type",
        message: `Server '${s.name}': a remote entry needs type "http" or "sse"`,
      });
    } else if (
      client && (client.remote === "bridge" || (client.remote === "http-only" && e.type === "sse"))
    ) {
      const what = client.remote === "bridge" ? "remote servers" : "SSE servers";
      warn({
        code: "UNSUPPORTED_TRANSPORT",
        server: s.name,
        bridge: "mcp-remote",
        message:
          `${client.displayName} cannot load ${what} from its config; deploy will run it through the mcp-remote bridge (npx -y mcp-remote ${e.url})`,
      });
    }
    if (
      e.headers !== undefined &&
      (!isObj(e.headers) || Object.values(e.headers).some((v) => typeof v !== "string"))
    ) {
      err({
        code: "INVALID_ENV_TYPE",
        server: s.name,
        field: "headers",
        message: `Server '${s.name}': headers must be an object of strings`,
      });
    }
  } else if (typeof e.command !== "string" || e.command.trim() === "") {
    err({
      code: "MISSING_COMMAND",
      server: s.name,
      field: "command",
      message: `Server '${s.name}' has no command`,
    });
  }
  if (e.args !== undefined && (!Array.isArray(e.args) || e.args.some((a) => typeof a !== "string"))) {
    err({
      code: "INVALID_ARGS_TYPE",
      server: s.name,
      field: "args",
      message: `Server '${s.name}': args must be a list of strings`,
    });
  }
  if (e.env !== undefined) {
    if (!isObj(e.env) || Object.values(e.env).some((v) => typeof v !== "string")) {
      err({
        code: "INVALID_ENV_TYPE",
        server: s.name,
        field: "env",
        message: `Server '${s.name}': env must be an object of string values`,
      });
    } else {
      const keys = Object.keys(e.env);
      if (keys.length > MAX_ENV_VARS) {
        err({
          code: "TOO_MANY_ENV_VARS",
          server: s.name,
          count: keys.length,
          max: MAX_ENV_VARS,
          message: `Server '${s.name}' has ${keys.length} env vars (at most ${MAX_ENV_VARS})`,
        });
      }
      for (const k of keys.filter((k) => e.env && (e.env as Obj)[k] === "")) {
        warn({
          code: "EMPTY_ENV_VAR",
          server: s.name,
          field: `env.${k}`,
          message: `Server '${s.name}': env var ${k} is empty`,
        });
      }
    }
  }
  checkSecrets(s, e, err, warn);
}

/**
 * Validates servers for a client (null: unknown client). `storedSecrets` are the names secrets.json
 * holds a value for.
 */
export function validateServers(
  clientId: string,
  client: ClientFacts | null,
  servers: ServerFacts[],
  storedSecrets: Set<string>,
): ValidationResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const err = (i: Issue) => errors.push(i);
  const warn = (i: Issue) => warnings.push(i);
  if (!client) err({ code: "UNKNOWN_CLIENT", client: clientId, message: `Unknown client "${clientId}"` });
  if (servers.length === 0) {
    err({ code: "EMPTY_CONFIG", message: "The configuration has no servers: add one with add-server" });
  }
  if (servers.length > MAX_SERVERS) {
    err({
      code: "TOO_MANY_SERVERS",
      count: servers.length,
      max: MAX_SERVERS,
      message: `${servers.length} servers (at most ${MAX_SERVERS})`,
    });
  }
  for (const s of servers) {
    if (s.notInRegistry) warn({ code: "SERVER_NOT_IN_REGISTRY", server: s.name, message: s.notInRegistry });
    if (s.deprecated) {
      const succ = s.deprecated.successor ? `; use '${s.deprecated.successor}' instead` : "";
      warn({
        code: "DEPRECATED_SERVER",
        server: s.name,
        successor: s.deprecated.successor ?? null,
        message: `Server '${s.name}' is deprecated: ${s.deprecated.reason}${succ}`,
      });
    }
    for (const v of s.missingEnv ?? []) {
      err({ code: "MISSING_ENV", server: s.name, variable: v, message: `Server '${s.name}' requires ${v}` });
    }
    for (const p of s.missingParams ?? []) {
      err({
        code: "MISSING_PARAM",
        server: s.name,
        param: p,
        message: `Server '${s.name}' requires the parameter ${p}`,
      });
    }
    for (const e of s.emptyInputs ?? []) {
      err({
        code: e.kind === "env" ? "MISSING_ENV" : "MISSING_PARAM",
        server: s.name,
        ...(e.kind === "env" ? { variable: e.name } : { param: e.name }),
        message: `Server '${s.name}' requires ${
          e.kind === "env" ? "" : "the parameter "
        }${e.name}: it is empty`,
      });
    }
    for (const r of s.relativePaths ?? []) {
      warn({ code: "RELATIVE_PATH", server: s.name, param: r.input, message: r.message });
    }
    const badName = client?.serverNameProblem?.(s.name);
    if (client && badName) {
      err({
        code: "INVALID_SERVER_NAME",
        server: s.name,
        message: `Server name '${s.name}' cannot be used with ${client.displayName}: ${badName}`,
      });
    }
    for (const field of memberKeys(s.entry)) {
      err({
        code: "INVALID_ENV_NAME",
        server: s.name,
        field,
        message:
          `Server '${s.name}': ${field} is a property every JavaScript object has; JavaScript clients read it as that property (rename it)`,
      });
    }
    checkEntry(s, client, err, warn);
    for (const ref of entryRefs(s.entry)) {
      if (storedSecrets.has(ref) || (s.missingEnv ?? []).includes(ref)) continue;
      const issue = { code: "UNRESOLVED_PLACEHOLDER", server: s.name, variable: ref };
      if (client && client.secretSyntax === "none") {
        err({
          ...issue,
          message:
            `Server '${s.name}' references \${${ref}} but no value is stored and ${client.displayName} cannot expand references`,
        });
      } else if (client) {
        warn({
          ...issue,
          message:
            `Server '${s.name}' references \${${ref}} with no stored value; ${client.displayName} must find it in its environment`,
        });
      }
    }
  }
  return { valid: errors.length === 0, errors, warnings, server_count: servers.length };
}
