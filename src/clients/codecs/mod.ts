/**
 * The codec for each config file format.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codecFor } from "./mod.ts";
 * const text = '[mcp_servers.fs]\ncommand = "npx"\n';
 * const servers = codecFor("toml").readServers(text, { path: ["mcp_servers"], shape: "map" });
 * assert.deepEqual(servers, { fs: { command: "npx" } });
 * ```
 */
import type { Codec, Format } from "../types.ts";
import { jsonCodec } from "./json_codec.ts";
import { jsoncCodec } from "./jsonc_codec.ts";
import { tomlCodec } from "./toml_codec.ts";
import { yamlCodec } from "./yaml_codec.ts";

const CODECS: Record<Format, Codec> = {
  json: jsonCodec,
  jsonc: jsoncCodec,
  yaml: yamlCodec,
  toml: tomlCodec,
};

/** The minimal-edit codec for `format`. */
export function codecFor(format: Format): Codec {
  return CODECS[format];
}

export { jsoncCodec, jsonCodec, tomlCodec, yamlCodec };
