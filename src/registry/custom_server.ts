/**
 * A custom draft server without a catalogue entry: a local command (`--command CMD --arg A...
 * --env K=V...`) or a remote URL (`--url URL --header K:V... --transport http|sse`). Literal secrets
 * (env, auth headers, secret flags in --arg, URL passwords and query tokens) are moved out into
 * references by the one extractor.
 */
import { AppError } from "../core/errors.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import { entryRefs, type Extracted, extractSecrets } from "../core/secret_extract.ts";
import type { DraftServer } from "../store/drafts.ts";

export interface CustomInput {
  command?: string;
  args?: string[];
  url?: string;
  headers?: Record<string, string>;
  env?: Record<string, string>;
  params?: Record<string, string | string[]>;
  transport?: string;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:";
  } catch {
    return false;
  }
}

/** The draft spec (without its name) and the secret values to store. */
export function customServer(name: string, c: CustomInput): {
  spec: Omit<DraftServer, "name">;
  secrets: Record<string, string>;
  extracted: Extracted[];
  warnings: string[];
} {
  if (c.command !== undefined && c.url !== undefined) {
    throw new AppError(
      "invalid_input",
      "Give either --command (local server) or --url (remote server), not both",
    );
  }
  if (c.params && Object.keys(c.params).length > 0) {
    throw new AppError(
      "invalid_input",
      "--param applies to catalogue servers; a custom server takes --arg, --env or --header",
      {
        params: Object.keys(c.params),
      },
    );
  }
  let entry: NeutralEntry;
  let transport: string;
  if (c.command !== undefined) {
    if (!c.command.trim()) throw new AppError("invalid_input", "The --command of a custom server is empty");
    if (c.transport && c.transport !== "stdio") {
      throw new AppError("invalid_input", `A --command server uses stdio, not "${c.transport}"`, {
        transport: c.transport,
      });
    }
    if (c.headers) throw new AppError("invalid_input", "--header applies to a --url server");
    entry = { command: c.command };
    if (c.args?.length) entry.args = [...c.args];
    if (c.env && Object.keys(c.env).length > 0) entry.env = { ...c.env };
    transport = "stdio";
  } else {
    const url = c.url ?? "";
    if (!isHttpUrl(url)) {
      throw new AppError("invalid_input", `Invalid --url "${url}": give an http(s) URL`, { url });
    }
    if (c.args?.length) throw new AppError("invalid_input", "--arg applies to a --command server");
    if (c.env && Object.keys(c.env).length > 0) {
      throw new AppError(
        "invalid_input",
        "--env applies to a --command server; a remote server takes --header",
      );
    }
    const type = c.transport ?? "http";
    if (type !== "http" && type !== "sse") {
      throw new AppError("invalid_input", `A --url server uses http or sse, not "${type}"`, {
        transport: type,
      });
    }
    entry = { type, url };
    if (c.headers && Object.keys(c.headers).length > 0) entry.headers = { ...c.headers };
    transport = type;
  }
  const x = extractSecrets(name, entry, {});
  const env = (x.entry as { env?: Record<string, string> }).env ?? {};
  const plainEnv = Object.fromEntries(Object.entries(env).filter(([k]) => c.env?.[k] === env[k]));
  return {
    spec: {
      source: { custom: true },
      transport,
      params: {},
      env: plainEnv,
      secret_refs: entryRefs(x.entry),
      entry: x.entry,
    },
    secrets: x.secrets,
    extracted: x.extracted,
    warnings: [],
  };
}
