/**
 * docs/reference/clients.md: the client table, from the client records (src/clients/registry.ts
 * ALL_CLIENTS): config path per OS, the variables that move it, the project file, format, where the
 * servers live, remote support, secret syntax, and the exact text a deploy writes into an empty file
 * (rendered by the client's own record and codec, as deploy-config does).
 */
import { ALL_CLIENTS } from "../../src/clients/registry.ts";
import { codecFor } from "../../src/clients/codecs/mod.ts";
import { describeNameRule } from "../../src/clients/server_names.ts";
import type { ClientRecord, Env, NativeEntry, OS } from "../../src/clients/types.ts";
import type { NeutralEntry } from "../../src/core/neutral.ts";
import { ENV_VARS } from "../permissions.ts";
import { REAL_READERS } from "../../src/clients/real_readers.ts";

/** The folders every path starts from, written symbolically. */
const SYMBOLIC: Record<OS, Env> = {
  linux: { HOME: "~" },
  darwin: { HOME: "~" },
  windows: { USERPROFILE: "%USERPROFILE%", APPDATA: "%APPDATA%", LOCALAPPDATA: "%LOCALAPPDATA%" },
};
const BASE_VARS = new Set([
  "HOME",
  "USERPROFILE",
  "APPDATA",
  "LOCALAPPDATA",
  "PATH",
  "PATHEXT",
  "NO_COLOR",
  "MCP_ORCHESTRATION_HOME",
]);

/** The two servers every client section renders: a local one with a secret, a remote one with a token. */
export const SAMPLE: Record<string, NeutralEntry> = {
  "brave-search": {
    command: "npx",
    args: ["-y", "@brave/brave-search-mcp-server"],
    env: { BRAVE_API_KEY: "${BRAVE_API_KEY}" },
  },
  sentry: {
    type: "http",
    url: "https://mcp.sentry.dev/mcp",
    headers: { Authorization: "Bearer ${SENTRY_TOKEN}" },
  },
};

const SECRET_SYNTAX: Record<string, string> = {
  "dollar-brace": "`${VAR}`",
  "env-colon": "`${env:VAR}`",
  dollar: "`$VAR`",
  "names-only": "variable names only",
  none: "none: values are written",
};

const REMOTE: Record<string, string> = {
  native: "yes",
  bridge: "no: bridged through `npx -y mcp-remote`",
  "http-only": "HTTP; SSE bridged through `npx -y mcp-remote`",
};

function pathOn(c: ClientRecord, os: OS): string {
  try {
    return c.configPath(os, SYMBOLIC[os]);
  } catch {
    return "-";
  }
}

/** The variables that move the file (`CODEX_HOME`...), with the path they give on Linux. */
function overrides(c: ClientRecord): string[] {
  const plain = pathOn(c, "linux");
  return ENV_VARS.filter((v) => !BASE_VARS.has(v)).flatMap((v) => {
    const moved = c.configPath("linux", { ...SYMBOLIC.linux, [v]: `$${v}` });
    return moved !== plain ? [`\`${moved}\``] : [];
  });
}

/** The file text a deploy of SAMPLE writes into an empty file (Linux, secrets as references). */
export function sampleFile(c: ClientRecord): string {
  const stored = new Set(["BRAVE_API_KEY", "SENTRY_TOKEN"]); // what secrets.json would hold
  const ctx = {
    os: "linux" as OS,
    secrets: "reference" as const,
    resolveSecret: (n: string) => (stored.has(n) ? `<value of ${n}>` : undefined),
  };
  const changes: Record<string, NativeEntry> = {};
  for (const [name, entry] of Object.entries(SAMPLE)) changes[name] = c.render(name, entry, ctx);
  return codecFor(c.format).writeServers(c.newFile ?? "", c.servers, changes);
}

const LANG: Record<string, string> = { json: "json", jsonc: "jsonc", yaml: "yaml", toml: "toml" };

/** The page. */
/** The places the client merges with the file we write, which wins a name in both, and the source. */
function mergedText(c: ClientRecord): string {
  const m = c.merged!;
  const where = (p: NonNullable<ClientRecord["merged"]>["places"][number]) =>
    p.file === "sibling"
      ? `\`${p.parts!.join("/")}\` beside it`
      : p.file === "project"
      ? `\`${p.parts!.join("/")}\` in the project folder`
      : p.perProject
      ? `\`${[...p.perProject.map, "<dir>", ...p.perProject.servers].join(".")}\` of the user file`
      : "the user file";
  const scopes = (["user", "project"] as const).map((scope) => {
    const ps = m.places.filter((p) => p.scope === scope);
    if (!ps.length) return "";
    const list = ps.map((p) => `${p.label} (${where(p)}: ${p.wins ? "wins over ours" : "ours wins"})`);
    return `For a ${scope}-scope deploy, ${list.join("; ")}`;
  }).filter(Boolean);
  return `${scopes.join(". ")}. A name in both: ${
    m.merge === "deep"
      ? "merged field by field, the winner's fields over the other's"
      : "the winner's entry whole"
  }. A deploy stops with \`shadowed\` when the winner is not ours (unless \`--force\`), \`status\` says \`shadowed\`, \`import-config\` reads the places of the same scope. Source: ${m.source}.`;
}

/** How the client keeps a disabled server, and where that fact comes from. */
function disabledText(c: ClientRecord): string {
  const sw = c.disabledSwitch;
  const how = sw.kind === "field"
    ? `written with \`${sw.key}: ${sw.value}\` in its entry`
    : sw.kind === "list"
    ? `written, and its name added to \`${sw.path.join(".")}\``
    : "left out of the file (the client has no switch there; the deploy says so)";
  return `${how}. Source: ${sw.source}.`;
}

export function clientsPage(): string {
  const code = (s: string) => `\`${s}\``;
  const out: string[] = [
    "# Clients",
    "",
    "<!-- Generated by `deno task docs` (scripts/gen_docs.ts) from the client records in src/clients/ (ALL_CLIENTS). Do not edit: tests/docs_test.ts fails when this page differs. -->",
    "",
    `Every client \`deploy-config --client ID\` can write (${ALL_CLIENTS.length}). \`list-clients\` shows the paths resolved on`,
    "your machine and whether each file exists.",
    "",
    "| id | client | format | servers at | project file (`--scope project`) | remote servers | secret references | real reader |",
    "|---|---|---|---|---|---|---|---|",
    ...ALL_CLIENTS.map((c) =>
      `| [${code(c.id)}](#${c.id}) | ${c.displayName}${
        c.deprecated ? " (deprecated)" : ""
      } | ${c.format.toUpperCase()} | ${
        code(c.servers.path.join(".")) + (c.servers.shape === "list" ? " (a list)" : "")
      } | ${c.projectPath ? code(c.projectPath("<project>", "linux")) : "-"} | ${REMOTE[c.remote]} | ${
        SECRET_SYNTAX[c.secretSyntax]
      } | ${REAL_READERS[c.id] ? `[yes](#proven-by-a-real-reader)` : "no"} |`
    ),
    "",
    "## Proven by a real reader",
    "",
    `${
      Object.keys(REAL_READERS).length
    } of the ${ALL_CLIENTS.length} clients ship their own CLI on npm. The e2e tests`,
    "(tests/e2e/real_readers_test.ts) deploy to each, from no file and into a hand-made file whose own",
    "server must stay, then ask the real CLI what it loaded and compare it with what was deployed; `.ci/run`",
    "installs them (a client that cannot be installed is reported skipped).",
    "The other clients are checked against their documented format and fixtures only.",
    "",
    "| id | npm package (checked version) | asked with | compared |",
    "|---|---|---|---|",
    ...ALL_CLIENTS.filter((c) => REAL_READERS[c.id]).map((c) => {
      const r = REAL_READERS[c.id];
      return `| ${code(c.id)} | ${code(r.npm)} ${r.version} | ${r.asks} | ${r.compares} |`;
    }),
    "",
    "## Config file per OS",
    "",
    "`~` is the home folder (`HOME`; `USERPROFILE` on Windows). On Linux, `~/.config` is `$XDG_CONFIG_HOME`",
    "when that is set.",
    "",
    "| id | Linux | macOS | Windows | moved by |",
    "|---|---|---|---|---|",
    ...ALL_CLIENTS.map((c) =>
      `| ${code(c.id)} | ${code(pathOn(c, "linux"))} | ${code(pathOn(c, "darwin"))} | ${
        code(pathOn(c, "windows"))
      } | ${overrides(c).join(", ") || "-"} |`
    ),
    "",
    "## What a deploy writes",
    "",
    "Each section shows the text `deploy-config` writes into an empty file for the same two servers (Linux,",
    "default `--secrets reference`): a local server with a secret env var, and a remote HTTP server with a",
    "token header, from this neutral artifact payload:",
    "",
    "```json",
    JSON.stringify({ mcpServers: SAMPLE }, null, 2),
    "```",
    "",
    "`<value of NAME>` marks where the value stored in `secrets.json` is written, because the client cannot",
    "read a reference there. On Windows, `npx`, `npm`, `pnpm`, `bunx` and `yarn` are written as",
    '`"command": "cmd", "args": ["/c", "npx", ...]`. Into an existing file, only these entries change;',
    "every other byte stays.",
    "",
    "A server name a client's own reader refuses or drops is refused for that client by `add-server`,",
    "`validate-config`, `publish-config`, `deploy-config`, `connect` and `import-config` (`invalid_input`);",
    "the sections below name each client's rule. For every client: `__proto__`, which JavaScript readers",
    "drop without a word.",
    "",
  ];
  for (const c of ALL_CLIENTS) {
    out.push(
      `### ${code(c.id)}`,
      "",
      `**${c.displayName}**${
        c.deprecated ? ` (deprecated: ${c.deprecated})` : ""
      }. ${c.format.toUpperCase()}, servers at ${code(c.servers.path.join("."))}. Remote servers: ${
        REMOTE[c.remote]
      }. Secret references: ${SECRET_SYNTAX[c.secretSyntax]}.`,
      "",
      `After a deploy: ${c.restartHint}`,
      "",
      ...(c.source ? [`Facts from: ${c.source}.`, ""] : []),
      `A disabled server (\`disable-server\`): ${disabledText(c)}`,
      "",
      ...(c.merged ? [`Other files it merges with this one (shadowing): ${mergedText(c)}`, ""] : []),
      ...(describeNameRule(c.serverNames)
        ? [`Server names it cannot read (refused): ${describeNameRule(c.serverNames)}.`, ""]
        : []),
      ...(c.newFile
        ? [
          `A file the deploy creates (or finds empty) starts from what ${c.displayName} needs or writes itself ` +
          `before any server: ${
            c.format.startsWith("json")
              ? code(JSON.stringify(JSON.parse(c.newFile)))
              : c.newFile.trimEnd().split("\n").map(code).join(", ")
          } (in the sample below).`,
          "",
        ]
        : []),
      "```" + LANG[c.format],
      sampleFile(c).trimEnd(),
      "```",
      "",
    );
  }
  return out.join("\n");
}
