/** The layers of src/ (DESIGN.md) import only downwards: a leak (platform/ taking a type from clients/,
 * an MCP resource reading the store instead of calling an op) fails here with the file and the import.
 * The deploy engine (src/deploy/) sits between store/clients/registry and the ops; no op imports another
 * op, and ops reach the engine through the public modules src/deploy/mod.ts lists, importing each module
 * itself (never mod.ts, which would load the whole engine into every command). Inside ops/, the declarations (spec.ts, specs/) are
 * not ops: any op file may use spec.ts and specs/common.ts, an op may take its spec's type (`import type`),
 * and a spec (specs/<op>.ts) binds the op module it declares. */
import { assertEquals } from "./core/assert.ts";

const SRC = new URL("../src/", import.meta.url);

/** The deploy engine's public modules: those src/deploy/mod.ts re-exports from. */
const DEPLOY_PUBLIC = new Set(
  [...Deno.readTextFileSync(new URL("deploy/mod.ts", SRC)).matchAll(/from\s+"\.\/([^"]+)"/g)].map((m) =>
    `deploy/${m[1]}`
  ),
);

/** What each layer may import, besides itself and npm packages. `store-types` allows `import type`. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  platform: ["core"],
  store: ["core", "platform"],
  clients: ["core", "platform"],
  registry: ["core", "platform", "store"],
  deploy: ["core", "platform", "store", "clients", "registry"],
  share: ["core", "platform", "store"], // profiles shared through git (push, pull)
  doctor: ["core", "platform", "store", "clients", "registry"],
  ops: ["core", "platform", "store", "clients", "registry", "deploy", "doctor", "share"],
  cli: ["core", "platform", "ops", "clients", "store-types", "mcp", "doctor"], // mcp: the `serve` command
  mcp: ["core", "platform", "ops", "clients", "registry", "doctor"],
};

function files(dir: URL, rel = ""): string[] {
  return [...Deno.readDirSync(dir)].flatMap((e) =>
    e.isDirectory
      ? e.name === "vendor" ? [] : files(new URL(`${e.name}/`, dir), `${rel}${e.name}/`)
      : e.name.endsWith(".ts")
      ? [`${rel}${e.name}`]
      : []
  );
}

Deno.test("src/ layers import only the layers below them (type imports included)", () => {
  const leaks: string[] = [];
  for (const file of files(SRC)) {
    const layer = file.split("/")[0];
    // Comment lines (examples in doc comments) are no imports.
    const text = Deno.readTextFileSync(new URL(file, SRC)).split("\n")
      .filter((l) => !/^\s*(\*|\/\/)/.test(l)).join("\n");
    const imports = text.matchAll(
      /(import|export)(\s+type)?\s[^"';]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g,
    );
    for (const m of imports) {
      const spec = m[3] ?? m[4];
      const target = new URL(spec, new URL(file, SRC)).href;
      if (!target.startsWith(SRC.href)) continue; // registry/*.json data, deno.json
      const to = target.slice(SRC.href.length).split("/")[0];
      const allowed = ALLOWED[layer] ?? [];
      const into = target.slice(SRC.href.length);
      // An op never imports another op (shared code lives in a lower layer), and reaches the deploy
      // engine through its public modules only (never through mod.ts itself).
      const declaration = into === "ops/spec.ts" || into === "ops/specs/common.ts";
      const binding = file.startsWith("ops/specs/") && !into.startsWith("ops/specs/");
      const ownSpecType = m[2] !== undefined && into.startsWith("ops/specs/");
      if (layer === "ops" && to === "ops") {
        if (!declaration && !binding && !ownSpecType) leaks.push(`${file} imports another op: ${spec}`);
      } else if (layer === "ops" && to === "deploy" && !DEPLOY_PUBLIC.has(into)) {
        leaks.push(`${file} imports ${spec} (not one of the public modules deploy/mod.ts lists)`);
      } else if (to === layer || allowed.includes(to) || (m[2] && allowed.includes(`${to}-types`))) continue;
      else leaks.push(`${file} imports ${spec}`);
    }
  }
  assertEquals(leaks, []);
});
