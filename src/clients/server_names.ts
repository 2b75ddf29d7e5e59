/**
 * The server names a client's own reader cannot take, per client record. Each rule comes from running
 * the real client on a file that holds the name (claude 2.1.197, codex-cli 0.171.0, gemini 0.61.0:
 * `tests/e2e/real_client_names_test.ts` checks the refused and the allowed names against them).
 *
 * Every client: `__proto__`, which JavaScript readers drop without a word (Claude Code and Gemini CLI
 * list every other server and not that one).
 *
 * @example
 * const problem = nameProblem({ pattern: { re: /^[a-z]+$/, why: "letters only" } });
 * problem("a.b"); // "letters only"
 */
import { AppError } from "../core/errors.ts";

/** What a client's reader refuses, and what it does with such a name (the end of the error message). */
export interface ServerNameRule {
  /** Every name must match `re`. */
  pattern?: { re: RegExp; why: string };
  /** These names are refused. */
  refused?: { names: string[]; why: string };
}

const EVERY_CLIENT: ServerNameRule = {
  refused: {
    names: ["__proto__"],
    why:
      "JavaScript readers drop an entry of that name (Claude Code and Gemini CLI load every other server, not this one)",
  },
};

/** The rule in words (for the client reference), or null when the client has no rule of its own. */
export function describeNameRule(rule: ServerNameRule): string | null {
  const parts: string[] = [];
  if (rule.refused) {
    parts.push(`${rule.refused.names.map((n) => "`" + n + "`").join(", ")}: ${rule.refused.why}`);
  }
  if (rule.pattern) parts.push(`a name outside \`${rule.pattern.re.source}\`: ${rule.pattern.why}`);
  return parts.length ? parts.join("; ") : null;
}

/** The check of `rule` (plus the rule of every client): why a name cannot be used, or null. */
export function nameProblem(rule: ServerNameRule = {}): (name: string) => string | null {
  return (name) => {
    for (const r of [EVERY_CLIENT, rule]) {
      if (r.refused?.names.includes(name)) return r.refused.why;
      if (r.pattern && !r.pattern.re.test(name)) return r.pattern.why;
    }
    return null;
  };
}

/** What `checkServerNameFor` needs of a client record. */
export interface NamedClient {
  id: string;
  displayName: string;
  serverNameProblem(name: string): string | null;
}

/** Throws `invalid_input` when `client` cannot read a server named `name`; returns the name. */
export function checkServerNameFor(client: NamedClient, name: string): string {
  const why = client.serverNameProblem(name);
  if (why !== null) {
    throw new AppError(
      "invalid_input",
      `Server name ${JSON.stringify(name.slice(0, 200))} cannot be used with ${client.displayName}: ${why}`,
      { server: name.slice(0, 200), client_id: client.id },
    );
  }
  return name;
}
