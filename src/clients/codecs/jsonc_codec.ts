/**
 * JSONC codec (VS Code `mcp.json`, Zed `settings.json`, opencode): the JSON codec under the "jsonc"
 * format name. Comments and trailing commas are read and kept; new members follow the file's style.
 */
import type { Codec } from "../types.ts";
import { makeJsonCodec } from "./json_codec.ts";
import { guardDepth } from "./shared.ts";

/** The codec for JSON-with-comments files. */
export const jsoncCodec: Codec = guardDepth(makeJsonCodec("jsonc"));
