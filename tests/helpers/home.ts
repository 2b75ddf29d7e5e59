/** A temp user home and state folder per test; never the real home. */
import { join } from "node:path";
import type { Deps } from "../../src/platform/deps.ts";
import type { FileSystem } from "../../src/platform/fs.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import type { OS } from "../../src/clients/types.ts";

export interface TempHome {
  userHome: string;
  home: string;
  env: Record<string, string>;
  deps(inner?: FileSystem, now?: () => Date): Deps;
  cleanup(): Promise<void>;
}

export async function tempHome(os: OS = "linux"): Promise<TempHome> {
  const userHome = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-test-" }));
  const home = join(userHome, ".mcp-orchestration");
  const env = { HOME: userHome, XDG_CONFIG_HOME: join(userHome, ".config") };
  return {
    userHome,
    home,
    env,
    deps: (inner, now) => makeDeps({ env, os, inner, clientFiles: allClientFiles, now }),
    cleanup: () => Deno.remove(userHome, { recursive: true }),
  };
}

/** Runs `fn` with a fresh temp home, removing it afterwards. */
export async function withHome(fn: (h: TempHome) => Promise<void>): Promise<void> {
  const h = await tempHome();
  try {
    await fn(h);
  } finally {
    await h.cleanup();
  }
}

export const SAMPLE_PAYLOAD = {
  mcpServers: {
    filesystem: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] },
    remote: { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer ${TOKEN}" } },
  },
};
