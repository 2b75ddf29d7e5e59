import assert from "node:assert/strict";
import { BUILTIN_FILES } from "../../src/registry/builtin.ts";
import { builtinEntries } from "../../src/registry/catalog.ts";
import {
  catalogMeta,
  ID_PATTERN,
  normalizeServerJson,
  SERVER_SCHEMA_URL,
} from "../../src/registry/server_json.ts";
import { SECRET_NAME } from "../../src/registry/inputs.ts";

const DIR = new URL("../../registry/", import.meta.url);

async function registryFiles(): Promise<{ id: string; text: string }[]> {
  const out: { id: string; text: string }[] = [];
  for await (const e of Deno.readDir(DIR)) {
    if (e.isFile && e.name.endsWith(".json")) {
      out.push({ id: e.name.slice(0, -5), text: await Deno.readTextFile(new URL(e.name, DIR)) });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const REQUIRED = [
  "filesystem",
  "brave-search",
  "github",
  "memory",
  "fetch",
  "postgres",
  "sqlite",
  "slack",
  "puppeteer",
  "google-maps",
  "everything",
  "sequential-thinking",
  "sentry",
  "git",
  "time",
  "playwright",
  "notion",
  "linear",
  "stripe",
  "context7",
  "redis",
];

Deno.test("every registry file is a valid server.json with one server and a matching id", async () => {
  const files = await registryFiles();
  for (const f of files) {
    const raw = JSON.parse(f.text);
    const servers = normalizeServerJson(raw, f.id);
    assert.equal(servers.length, 1, f.id);
    const s = servers[0];
    assert.equal(raw.$schema, SERVER_SCHEMA_URL, f.id);
    assert.match(f.id, ID_PATTERN);
    assert.equal(catalogMeta(s).id, f.id, `${f.id}: _meta id must equal the basename`);
    assert.ok(s.description.length <= 100, `${f.id}: description over 100 characters`);
    assert.ok((catalogMeta(s).tags ?? []).length > 0, `${f.id}: needs tags`);
    for (const p of s.packages ?? []) {
      assert.ok(["npm", "pypi", "oci"].includes(p.registryType), `${f.id}: ${p.registryType}`);
      assert.ok(!/[@:]\d/.test(p.identifier.replace(/^@/, "")), `${f.id}: identifier must be version-less`);
      assert.equal(p.runtimeHint, { npm: "npx", pypi: "uvx", oci: "docker" }[p.registryType]);
      for (const e of p.environmentVariables ?? []) {
        if (SECRET_NAME.test(e.name)) assert.equal(e.isSecret, true, `${f.id}: ${e.name} must be isSecret`);
      }
    }
  }
});

Deno.test("the registry has at least 25 servers including the required ids", async () => {
  const ids = (await registryFiles()).map((f) => f.id);
  assert.ok(ids.length >= 25, `only ${ids.length}`);
  for (const id of REQUIRED) assert.ok(ids.includes(id), `missing ${id}`);
  const kinds = new Set<string>();
  for (const e of builtinEntries()) for (const r of e.server.remotes ?? []) kinds.add(r.type);
  assert.deepEqual([...kinds].sort(), ["sse", "streamable-http"]);
});

Deno.test("every deprecated server names a reason and an existing successor", () => {
  const entries = builtinEntries();
  const ids = new Set(entries.map((e) => e.id));
  const deprecated = entries.filter((e) => catalogMeta(e.server).deprecated);
  assert.deepEqual(deprecated.map((e) => e.id).sort(), [
    "gdrive",
    "google-maps",
    "postgres",
    "puppeteer",
    "sqlite",
  ]);
  for (const e of deprecated) {
    const d = catalogMeta(e.server).deprecated!;
    assert.ok(d.reason.length > 10, e.id);
    if (d.successor) assert.ok(ids.has(d.successor), `${e.id}: successor ${d.successor} unknown`);
  }
  assert.equal(
    catalogMeta(entries.find((e) => e.id === "puppeteer")!.server).deprecated?.successor,
    "playwright",
  );
});

Deno.test("builtin.ts imports every file in registry/ (and nothing else)", async () => {
  const onDisk = (await registryFiles()).map((f) => f.id);
  const embedded = BUILTIN_FILES.map((f) => f.id).sort();
  const missing = onDisk.filter((id) => !embedded.includes(id));
  assert.deepEqual(missing, [], `add to src/registry/builtin.ts: ${missing.join(", ")}`);
  assert.deepEqual(embedded, onDisk);
  for (const f of BUILTIN_FILES) {
    assert.equal(f.path, `registry/${f.id}.json`);
    assert.deepEqual(f.data, JSON.parse(await Deno.readTextFile(new URL(`${f.id}.json`, DIR))));
  }
});

Deno.test("every catalogue alias names an input of its server, and no alias shadows a real input", async () => {
  const { aliasesOf } = await import("../../src/registry/aliases.ts");
  const { inputsOf, sourcesOf } = await import("../../src/registry/inputs.ts");
  let count = 0;
  for (const e of builtinEntries()) {
    const names = new Set(sourcesOf(e.server).flatMap((s) => inputsOf(s).map((i) => i.name)));
    const a = aliasesOf(e.server);
    for (const [alias, real] of [...Object.entries(a.params), ...Object.entries(a.env)]) {
      assert.ok(names.has(real), `${e.id}: alias ${alias} -> ${real}, not an input`);
      assert.ok(!names.has(alias), `${e.id}: alias ${alias} is a real input`);
      count++;
    }
  }
  assert.ok(count >= 3, "the seed's three aliases at least");
});
