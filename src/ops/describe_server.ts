/**
 * describe-server: a catalogue server's inputs, env, transports and install hints, plus a usage example
 * rendered for a chosen client (secrets as references, placeholders for required values).
 */
import type { NeutralEntry } from "../core/neutral.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import type { ServerDescription } from "../registry/catalog.ts";
import { inputsOf, type InputSpec, selectSource } from "../registry/inputs.ts";
import { resolveServer } from "../registry/resolve.ts";
import { loadCatalog } from "../registry/user_files.ts";

export interface UsageExample {
  client_id: string;
  transport: string;
  /** The command that adds the server to a draft. */
  command: string;
  /** The neutral entry (secrets as `${VAR}`). */
  entry: NeutralEntry;
  /** The client's config fragment, as deploy would write it. */
  snippet: Record<string, unknown>;
}

export interface DescribeServerResult extends ServerDescription {
  usage_example: UsageExample;
}

function placeholder(s: InputSpec): string {
  if (s.choices?.length) return s.choices[0];
  if (s.format === "boolean") return "true";
  if (s.format === "number") return "1";
  return `<${s.placeholder ?? s.name}>`;
}

function wrap(client: ClientRecord, name: string, native: NativeEntry): Record<string, unknown> {
  const loc = client.servers;
  let inner: unknown = loc.shape === "map" ? { [name]: native } : [{ [loc.nameKey]: name, ...native }];
  for (const k of [...loc.path].reverse()) inner = { [k]: inner };
  return inner as Record<string, unknown>;
}

/** The description of `id` with a usage example for `client` (default claude-desktop). */
export async function describeServer(
  deps: Deps,
  input: { id: string; client?: string },
): Promise<DescribeServerResult> {
  const client = getClient(input.client ?? "claude-desktop");
  const { catalog } = await loadCatalog(deps);
  const desc = catalog.describe(input.id);
  const server = catalog.get(input.id).server;
  const source = selectSource(server);
  const params: Record<string, string> = {};
  const env: Record<string, string> = {};
  const flags: string[] = [];
  for (const s of inputsOf(source)) {
    if (!s.isRequired || s.default !== undefined) continue;
    const v = placeholder(s);
    if (s.kind === "env") env[s.name] = v;
    else params[s.name] = v;
    flags.push(s.kind === "env" ? `--env ${s.name}=${v}` : `--param ${s.name}=${v}`);
  }
  const r = resolveServer(server, { params, env, transport: source.transport });
  const native = client.render(desc.id, r.entry, {
    os: deps.os,
    secrets: "reference",
    resolveSecret: () => undefined,
  });
  return {
    ...desc,
    usage_example: {
      client_id: client.id,
      transport: r.transport,
      command: ["mcp-orchestration add-server", desc.id, "--client", client.id, ...flags].join(" "),
      entry: r.entry,
      snippet: wrap(client, desc.id, native),
    },
  };
}
