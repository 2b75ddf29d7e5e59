/**
 * The clients whose own CLI installs from npm and reads the files we deploy: the e2e test
 * tests/e2e/real_readers_test.ts deploys to each and asks the real CLI what it loaded. Data for the clients reference page ("proven by a real reader"); kept apart from the
 * records so that a record says how to write a file, and this says how we know.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REAL_READERS } from "./real_readers.ts";
 * assert.equal(REAL_READERS["qwen-code"].binary, "qwen");
 * ```
 */

export interface RealReader {
  /** The npm package (.ci/run installs it, best effort). */
  npm: string;
  binary: string;
  /** The version the facts were checked with. */
  version: string;
  /** The command that says what the client loaded. */
  asks: string;
  /** What the tests compare. */
  compares: string;
}

/** Client id -> its real reader. */
export const REAL_READERS: Record<string, RealReader> = {
  "claude-code": {
    npm: "@anthropic-ai/claude-code",
    binary: "claude",
    version: "2.1.197",
    asks: "`claude mcp list` (starts every server)",
    compares: "command, argv and env the server got; url, headers and transport it was called with",
  },
  codex: {
    npm: "@openai/codex",
    binary: "codex",
    version: "0.171.0",
    asks: "`codex mcp list --json`",
    compares: "command, args, env, url, headers, transport",
  },
  "gemini-cli": {
    npm: "@google/gemini-cli",
    binary: "gemini",
    version: "0.61.0",
    asks: "`gemini mcp list` (starts every server)",
    compares: "command, argv and env the server got; url, headers and transport it was called with",
  },
  opencode: {
    npm: "opencode-ai",
    binary: "opencode",
    version: "1.18.33",
    asks: "`opencode debug config` (the merged objects; header values masked)",
    compares: "command, args, environment, url, header names, type",
  },
  "copilot-cli": {
    npm: "@github/copilot",
    binary: "copilot",
    version: "1.0.102",
    asks: "`copilot mcp list --json`",
    compares: "command, args, env, url, headers, type",
  },
  continue: {
    npm: "@continuedev/cli",
    binary: "cn",
    version: "1.5.47",
    asks: "`cn -p --model FILE` (starts every server, names those that failed)",
    compares:
      "the file is accepted; argv and env the server got; url, headers and transport it was called with",
  },
  "qwen-code": {
    npm: "@qwen-code/qwen-code",
    binary: "qwen",
    version: "0.15.10",
    asks: "`qwen mcp list` (starts every server)",
    compares: "command, argv and env the server got; url, headers and transport it was called with",
  },
  amp: {
    npm: "@sourcegraph/amp",
    binary: "amp",
    version: "0.0.1790142911",
    asks: "`amp mcp list --json`",
    compares: "command, args, env, url, headers",
  },
  auggie: {
    npm: "@augmentcode/auggie",
    binary: "auggie",
    version: "0.36.0",
    asks: "`auggie mcp list --json`",
    compares: "command line, url, transport (env and headers are not shown)",
  },
};
