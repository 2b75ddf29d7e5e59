/**
 * Writes src/vendor/mcp-sdk/: the MCP SDK's `server/index.js` (Server), `server/mcp.js` (McpServer) and
 * `shared/protocol.js` (Protocol, which Server extends), copied from the SDK version deno.lock resolves,
 * with two changes of substance. Protocol classifies a message with a `method` key as no response without
 * running the two (strict, so failing) response schemas on it. And Server no longer imports
 * the SDK's Ajv validator (`validation/ajv-provider.js`), and takes its JSON Schema validator from its options
 * (src/mcp/form_validator.ts checks elicitation answers). Ajv is CommonJS: importing it boots Deno's
 * Node compatibility loader, ~9 MiB of `serve`'s peak memory for a validator the server uses only on
 * elicitation answers (BENCHMARKS.md). Every other import points back at the SDK package, so the
 * protocol, types and schemas are the SDK's own; code examples in comments are marked as text (they are
 * fragments `deno test --doc` would run). tests/mcp/vendored_sdk_test.ts fails when the copies
 * differ from what this script makes (after an SDK upgrade: run it again and review the diff).
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run scripts/vendor_mcp_server.ts [--check]
 */
import { join } from "node:path";
import { realDenoDir } from "./deno_dir.ts";

const ROOT = new URL("..", import.meta.url).pathname;
export const VENDOR_DIR = join(ROOT, "src/vendor/mcp-sdk");

/** The SDK version deno.lock resolves. */
export async function sdkVersion(): Promise<string> {
  const lock = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.lock")));
  const v = lock.specifiers?.["npm:@modelcontextprotocol/sdk@^1.32.0"] as string | undefined;
  if (!v) throw new Error("deno.lock does not resolve npm:@modelcontextprotocol/sdk@^1.32.0");
  return v.split("_")[0];
}

function replaceOnce(s: string, from: string, to: string, file: string): string {
  if (!s.includes(from)) {
    throw new Error(`${file}: the SDK changed ("${from}" not found): review the vendoring`);
  }
  return s.replace(from, to);
}

/** Bare specifiers into the SDK package for its relative imports (the import map maps them). */
function unrelative(s: string, dir: string): string {
  return s.replace(/from '(\.\.?\/[^']+)'/g, (_m, rel: string) => {
    if (rel === "./index.js" && dir === "server") return "from './server_index.js'";
    if (rel === "../shared/protocol.js" && dir === "server") return "from './shared_protocol.js'";
    const parts = [...dir.split("/"), ...rel.split("/")];
    const out: string[] = [];
    for (const p of parts) {
      if (p === "..") out.pop();
      else if (p !== ".") out.push(p);
    }
    return `from '@modelcontextprotocol/sdk/${out.join("/")}'`;
  });
}

/** The vendored files: name -> text. */
export async function vendoredFiles(): Promise<Record<string, string>> {
  const version = await sdkVersion();
  const base = join(
    await realDenoDir(),
    "npm/registry.npmjs.org/@modelcontextprotocol/sdk",
    version,
  );
  const read = (p: string) => Deno.readTextFile(join(base, "dist/esm", p));
  const header = (from: string) =>
    `// Vendored from @modelcontextprotocol/sdk ${version}, dist/esm/${from} (MIT, see LICENSE), by\n` +
    `// scripts/vendor_mcp_server.ts: do not edit. Changes: relative imports point at the SDK package, ` +
    "code examples in comments marked as text" +
    (from === "server/index.js" ? "; no Ajv import (the validator comes from the options)" : "") +
    (from === "shared/protocol.js"
      ? "; a message with a `method` key skips the two response checks (both schemas are strict: such a " +
        "message fails them; each failure built a ZodError per request)"
      : "") +
    `.\n`;
  let index = await read("server/index.js");
  index = replaceOnce(
    index,
    "import { AjvJsonSchemaValidator } from '../validation/ajv-provider.js';\n",
    "",
    "server/index.js",
  );
  index = replaceOnce(
    index,
    "options?.jsonSchemaValidator ?? new AjvJsonSchemaValidator()",
    "options?.jsonSchemaValidator",
    "server/index.js",
  );
  index = unrelative(index, "server").replace(/\/\/# sourceMappingURL=.*\n?$/, "");
  const mcp = unrelative(await read("server/mcp.js"), "server").replace(/\/\/# sourceMappingURL=.*\n?$/, "");
  // Every request went through two failing zod parses (isJSONRPCResultResponse, isJSONRPCErrorResponse)
  // before isJSONRPCRequest: ~10 % of the MCP server's CPU and much of its garbage (BENCHMARKS.md). Both
  // response schemas are `.strict()` without a `method` key, so a message that has one fails both: the
  // same classification, without the errors.
  let protocol = replaceOnce(
    await read("shared/protocol.js"),
    "            if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) {",
    "            if (!(typeof message === 'object' && message !== null &&\n" +
      "                Object.prototype.hasOwnProperty.call(message, 'method')) &&\n" +
      "                (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message))) {",
    "shared/protocol.js",
  );
  protocol = unrelative(protocol, "shared").replace(/\/\/# sourceMappingURL=.*\n?$/, "");
  if (/ajv/i.test(index + mcp)) throw new Error("the vendored server still mentions ajv");
  // Examples in the SDK's doc comments are fragments (`{...}`): marked as text so that
  // `deno test --doc src/` does not run them.
  const textFences = (js: string) => js.replace(/```(typescript|ts|javascript|js)\b/g, "```text");
  return {
    "server_index.js": header("server/index.js") + textFences(index),
    "server_mcp.js": header("server/mcp.js") + textFences(mcp),
    "shared_protocol.js": header("shared/protocol.js") + textFences(protocol),
    "LICENSE": await Deno.readTextFile(join(base, "LICENSE")),
  };
}

if (import.meta.main) {
  const files = await vendoredFiles();
  const check = Deno.args.includes("--check");
  let stale = 0;
  await Deno.mkdir(VENDOR_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(VENDOR_DIR, name);
    const now = await Deno.readTextFile(path).catch(() => null);
    if (now === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else await Deno.writeTextFile(path, text);
  }
  if (check && stale) Deno.exit(1);
  console.log(check ? "vendored MCP server files are up to date" : `wrote ${stale} file(s) in ${VENDOR_DIR}`);
}
