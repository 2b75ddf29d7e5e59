/**
 * A temp home where two profiles of Cursor (A and B) alternate in one config file that also holds the
 * user's own entry and settings, with the exact bytes of the file after each deploy: what fault and
 * crash tests compare the file with ("old or new, never anything else").
 */
import { join } from "node:path";
import { assertEquals } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy, type DeployResult } from "../../src/ops/deploy.ts";
import type { Deps } from "../../src/platform/deps.ts";
import { setSecrets } from "../../src/store/secrets.ts";

export const PAYLOAD_A = {
  mcpServers: {
    alpha: { command: "npx", args: ["-y", "@example/alpha", "--dir", "/srv/a b"] },
    shared: { command: "uvx", args: ["shared-mcp"], env: { MODE: "a" } },
  },
};
export const PAYLOAD_B = {
  mcpServers: {
    shared: { command: "uvx", args: ["shared-mcp"], env: { MODE: "b", API_TOKEN: "${API_TOKEN}" } },
    beta: { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer ${API_TOKEN}" } },
  },
};
export const USER_TEXT =
  '{\n  // my own settings\n  "theme": "dark",\n  "mcpServers": {\n    "mine": { "command": "node", "args": ["/opt/mine.js"] }\n  }\n}\n';

export interface DeployFixture {
  file: string;
  /** The file's exact bytes with A deployed, and with B deployed. */
  bytesA: Uint8Array;
  bytesB: Uint8Array;
  deployA(d: Deps): Promise<DeployResult>;
  deployB(d: Deps): Promise<DeployResult>;
}

/** Publishes A and B, deploys A, B, A, B, A and checks the file alternates between two exact texts. */
export async function deployFixture(h: TempHome): Promise<DeployFixture> {
  const d = h.deps();
  await init(d);
  await setSecrets(d, { API_TOKEN: "tok-fixture-0123456789" });
  await publish(d, { client: "cursor", profile: "a", payload: PAYLOAD_A, changelog: "A" });
  await publish(d, { client: "cursor", profile: "b", payload: PAYLOAD_B, changelog: "B" });
  const file = join(h.userHome, ".cursor", "mcp.json");
  await Deno.mkdir(join(h.userHome, ".cursor"), { recursive: true });
  await Deno.writeTextFile(file, USER_TEXT);
  const deployA = (x: Deps) => deploy(x, { client: "cursor", profile: "a" });
  const deployB = (x: Deps) => deploy(x, { client: "cursor", profile: "b" });
  const seen: Uint8Array[] = [];
  for (const step of [deployA, deployB, deployA, deployB, deployA]) {
    assertEquals((await step(d)).status, "deployed");
    seen.push(await Deno.readFile(file));
  }
  assertEquals(seen[4], seen[2], "A's bytes are stable");
  return { file, bytesA: seen[2], bytesB: seen[3], deployA, deployB };
}

/** True when the two byte arrays are equal. */
export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
