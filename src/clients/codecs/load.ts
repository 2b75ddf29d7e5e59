/**
 * The codec for a format, loading only that format's module (and its parser package) on first use:
 * `yaml` costs ~15 ms and `smol-toml` ~4 ms to load, and a command needs one format or none. `codecFor`
 * (mod.ts) is the synchronous form that loads every codec, for tests and tools.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadCodec } from "./load.ts";
 * const text = '[mcp_servers.fs]\ncommand = "npx"\n';
 * const servers = (await loadCodec("toml")).readServers(text, { path: ["mcp_servers"], shape: "map" });
 * assert.deepEqual(servers, { fs: { command: "npx" } });
 * ```
 */
import type { Codec, Format } from "../types.ts";

const LOADERS: Record<Format, () => Promise<Codec>> = {
  json: async () => (await import("./json_codec.ts")).jsonCodec,
  jsonc: async () => (await import("./jsonc_codec.ts")).jsoncCodec,
  yaml: async () => (await import("./yaml_codec.ts")).yamlCodec,
  toml: async () => (await import("./toml_codec.ts")).tomlCodec,
};

/** The minimal-edit codec for `format`, its module loaded on first use. */
export function loadCodec(format: Format): Promise<Codec> {
  return LOADERS[format]();
}
