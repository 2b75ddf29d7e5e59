/**
 * `deno task docs`: regenerates the reference pages that come from the code.
 *   docs/reference/cli.md      every command's `--help` (main.ts under RUN_FLAGS, in a temp HOME)
 *   docs/reference/mcp.md      tools/list, resources/list, resources/templates/list, prompts/list of a
 *                              real server (createServer over a temp home, SDK client, InMemoryTransport)
 *   docs/reference/errors.md   EXIT_CODES (src/core/errors.ts) and validation issue codes
 *   docs/reference/clients.md  ALL_CLIENTS (src/clients/registry.ts)
 * `--check` writes nothing and exits 1 when a committed page differs (tests/docs_test.ts does the same).
 */
import { allHelp, cliPage } from "./docs/cli_page.ts";
import { helpRunner } from "./docs/help_runner.ts";
import { mcpListing, mcpPage } from "./docs/mcp_page.ts";
import { errorsPage } from "./docs/errors_page.ts";
import { clientsPage } from "./docs/clients_page.ts";

const ROOT = new URL("../", import.meta.url);

/** Every src/ file's text except the error table itself (to tell which codes are raised). */
async function sourceText(dir = new URL("src/", ROOT)): Promise<string> {
  const parts: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) parts.push(await sourceText(url));
    else if (e.name.endsWith(".ts") && !url.pathname.endsWith("src/core/errors.ts")) {
      parts.push(await Deno.readTextFile(url));
    }
  }
  return parts.join("\n");
}

/** What the pages are made from: the help texts, the MCP listing, the source texts. */
export async function collect() {
  const runner = await helpRunner();
  try {
    const [help, listing, src, validation] = await Promise.all([
      allHelp(runner),
      mcpListing(),
      sourceText(),
      Deno.readTextFile(new URL("src/core/validation.ts", ROOT)),
    ]);
    return { help, listing, src, validation };
  } finally {
    await runner.close();
  }
}

/** Path (relative to the repository) -> generated text. */
export function render(c: Awaited<ReturnType<typeof collect>>): Record<string, string> {
  return {
    "docs/reference/cli.md": cliPage(c.help),
    "docs/reference/mcp.md": mcpPage(c.listing),
    "docs/reference/errors.md": errorsPage(c.validation, c.src),
    "docs/reference/clients.md": clientsPage(),
  };
}

/** The committed text of a page, or null. */
export async function committed(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(new URL(path, ROOT));
  } catch {
    return null;
  }
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const pages = render(await collect());
  let stale = 0;
  let written = 0;
  for (const [path, text] of Object.entries(pages)) {
    const old = await committed(path);
    if (old === text) continue;
    if (check) {
      console.error(`${path} is out of date: run deno task docs`);
      stale++;
    } else {
      await Deno.mkdir(new URL(path.slice(0, path.lastIndexOf("/") + 1), ROOT), { recursive: true });
      await Deno.writeTextFile(new URL(path, ROOT), text);
      console.log(`wrote ${path}`);
      written++;
    }
  }
  if (stale === 0 && written === 0) console.log("docs/reference is up to date");
  Deno.exit(stale ? 1 : 0);
}
