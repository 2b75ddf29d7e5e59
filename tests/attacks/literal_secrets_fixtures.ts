/**
 * Client files full of literal secrets, one per format the extractor must read (JSON, JSONC, TOML,
 * YAML list and YAML map), and the values they hold (for the scans: each value is distinctive).
 */

/** A token with a known shape and a fixed tail (40 characters: ghp_ + 36). */
const gh = (tag: string) => `ghp_${tag}${"0123456789abcdefghijklmnopqrstuvwxyz".slice(tag.length)}`;

export const V = {
  // claude-desktop / neutral JSON
  jsonGh: gh("JsOnGh"),
  jsonSk: "sk-jsonOpenAiKey0123456789abcdef",
  jsonPg: "pgPass-json-7Qw2",
  jsonFlagEq: "flagEq-json-9Lm3",
  jsonFlagTwo: "flagTwo-json-4Rt8",
  jsonBearerArg: "bearerArg-json-6Yu1",
  jsonQuery: "query-json-2Op5",
  jsonHeader: "header-json-8As4",
  jsonDocker: gh("JsOnDk"),
  // VS Code JSONC
  vsPg: "pgPass-vscode-1Df7",
  vsQuery: "query-vscode-5Gh2",
  vsBearer: "bearer-vscode-3Jk9",
  vsDocker: gh("VsCoDk"),
  // Codex TOML
  cxPg: "pgPass-codex-8Zx6",
  cxKey: "apikey-codex-2Cv4",
  cxGh: gh("CoDeXg"),
  cxQuery: "query-codex-7Bn3",
  cxBearer: "bearer-codex-9Mq1",
  // Continue YAML (list)
  ctPg: "pgPass-continue-4We8",
  ctSk: "sk-continueKey0123456789abcdefgh",
  ctQuery: "query-continue-6Rt2",
  ctBearer: "bearer-continue-1Ty5",
  // Goose YAML (map)
  gsPg: "pgPass-goose-3Ui7",
  gsSlack: "xoxb-goose-0123456789-abcdef",
  gsQuery: "query-goose-5Op9",
} as const;

/** Every literal value above. */
export const ALL_VALUES: string[] = Object.values(V);

/** Neutral JSON (Claude Desktop's shape): every rule once, plus ordinary values that must stay. */
export const JSON_FILE = JSON.stringify(
  {
    mcpServers: {
      github: {
        command: "npx",
        args: ["-y", "@modelcontextprotocol/server-github"],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: V.jsonGh },
      },
      openai: { command: "uvx", args: ["openai-mcp"], env: { OPENAI_API_KEY: V.jsonSk } },
      pg: {
        command: "npx",
        args: [
          "-y",
          "@modelcontextprotocol/server-postgres",
          `postgresql://app:${V.jsonPg}@db.local:5432/app`,
        ],
      },
      search: {
        command: "node",
        args: [
          "srv.js",
          `--api-key=${V.jsonFlagEq}`,
          "--token",
          V.jsonFlagTwo,
          "--port=8080",
          "--key",
          "/home/me/.ssh/key.pem",
        ],
        env: { DB_PATH: "/home/me/db", MEMORY_FILE_PATH: "/home/me/mem.json", SOME_TOKEN: "${SOME_TOKEN}" },
      },
      bridge: {
        command: "npx",
        args: [
          "-y",
          "mcp-remote",
          "https://api.example.com/mcp",
          "--header",
          `Authorization: Bearer ${V.jsonBearerArg}`,
        ],
      },
      remote: {
        type: "http",
        url: `https://mcp.example.com/mcp?apiKey=${V.jsonQuery}&region=eu`,
        headers: { "X-Api-Key": V.jsonHeader },
      },
      docker: {
        command: "docker",
        args: ["run", "-i", "--rm", "-e", `GITHUB_TOKEN=${V.jsonDocker}`, "ghcr.io/github/github-mcp-server"],
      },
    },
  },
  null,
  2,
);

/** VS Code's `servers` shape, with comments (JSONC). */
export const JSONC_FILE = `// servers I added by hand
{
  "servers": {
    "pg": { "type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://app:${V.vsPg}@db/app"] }, // the database
    "remote": { "type": "http", "url": "https://x.example.com/mcp?token=${V.vsQuery}", "headers": { "Authorization": "Bearer ${V.vsBearer}" } },
    "gh": { "type": "stdio", "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_TOKEN=${V.vsDocker}", "ghcr.io/github/github-mcp-server"] }
  },
  "inputs": []
}
`;

/** Codex's TOML. */
export const TOML_FILE = `# codex servers
[mcp_servers.pg]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-postgres", "postgresql://app:${V.cxPg}@db/app"]

[mcp_servers.gh]
command = "npx"
args = ["-y", "gh-mcp", "--api-key", "${V.cxKey}"]
env = { GITHUB_TOKEN = "${V.cxGh}", DB_PATH = "/home/me/db" }

[mcp_servers.remote]
url = "https://x.example.com/mcp?api_key=${V.cxQuery}"
http_headers = { "Authorization" = "Bearer ${V.cxBearer}" }
`;

/** Continue's YAML (a list of servers). */
export const CONTINUE_FILE = `name: my assistant
version: 0.0.1
schema: v1
mcpServers:
  - name: pg
    command: npx
    args:
      - -y
      - "@modelcontextprotocol/server-postgres"
      - postgresql://app:${V.ctPg}@db/app
    env:
      OPENAI_API_KEY: ${V.ctSk}
  - name: remote
    type: streamable-http
    url: https://x.example.com/mcp?token=${V.ctQuery}
    requestOptions:
      headers:
        Authorization: Bearer ${V.ctBearer}
`;

/** Goose's YAML (a map of extensions). */
export const GOOSE_FILE = `extensions:
  pg:
    name: pg
    type: stdio
    cmd: npx
    args: [-y, "@modelcontextprotocol/server-postgres", "postgresql://app:${V.gsPg}@db/app"]
    envs:
      SLACK_BOT_TOKEN: ${V.gsSlack}
    enabled: true
    timeout: 300
  remote:
    name: remote
    type: streamable_http
    uri: https://x.example.com/mcp?key=${V.gsQuery}
    enabled: true
    timeout: 300
`;

/** Each input file: its name, the client whose shape it is, its text and the values it holds. */
export const FILES = [
  {
    file: "claude.json",
    client: "claude-desktop",
    text: JSON_FILE,
    values: Object.entries(V).filter(([k]) => k.startsWith("json")).map(([, v]) => v),
  },
  {
    file: "mcp.jsonc",
    client: "vscode",
    text: JSONC_FILE,
    values: [V.vsPg, V.vsQuery, V.vsBearer, V.vsDocker],
  },
  {
    file: "config.toml",
    client: "codex",
    text: TOML_FILE,
    values: [V.cxPg, V.cxKey, V.cxGh, V.cxQuery, V.cxBearer],
  },
  {
    file: "continue.yaml",
    client: "continue",
    text: CONTINUE_FILE,
    values: [V.ctPg, V.ctSk, V.ctQuery, V.ctBearer],
  },
  { file: "goose.yaml", client: "goose", text: GOOSE_FILE, values: [V.gsPg, V.gsSlack, V.gsQuery] },
];
