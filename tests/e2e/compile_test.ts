/**
 * `deno task compile` embeds the whole program. Compiling for this machine's target with DENORT_BIN
 * set to the local `deno` executable needs no download; the result is that executable with our module
 * graph appended (it runs as plain deno, so it is inspected, not run): every module the program can
 * load at run time, the ones main.ts and the command table load by URL included, is in it.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath as fromFileUrl, pathToFileURL } from "node:url";
import { assert, assertEquals } from "../core/assert.ts";
import { binaryName, lazyModules, stampedHomepage } from "../../scripts/compile.ts";
import { websiteUrlOf } from "../../src/mcp/server_info.ts";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));
const TARGET = "x86_64-unknown-linux-gnu";
const HOMEPAGE = "https://example.test/acme/mcp-orchestration";

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier: string } }[];
}

/** Every source file of the program, relative to ROOT. */
function sourceFiles(dir = "src"): string[] {
  return [...Deno.readDirSync(`${ROOT}${dir}`)].flatMap((e) =>
    e.isDirectory ? sourceFiles(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []
  );
}

/** Modules loaded by URL (`load<typeof import("X")>("X")`) anywhere in the program (main.ts, the
 * command table, the deploy's jsdiff). */
function urlLoaded(): string[] {
  const out: string[] = [];
  for (const file of ["main.ts", ...sourceFiles()]) {
    const text = Deno.readTextFileSync(`${ROOT}${file}`);
    const calls = [...text.matchAll(/\bload<typeof import\("([^"]+)"\)>\("([^"]+)"\)/g)];
    assertEquals(
      calls.length,
      [...text.matchAll(/\bload</g)].length,
      `${file}: every load<...> names its module twice`,
    );
    for (const [, type, path] of calls) {
      assertEquals(type, path, `${file}: the type and the loaded path differ`);
      out.push(resolve(dirname(`${ROOT}${file}`), path));
    }
  }
  return out;
}

/** Local modules reachable at run time from main.ts and the URL-loaded modules (code imports only,
 * dynamic ones included; type-only imports are erased). */
async function runtimeModules(): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `${ROOT}main.ts`],
    stdout: "piped",
  })
    .output();
  const modules = new Map<string, InfoModule>(
    (JSON.parse(new TextDecoder().decode(out.stdout)).modules as InfoModule[]).map((m) => [m.specifier, m]),
  );
  const seen = new Set<string>();
  const stack = [`${ROOT}main.ts`, ...lazyModules(ROOT)].map((p) => pathToFileURL(p).href);
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s) || !s.startsWith("file:")) continue;
    seen.add(s);
    for (const d of modules.get(s)?.dependencies ?? []) if (d.code) stack.push(d.code.specifier);
  }
  return [...seen].map((s) => fromFileUrl(s));
}

Deno.test({
  name: "deno task compile: with DENORT_BIN the module graph embeds completely",
  ignore: Deno.build.os !== "linux" || Deno.build.arch !== "x86_64",
  fn: async () => {
    const lazy = lazyModules(ROOT);
    for (const m of urlLoaded()) {
      assert.ok(lazy.includes(m), `${m} is loaded by URL but not --included by compile.ts`);
    }

    const dir = await Deno.makeTempDir({ prefix: "mcpo-compile-" });
    const buildInfo = `${ROOT}src/mcp/build_info.json`;
    const before = await Deno.readFile(buildInfo);
    try {
      // As `deno task compile` runs, with the URL a release build on GitHub Actions would stamp.
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          `${ROOT}scripts/compile.ts`,
          "--target",
          TARGET,
          "--output-dir",
          dir,
          "--homepage",
          HOMEPAGE,
        ],
        env: { DENORT_BIN: Deno.execPath() },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
      assertEquals(out.code, 0, log);
      // The stamp is in the binary, and the source tree has its own bytes back.
      assertEquals(await Deno.readFile(buildInfo), before);
      const bin = `${dir}/${binaryName(TARGET)}`;
      const size = (await Deno.stat(bin)).size;
      const runtime = (await Deno.stat(Deno.execPath())).size;
      assert.ok(size > runtime + 5_000_000, `${bin}: ${size} bytes, the runtime alone is ${runtime}`);

      // The appended part holds every module's source text.
      const tail = new TextDecoder("latin1").decode((await Deno.readFile(bin)).subarray(runtime));
      assert.ok(
        tail.includes(JSON.stringify({ homepage: HOMEPAGE })),
        "the stamped build_info.json is not embedded",
      );
      const modules = await runtimeModules();
      for (const m of lazy) assert.ok(modules.includes(m));
      // build_info.json is in it as stamped (checked above), not as the tree holds it.
      const missing = modules.filter((m) => !m.endsWith("/src/mcp/build_info.json")).filter((m) => {
        const text = Deno.readTextFileSync(m);
        const probe = text.split("\n").find((l) => l.trim().length > 20) ?? text.slice(0, 40);
        return !tail.includes(probe);
      });
      assertEquals(missing, [], `modules not embedded (of ${modules.length})`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("serverInfo.websiteUrl: deno.json's homepage, else the URL a release build stamps, else none", () => {
  const gh = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/mcp-orchestration" };
  // What compile stamps: --homepage first, then the GitHub Actions repository; nothing when deno.json has one.
  assertEquals(stampedHomepage({}, undefined, gh), "https://github.com/acme/mcp-orchestration");
  assertEquals(stampedHomepage({}, "https://mcpo.example/", gh), "https://mcpo.example/");
  assertEquals(stampedHomepage({ homepage: "https://a.example" }, undefined, gh), null);
  assertEquals(stampedHomepage({}, undefined, {}), null);
  for (const bad of ["not a url", "ftp://x.example/", "https://user:tok@x.example/"]) {
    let threw = false;
    try {
      stampedHomepage({}, bad, {});
    } catch {
      threw = true;
    }
    assert.ok(threw, bad);
  }
  // What the server reports.
  assertEquals(
    websiteUrlOf({ homepage: "https://a.example" }, { homepage: "https://b.example" }),
    "https://a.example",
  );
  assertEquals(websiteUrlOf({}, { homepage: "https://b.example" }), "https://b.example");
  assertEquals(websiteUrlOf({}, { homepage: null }), undefined);
  assertEquals(websiteUrlOf({ homepage: "javascript:alert(1)" }, {}), undefined);
});
