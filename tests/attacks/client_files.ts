/** Shared by the byte-exactness and link attacks: the client of each format, its real-world sample file,
 * its path in a temp home, a published artifact to deploy, and the hash of bytes. */
import { dirname, join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { getClient } from "../../src/clients/registry.ts";

/** One client per format and shape: JSON, JSONC, TOML, YAML map and YAML list. */
export const FORMAT_CLIENTS = [
  { client: "claude-desktop", fixture: "claude-desktop.json" },
  { client: "cursor", fixture: "cursor.json" },
  { client: "vscode", fixture: "vscode.jsonc" },
  { client: "zed", fixture: "zed.jsonc" },
  { client: "codex", fixture: "codex.toml" },
  { client: "continue", fixture: "continue.yaml" },
  { client: "goose", fixture: "goose.yaml" },
] as const;

const FIXTURES = new URL("../fixtures/clients/", import.meta.url);

/** The hand-written sample file of a client (LF line endings, a final newline). */
export async function sampleText(fixture: string): Promise<string> {
  return await Deno.readTextFile(new URL(fixture, FIXTURES));
}

/** The client's user config file in the temp home. */
export function clientPath(h: TempHome, client: string): string {
  return getClient(client).configPath("linux", h.env);
}

/** Lowercase hex SHA-256 of `bytes`. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Writes `bytes` at `path`, creating its folder. */
export async function put(path: string, bytes: Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeFile(path, bytes);
}

let payloads = 0;

/** Publishes `servers` (neutral form) for `client` through the CLI; returns the artifact id. */
export async function publishServers(
  h: TempHome,
  client: string,
  servers: Record<string, unknown>,
): Promise<string> {
  const file = join(h.userHome, `payload-${payloads++}.json`);
  await Deno.writeTextFile(file, JSON.stringify({ mcpServers: servers }));
  const r = await cli(h, ["publish-config", "--client", client, "--file", file, "--format", "json"]);
  assertEquals(r.code, 0, r.stdout);
  return r.json.artifact_id;
}

/** `init` and a first artifact for `client`. */
export async function initAndPublish(h: TempHome, client: string): Promise<string> {
  assertEquals((await cli(h, ["init", "--format", "json"])).code, 0);
  return await publishServers(h, client, { fresh: { command: "uvx", args: ["fresh-mcp"] } });
}

/** `verify --all` passes. */
export async function assertVerifies(h: TempHome, what: string): Promise<void> {
  const v = await cli(h, ["verify", "--all", "--format", "json"]);
  assert.equal(v.code, 0, `${what}: verify --all failed: ${v.stdout}`);
}

/** The number of records in the client's deployment log. */
export async function logged(h: TempHome, client: string): Promise<number> {
  const r = await cli(h, ["history", "--client", client, "--limit", "100000", "--format", "json"]);
  return r.json?.total ?? 0;
}
