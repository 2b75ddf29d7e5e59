/**
 * A probe's finding as a stable cause, a message quoting the evidence, and a fix that works for the
 * client the server belongs to (its launch rules say how it passes env, expands variables and times out).
 */
import type { ClientRecord } from "../clients/types.ts";
import type { VarUse } from "./expand.ts";
import type { Cause, Launch, ProbeFailure, ProbeResult } from "./types.ts";

export interface Finding {
  cause: Cause;
  message: string;
  hint: string;
}

/** Output of npx, uvx/uv/pip and docker when the package or image could not be fetched. */
const FETCH_FAILED = [
  /npm (?:ERR!|error) (?:code )?(?:E404|ETARGET|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|E401|E403|ENETUNREACH|EINTEGRITY)/i,
  /npm (?:ERR!|error) 404\b/i,
  /npm (?:ERR!|error) could not determine executable to run/i,
  /No solution found when resolving/i,
  /not found in the package registry/i,
  /error: Failed to (?:fetch|download)/i,
  /Could not find a version that satisfies the requirement/i,
  /Unable to find image .* locally/i,
  /pull access denied|manifest unknown|manifest for .* not found/i,
];

/** True when the stderr lines are a package manager failing to fetch. */
export function isFetchFailure(stderr: string[]): boolean {
  return stderr.some((l) => FETCH_FAILED.some((re) => re.test(l)));
}

function commandOf(l: Launch): string {
  return l.transport === "stdio" ? l.command : l.url;
}

function timeoutHint(client: ClientRecord): string {
  const how = client.launch.timeoutSetting;
  return how ? ` ${client.displayName} reads its startup limit from ${how}.` : "";
}

/** The finding for a failed probe (before the missing-variable overlay). */
function probeFinding(f: ProbeFailure, r: ProbeResult, l: Launch, client: ClientRecord): Finding {
  const cmd = commandOf(l);
  const byHand = l.transport === "stdio"
    ? `Run it by hand to see what it does: ${[l.command, ...l.args].join(" ")}`
    : "";
  const fetcher = l.transport === "stdio" &&
    /^(npx|uvx|uv|pnpx|bunx|docker|pipx)(\.cmd|\.exe)?$/i.test(l.command.replace(/^.*[\\/]/, ""));
  switch (f.kind) {
    case "spawn":
      if (f.error === "not_found") {
        const path = l.transport === "stdio" ? l.env.PATH ?? l.env.Path ?? "" : "";
        return {
          cause: "command_not_found",
          message: `"${cmd}" was not found (searched the PATH the server gets${path ? `: ${path}` : ""})`,
          hint:
            `Install it, or put its absolute path in the entry's command (\`command -v ${cmd}\` prints it).` +
            (client.launch.env === "allow-list" || client.launch.path !== "entry-wins"
              ? ` ${client.displayName} does not start servers with your shell's environment.`
              : ""),
        };
      }
      if (f.error === "permission_denied") {
        return {
          cause: "not_executable",
          message: `"${cmd}" cannot be executed: ${f.message}`,
          hint:
            `Make it executable (chmod +x ${cmd}) or start it through its interpreter (e.g. node ${cmd}).`,
        };
      }
      return { cause: "exited", message: `"${cmd}" could not be started: ${f.message}`, hint: byHand };
    case "exited": {
      const how = f.signal ? `was killed by ${f.signal}` : `exited with code ${f.code}`;
      if (isFetchFailure(r.stderr)) {
        return {
          cause: "package_fetch_failed",
          message: `"${cmd}" could not fetch the server's package (it ${how} during ${f.phase})`,
          hint: `Check the package or image name and version, and that the registry is reachable. ${byHand}`,
        };
      }
      return {
        cause: "exited",
        message: `The server ${how} during ${f.phase}${r.stderr.length ? "" : " without writing to stderr"}`,
        hint: byHand,
      };
    }
    case "bad_output":
      return {
        cause: "bad_output",
        message: `The server wrote a line that is not JSON-RPC to stdout: ${JSON.stringify(f.line)}`,
        hint: "An MCP stdio server must write only JSON-RPC messages to stdout; its logs belong on stderr " +
          "(console.error, logging to sys.stderr). Fix or configure its logging.",
      };
    case "timeout":
      return {
        cause: "timeout",
        message: `No answer to ${f.phase} after ${f.after_ms} ms (${f.limit})`,
        hint:
          (l.transport === "stdio"
            ? (fetcher
              ? `A first run of ${l.command} downloads the package: run it once by hand, then check again. `
              : "") +
              `${byHand} (does it wait for something, or print nothing?).`
            : `Check that ${l.url} is an MCP endpoint that answers.`) + timeoutHint(client),
      };
    case "protocol":
      return {
        cause: "protocol_error",
        message: f.message,
        hint: /protocol version/.test(f.message)
          ? "Update the server (or pin a version that speaks a protocol version clients support)."
          : "The server does not follow the MCP protocol here; update it or report it to its authors.",
      };
    case "http_status":
      if (f.status === 401 || f.status === 403) {
        return {
          cause: "auth_required",
          message: `HTTP ${f.status} at ${f.phase}${
            f.authenticate ? `; WWW-Authenticate: ${f.authenticate}` : ""
          }`,
          hint:
            `The server wants credentials: give a token in a header (stored as a secret: add-server --header "Authorization:Bearer \${TOKEN}"), or sign in through ${client.displayName} if it runs an OAuth flow for remote servers.`,
        };
      }
      return {
        cause: "protocol_error",
        message: `HTTP ${f.status} at ${f.phase}${f.body ? `: ${f.body.slice(0, 200)}` : ""}`,
        hint: l.transport === "http" && (f.status === 404 || f.status === 405)
          ? "Check the URL; if the server speaks the older SSE transport, set the entry's type to sse."
          : "Check the URL and that the server is healthy.",
      };
    case "network":
      return f.tls
        ? {
          cause: "tls_error",
          message: `TLS failed for ${cmd}: ${f.message}`,
          hint:
            "Check the server's certificate (expired, self-signed, wrong host name) or use its correct https URL.",
        }
        : {
          cause: "connection_failed",
          message: `Cannot connect to ${cmd}: ${f.message}`,
          hint: "Check that the server is running and that the host and port are right.",
        };
  }
}

/** How a variable reaches a server of this client. */
function envHint(client: ClientRecord, names: string[], inSecrets: string[], remote = false): string {
  const list = names.join(", ");
  const stored = inSecrets.length
    ? ` ${inSecrets.join(", ")} ${
      inSecrets.length > 1 ? "are" : "is"
    } stored in secrets.json, which ${client.displayName} does not read: deploy with --secrets literal, or export it.`
    : "";
  if (client.secretSyntax === "names-only") {
    return `Export ${list} in the environment ${client.displayName} starts from (it passes variables by name).${stored}`;
  }
  if (client.launch.expand.length === 0) {
    return `${client.displayName} does not expand \${VAR}: put the value in the entry's env (deploy with --secrets literal after storing it).${stored}`;
  }
  const where = remote ? "the header" : "the entry";
  return `Export ${list} before starting ${client.displayName}, or write the value into ${where} in place of the reference.${stored}`;
}

/** Failures an unset variable cannot explain (the machine or the network did it). */
const NOT_FROM_ENV = new Set(["connection_failed", "tls_error", "package_fetch_failed", "not_executable"]);

/** The finding for a failed probe; a failure of a server whose variables were unset is `missing_env`
 * (unless the failure is one no variable explains: then the unset variables are a warning). */
export function classify(
  r: ProbeResult,
  l: Launch,
  client: ClientRecord,
  vars: VarUse[],
  inSecrets: string[],
): Finding {
  const f = probeFinding(r.failure!, r, l, client);
  const unset = vars.filter((v) => v.source === "unset").map((v) => v.name);
  if (unset.length === 0 || NOT_FROM_ENV.has(f.cause)) return f;
  return {
    cause: "missing_env",
    message: `${unset.join(", ")} ${
      unset.length > 1 ? "are" : "is"
    } not set for ${client.displayName}; then: ${f.message}`,
    hint: envHint(client, unset, inSecrets.filter((n) => unset.includes(n)), l.transport !== "stdio"),
  };
}

/** The finding for required inputs with no value anywhere (catalogue `isRequired`), before any start. */
export function missingInputs(client: ClientRecord, names: string[], inSecrets: string[]): Finding {
  return {
    cause: "missing_env",
    message: `The catalogue marks ${
      names.join(", ")
    } as required and no value is set (draft, secrets.json or environment)`,
    hint: envHint(client, names, inSecrets),
  };
}
