/**
 * `deno task compile` embeds the whole program. Compiling for this machine's target with DENORT_BIN
 * set to the local `deno` executable needs no download; the result is that executable with our module
 * graph appended (it runs as plain deno, so it is inspected, not run): every module the program can
 * load at run time, the ones main.ts and the command table load by URL included, is in it.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath as fromFileUrl, pathToFileURL } from "node:url";
import { assert, assertEquals } from "../core/assert.ts";
import { binaryName, compileArgs, lazyModules } from "../../scripts/compile.ts";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));
const TARGET = "x86_64-unknown-linux-gnu";

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
    try {
      const out = await new Deno.Command(Deno.execPath(), {
        args: compileArgs(TARGET, dir, ROOT),
        env: { DENORT_BIN: Deno.execPath() },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
      assertEquals(out.code, 0, log);
      const bin = `${dir}/${binaryName(TARGET)}`;
      const size = (await Deno.stat(bin)).size;
      const runtime = (await Deno.stat(Deno.execPath())).size;
      assert.ok(size > runtime + 5_000_000, `${bin}: ${size} bytes, the runtime alone is ${runtime}`);

      // The appended part holds every module's source text.
      const tail = new TextDecoder("latin1").decode((await Deno.readFile(bin)).subarray(runtime));
      const modules = await runtimeModules();
      for (const m of lazy) assert.ok(modules.includes(m));
      const missing = modules.filter((m) => {
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
