/**
 * docs/reference/mcp.md: every tool, resource and prompt of the MCP server with its schemas, read from
 * a real server (createServer over a throw-away home) through the SDK client, as an AI client sees them;
 * the CLI command of each tool comes from the operations' specs (src/ops/specs/).
 *
 * @example
 * const listing = await mcpListing();
 * const page = mcpPage(listing);
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createServer } from "../../src/mcp/server.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import { registered } from "../../src/mcp/registered.ts";
import { TOOLS } from "../../src/mcp/tools/mod.ts";
import { isAbsent, type Shape } from "../../src/ops/spec.ts";
import { clientIds } from "../../src/clients/registry.ts";

const CLIENT_IDS = clientIds();

type Json = Record<string, any>;

/** What the server lists, plus one read of each resource and prompt in a fresh state folder. */
export interface McpListing {
  server: { name: string; title?: string; description?: string; version: string; instructions: string };
  /** The capabilities `initialize` advertises. */
  capabilities: Json;
  /** template or prompt -> the arguments `completion/complete` offers values for (in a fresh home). */
  completes: Record<string, string[]>;
  tools: Json[];
  /** The resources registered at a fixed URI (resources/list also lists template instances). */
  resources: Json[];
  /** How many resources/list entries are instances of each template. */
  listedPerTemplate: Record<string, number>;
  templates: Json[];
  prompts: Json[];
  /** uri or template -> top-level fields of a read in a fresh home, or the error code. */
  reads: Record<string, { fields?: string[]; error?: string }>;
  /** prompt name -> the text it returns without arguments. */
  promptTexts: Record<string, string>;
}

/** Example values for template variables when reading a template in a fresh home. */
const SAMPLE_VARS: Record<string, string> = {
  server_id: "filesystem",
  client_id: "claude-desktop",
  profile_id: "default",
};

export async function mcpListing(): Promise<McpListing> {
  const userHome = await Deno.makeTempDir({ prefix: "mcpo-docs-mcp-" });
  const deps = makeDeps({
    env: { HOME: userHome, XDG_CONFIG_HOME: `${userHome}/.config` },
    os: "linux",
    clientFiles: allClientFiles,
  });
  const server = createServer(deps);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "gen-docs", version: "1" });
  try {
    await server.connect(serverSide);
    await client.connect(clientSide);
    const tools = (await client.listTools()).tools as Json[];
    const listed = (await client.listResources()).resources as Json[];
    const fixed = new Set(registered(server).resources.filter((r) => !r.uri.includes("{")).map((r) => r.uri));
    const resources = listed.filter((r) => fixed.has(r.uri));
    const templates = (await client.listResourceTemplates()).resourceTemplates as Json[];
    const listedPerTemplate: Record<string, number> = {};
    for (const t of templates) {
      listedPerTemplate[t.uriTemplate] = listed.filter((r) =>
        !fixed.has(r.uri) && matches(t.uriTemplate, r.uri)
      ).length;
    }
    const prompts = (await client.listPrompts()).prompts as Json[];
    // Which arguments complete: read from the registrations (a fresh home has no draft whose server
    // names could be offered).
    const completes: McpListing["completes"] = {};
    for (const t of templates) {
      const vars = [...(t.uriTemplate as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      completes[t.uriTemplate] = vars.filter((v) => server.templateCompletes(t.name).includes(v));
    }
    for (const p of prompts) {
      completes[p.name] = ((p.arguments ?? []) as Json[]).map((a) => a.name as string)
        .filter((a) => server.promptCompletes(p.name).includes(a));
    }
    const reads: McpListing["reads"] = {};
    const uris = [
      ...resources.map((r) => [r.uri, r.uri]),
      ...templates.map((
        t,
      ) => [
        t.uriTemplate,
        t.uriTemplate.replace(/\{(\w+)\}/g, (_: string, v: string) => SAMPLE_VARS[v] ?? v),
      ]),
    ];
    for (const [key, uri] of uris) {
      try {
        const text = ((await client.readResource({ uri })).contents[0] as { text: string }).text;
        const value = JSON.parse(text);
        reads[key] = { fields: Array.isArray(value) ? ["(a list)"] : Object.keys(value) };
      } catch (e) {
        reads[key] = { error: (e as { data?: { error?: string } }).data?.error ?? "error" };
      }
    }
    const promptTexts: Record<string, string> = {};
    for (const p of prompts) {
      const got = await client.getPrompt({ name: p.name, arguments: {} });
      promptTexts[p.name] = (got.messages as { content: { text?: string } }[]).map((m) =>
        m.content.text ?? ""
      ).join("\n\n");
    }
    const info = client.getServerVersion()!;
    return {
      server: {
        name: info.name,
        title: info.title,
        description: info.description as string | undefined,
        version: info.version,
        instructions: client.getInstructions() ?? "",
      },
      capabilities: client.getServerCapabilities() ?? {},
      completes,
      tools,
      resources,
      listedPerTemplate,
      templates,
      prompts,
      reads,
      promptTexts,
    };
  } finally {
    await client.close();
    await server.close();
    await Deno.remove(userHome, { recursive: true });
  }
}

/** True when `uri` is an instance of the RFC 6570 level-1 template `tpl`. */
function matches(tpl: string, uri: string): boolean {
  const re = "^" + tpl.split(/\{\w+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("[^/]+") +
    "$";
  return new RegExp(re).test(uri);
}

/** A JSON schema's type in a few words. */
export function typeOf(s: Json | undefined): string {
  if (!s) return "any";
  if (s.enum && s.enum.length === CLIENT_IDS.length && CLIENT_IDS.every((id) => s.enum.includes(id))) {
    return "client id (enum of the ids [list_clients](#list_clients) lists)";
  }
  if (s.enum) return s.enum.map((v: unknown) => JSON.stringify(v)).join(" \\| ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((x: Json) => typeOf(x)).join(" \\| ");
  if (Array.isArray(s.type)) return s.type.join(" \\| ");
  if (s.type === "array") return `array of ${typeOf(s.items)}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") {
    return `object of ${typeOf(s.additionalProperties)}`;
  }
  return s.type ?? "any";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n+/g, " ");

function paramTable(schema: Json): string[] {
  const props = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  if (props.length === 0) return ["No arguments."];
  const required = new Set<string>(schema.required ?? []);
  return [
    "| argument | type | required | default | description |",
    "|---|---|---|---|---|",
    ...props.map(([name, p]) =>
      `| \`${name}\` | ${typeOf(p)} | ${required.has(name) ? "yes" : "no"} | ${
        p.default === undefined ? "" : `\`${JSON.stringify(p.default)}\``
      } | ${cell(p.description ?? "")} |`
    ),
  ];
}

/** The fields of the objects a result field holds, from the spec's shape (the output schema a client
 * sees describes one level: src/mcp/zod_spec.ts OUTPUT_DEPTH). */
function innerFields(s: Shape | undefined): string {
  while (s && (s.t === "optional" || s.t === "nullable" || s.t === "array")) s = s.of;
  if (s?.t !== "object") return "";
  return Object.keys(s.fields).map((k) => `\`${k}\``).join(", ");
}

function fieldTable(schema: Json, output?: Extract<Shape, { t: "object" }>): string[] {
  const props = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  if (props.length === 0) return [];
  const required = new Set<string>(schema.required ?? []);
  return [
    "| result field | type | always |",
    "|---|---|---|",
    ...props.map(([name, p]) => {
      const inner = innerFields(output?.fields[name]);
      const type = inner ? `${p.type === "array" ? "array of objects" : "object"} with ${inner}` : typeOf(p);
      return `| \`${name}\` | ${type} | ${required.has(name) ? "yes" : "no"} |`;
    }),
  ];
}

function details(summary: string, value: unknown): string[] {
  return [
    "<details><summary>" + summary + "</summary>",
    "",
    "```json",
    JSON.stringify(value, null, 2),
    "```",
    "",
    "</details>",
  ];
}

/** The CLI command of each tool, from the operations' specs (the same op, inputs and error codes): the
 * command, with its one-choice action (`registry import`), or what the CLI offers instead. */
export function toolCli(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { spec } of TOOLS) {
    if (isAbsent(spec.cli)) {
      if (spec.cli.instead) out[spec.mcp.tool] = spec.cli.instead;
      continue;
    }
    const first = Object.values(spec.input).find((f) =>
      f.cli && !isAbsent(f.cli) && /^[<[]/.test(f.cli.flag)
    );
    const action = first?.choices?.length === 1 ? ` ${first.choices[0]}` : "";
    out[spec.mcp.tool] = spec.cli.command + action;
  }
  return out;
}

/** Where the tool takes less or more than its CLI command, with the spec's reason for each. */
export function doorNotes(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { spec } of TOOLS) {
    if (isAbsent(spec.cli)) continue;
    const notes: string[] = [];
    for (const f of Object.values(spec.input)) {
      if (f.cli && !isAbsent(f.cli) && isAbsent(f.mcp)) {
        notes.push(`CLI only: \`${f.cli.flag.split(" ")[0]}\`: ${f.mcp.absent}.`);
      } else if (f.mcp && !isAbsent(f.mcp) && isAbsent(f.cli)) {
        notes.push(`MCP only: \`${f.mcp.name}\`: ${f.cli.absent}.`);
      }
    }
    out[spec.mcp.tool] = notes;
  }
  return out;
}

function kindOf(a: Json | undefined): string {
  if (!a) return "";
  if (a.readOnlyHint) return "read-only";
  return (a.destructiveHint ? "destructive" : "writes state") + (a.idempotentHint ? ", idempotent" : "");
}

/** The page. */
export function mcpPage(l: McpListing): string {
  const cli = toolCli();
  const notes = doorNotes();
  const out: string[] = [
    "# MCP server reference",
    "",
    "<!-- Generated by `deno task docs` (scripts/gen_docs.ts) from a running server (tools/list, resources/list, resources/templates/list, prompts/list). Do not edit: tests/docs_test.ts fails when this page differs. -->",
    "",
    "`mcp-orchestration serve` speaks MCP on stdin/stdout (a bare `mcp-orchestration` with piped stdin",
    "does too). Tools call the same operations as the CLI: same inputs, same results, same error codes",
    "([errors.md](errors.md)). A tool result carries the JSON as `structuredContent` and as text; a failure",
    "is `isError: true` with the `{error, message, details}` document as text.",
    "",
    "A call is never acted on when misread: an argument the tool does not take is refused with",
    "`invalid_input` naming it and the known ones; `client_id` is an enum of the client ids, required by",
    "every tool that writes; an unknown tool is a JSON-RPC -32602 error. Hints in results and errors name",
    "tools and arguments, and a result pointing to a next step carries `next: [{tool, arguments}]` (an",
    "error: `details.next`).",
    "",
    `Server name \`${l.server.name}\`${l.server.title ? ` (title "${l.server.title}")` : ""}. ` +
    (l.server.description ? `Description: ${l.server.description} ` : "") +
    "Instructions it sends on `initialize`:",
    "",
    "> " + l.server.instructions,
    "",
    "Capabilities it advertises: " +
    Object.entries(l.capabilities).map(([k, v]) => `\`${k}\` ${JSON.stringify(v)}`).join(", ") + ".",
    "",
    "- `completions`: `completion/complete` offers client ids, profile ids (of the client already given in",
    "  `context.arguments`), catalogue server ids and a draft's server names for the arguments listed below.",
    "- `resources.subscribe`: `resources/subscribe` to a profile's `config://{client_id}/{profile_id}/draft`,",
    "  `.../latest` or `.../deployed` brings `notifications/resources/updated` after each change, whichever",
    "  door wrote it (the server watches the state folder, so a CLI command run meanwhile counts).",
    "- `resources.listChanged`: `notifications/resources/list_changed` when the resource set changes (a",
    "  profile's first draft or publish, a server imported into the catalogue). The tool and prompt sets",
    "  never change: no `listChanged` for them.",
    "- `logging`: diagnostics (each call's outcome and time, never argument values) as",
    "  `notifications/message` at the level set with `logging/setLevel`; nothing before a level is set.",
    "- Results link what they made: `publish_config` ends with a `resource_link` to",
    "  `config://{client_id}/{profile_id}/latest`, `deploy_config` and `rollback_deployment` with one to",
    "  `.../deployed` (protocol 2025-06-18 and later).",
    "- A client's `elicitation` (form) is used by `add_server_to_config` to ask for a missing required",
    "  non-secret input; a missing secret is never asked for in a form (`secrets_needed` says how to store",
    "  it). A client's `roots` bound `project_dir`; its only root is the default project folder, and with",
    "  several roots a client with elicitation is asked which one.",
    "",
    "## Tools",
    "",
    "| tool | CLI | kind |",
    "|---|---|---|",
    ...l.tools.map((t) =>
      `| [\`${t.name}\`](#${t.name}) | \`${cli[t.name] ?? "-"}\` | ${kindOf(t.annotations)} |`
    ),
    "",
  ];
  for (const t of l.tools) {
    out.push(`### \`${t.name}\``, "", `**${t.title ?? t.name}**: ${t.description ?? ""}`, "");
    const a = t.annotations ?? {};
    out.push(
      `Annotations: \`readOnlyHint\` ${a.readOnlyHint}, \`destructiveHint\` ${a.destructiveHint}, ` +
        `\`idempotentHint\` ${a.idempotentHint}, \`openWorldHint\` ${a.openWorldHint}.`,
      "",
      ...(notes[t.name]?.length ? [...notes[t.name].map((n) => `- ${n}`), ""] : []),
      ...paramTable(t.inputSchema ?? {}),
      "",
      ...fieldTable(t.outputSchema ?? {}, TOOLS.find((o) => o.spec.mcp.tool === t.name)?.spec.output),
      "",
      ...details("Input schema", t.inputSchema),
      "",
      ...(t.outputSchema ? details("Output schema", t.outputSchema) : ["No output schema."]),
      "",
    );
  }
  out.push(
    "## Resources",
    "",
    "Every resource is one JSON document (`application/json`). Reading never creates state.",
    "",
  );
  const readNote = (key: string) => {
    const r = l.reads[key];
    if (!r) return [];
    return r.error
      ? [`In a fresh state folder the read fails with \`${r.error}\`.`, ""]
      : [`Top-level fields: ${r.fields!.map((f) => `\`${f}\``).join(", ")}.`, ""];
  };
  for (const r of l.resources) {
    out.push(
      `### \`${r.uri}\``,
      "",
      `**${r.title ?? r.name}** (name \`${r.name}\`): ${r.description ?? ""}`,
      "",
      ...readNote(r.uri),
    );
  }
  out.push("## Resource templates", "");
  for (const t of l.templates) {
    const listed = l.listedPerTemplate[t.uriTemplate] ?? 0;
    out.push(
      `### \`${t.uriTemplate}\``,
      "",
      `**${t.title ?? t.name}** (name \`${t.name}\`): ${t.description ?? ""}`,
      "",
      ...(listed ? ["`resources/list` also lists every instance of this template.", ""] : []),
      ...(l.completes[t.uriTemplate]?.length
        ? [`Completions: ${l.completes[t.uriTemplate].map((v) => `\`${v}\``).join(", ")}.`, ""]
        : []),
      ...readNote(t.uriTemplate),
    );
  }
  out.push("## Prompts", "");
  for (const p of l.prompts) {
    out.push(`### \`${p.name}\``, "", `**${p.title ?? p.name}**: ${p.description ?? ""}`, "");
    const args = (p.arguments ?? []) as Json[];
    out.push(
      ...(args.length
        ? [
          "| argument | required | description |",
          "|---|---|---|",
          ...args.map((a) =>
            `| \`${a.name}\` | ${a.required ? "yes" : "no"} | ${cell(a.description ?? "")} |`
          ),
        ]
        : ["No arguments."]),
      "",
      ...(l.completes[p.name]?.length
        ? [`Completions: ${l.completes[p.name].map((v) => `\`${v}\``).join(", ")}.`, ""]
        : []),
      "The message it returns without arguments:",
      "",
      "```text",
      l.promptTexts[p.name] ?? "",
      "```",
      "",
    );
  }
  return out.join("\n");
}
