/** `serve` does not load the MCP SDK's protocol layer (its `types.js` alone takes a Deno process to
 * 52-55 MiB; docs/explanation/mcp-server.md): the program imports from the SDK only types (erased at run
 * time) and `shared/uriTemplate.js`, which imports nothing. */
import { assertEquals } from "../core/assert.ts";

const ALLOWED = new Set(["@modelcontextprotocol/sdk/shared/uriTemplate.js"]);

async function* sources(dir: URL): AsyncGenerator<URL> {
  for await (const e of Deno.readDir(dir)) {
    const u = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) yield* sources(u);
    else if (/\.(ts|js)$/.test(e.name)) yield u;
  }
}

Deno.test("the program imports nothing from the MCP SDK at run time but UriTemplate", async () => {
  const found: string[] = [];
  const roots = [new URL("../../src/", import.meta.url), new URL("../../main.ts", import.meta.url)];
  const files: URL[] = [roots[1]];
  for await (const f of sources(roots[0])) files.push(f);
  for (const f of files) {
    const text = await Deno.readTextFile(f);
    // Static imports and re-exports that are not `import type`/`export type`, and dynamic imports.
    const re =
      /(?:^|\n)\s*(import|export)\s+(?!type\s)[^;]*?from\s+["'](@modelcontextprotocol\/sdk[^"']*)["']|import\(\s*["'](@modelcontextprotocol\/sdk[^"']*)["']/g;
    for (const m of text.matchAll(re)) {
      const spec = m[2] ?? m[3];
      if (!ALLOWED.has(spec)) found.push(`${f.pathname.replace(/.*\/(src|main)/, "$1")}: ${spec}`);
    }
  }
  assertEquals(found, []);
  assertEquals(files.length > 100, true, "every source file was read");
});
