/**
 * `src/platform/path.ts` against `node:path` (the reference it is ported from): property tests on both
 * flavours with generated paths, a few realistic examples, the top-level exports, and the absence of
 * imports in the module.
 *
 * Note on `win32.resolve`: Node looks up the per-drive working directory in the `=C:` environment
 * variable, the port uses `Deno.cwd()`. Such variables cannot exist on Linux and macOS (names holding
 * `=`), so there both agree on every input and the resolve/relative properties are not constrained.
 */
import assert from "node:assert";
import * as nodePath from "node:path";
import fc from "../helpers/fc.ts";
import * as path from "../../src/platform/path.ts";
import type { PathApi } from "../../src/platform/path.ts";

/**
 * Runs per property: one property per function and flavour on generated strings (basename: a second one
 * for the one-argument form with RUNS / 4), plus one non-string-argument property per flavour (RUNS / 10).
 */
const RUNS = 20_000;

/** Pieces of paths: separators, roots, drive letters, dots, reserved device names, odd characters. */
const PIECES = [
  "a",
  "b",
  "foo",
  "Foo",
  ".",
  "..",
  "...",
  "/",
  "\\",
  "//",
  "\\\\",
  "C:",
  "c:",
  "D:",
  "z:",
  ":",
  "x.y",
  ".x",
  "x.",
  ".hidden",
  "file.",
  "file.txt",
  ".json",
  "CON",
  "con",
  "nul",
  "AUX",
  "PRN",
  "COM1",
  "LPT3",
  "COM\u00b9",
  "lpt\u00b3",
  "?",
  ".\\",
  "\\\\?\\",
  "\\\\.\\",
  "UNC",
  "server",
  "share",
  "*",
  " ",
  "é",
  "\u0130", // İ: lower-cases to two UTF-16 units (exercises win32 relative's segment fallback)
  "ß", // upper-cases to "SS"
  "",
];

const piece = fc.constantFrom(...PIECES);
/** A path of 0-8 pieces. */
const pathArb = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
/** A short path (0-3 pieces), as a suffix or a common prefix. */
const shortPathArb = fc.array(piece, { maxLength: 3 }).map((parts) => parts.join(""));
/** 0-5 paths, for the variadic functions. */
const pathListArb = fc.array(pathArb, { maxLength: 5 });
/** A path list whose entries share a start, so that resolve/join meet the same roots more often. */
const sharedPathListArb = fc
  .tuple(shortPathArb, fc.array(shortPathArb, { maxLength: 5 }))
  .map(([start, rests]) => rests.map((rest) => start + rest));

/** `relative` arguments: unrelated paths, paths sharing a start, and case variants of one another. */
const relativeArgsArb = fc.oneof(
  fc.tuple(pathArb, pathArb),
  fc.tuple(shortPathArb, pathArb, pathArb).map(([start, a, b]): [string, string] => [start + a, start + b]),
  fc
    .tuple(pathArb, pathArb, fc.constantFrom("upper", "lower", "same"))
    .map(([start, rest, mode]): [string, string] => {
      const to = start + rest;
      return [start, mode === "upper" ? to.toUpperCase() : mode === "lower" ? to.toLowerCase() : to];
    }),
);

/** `basename` arguments: no suffix, an unrelated suffix, or a tail of the path. */
const basenameArgsArb = fc.oneof(
  pathArb.map((p): [string, string | undefined] => [p, undefined]),
  fc.tuple(pathArb, shortPathArb).map(([p, suffix]): [string, string | undefined] => [p, suffix]),
  fc
    .tuple(pathArb, fc.nat({ max: 12 }))
    .map(([p, n]): [string, string | undefined] => [p, p.slice(Math.max(0, p.length - n))]),
);

/** A call's result or its error, so that both sides can be compared with one deepStrictEqual. */
function outcome(call: () => unknown): unknown {
  try {
    return { value: call() };
  } catch (error) {
    if (!(error instanceof Error)) return { thrown: error };
    return {
      error: error.name,
      isTypeError: error instanceof TypeError,
      code: (error as { code?: unknown }).code,
      message: error.message,
    };
  }
}

/** Asserts `ours(...args)` and `theirs(...args)` return (or throw) the same. */
function assertSame(
  name: string,
  ours: (...args: any[]) => unknown,
  theirs: (...args: any[]) => unknown,
  args: unknown[],
): void {
  const actual = outcome(() => ours(...args));
  const expected = outcome(() => theirs(...args));
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (error) {
    // Name the call (built only on failure: inspecting generated values is slow).
    (error as Error).message = `${name}(${args.map((arg) => Deno.inspect(arg)).join(", ")})\n${
      (error as Error).message
    }`;
    throw error;
  }
}

const FLAVOURS: [string, PathApi, typeof nodePath.posix][] = [
  ["posix", path.posix, nodePath.posix],
  ["win32", path.win32, nodePath.win32],
];

for (const [flavour, ours, theirs] of FLAVOURS) {
  Deno.test(`path.${flavour} matches node:path ${flavour} on generated paths`, async (t) => {
    const params = { numRuns: RUNS };
    const check = (name: keyof PathApi, args: unknown[]) =>
      assertSame(`${flavour}.${name}`, ours[name] as any, theirs[name] as any, args);

    await t.step("sep and delimiter", () => {
      assert.strictEqual(ours.sep, theirs.sep);
      assert.strictEqual(ours.delimiter, theirs.delimiter);
    });
    await t.step("normalize", () => {
      fc.assert(fc.property(pathArb, (p) => check("normalize", [p])), params);
    });
    await t.step("isAbsolute", () => {
      fc.assert(fc.property(pathArb, (p) => check("isAbsolute", [p])), params);
    });
    await t.step("dirname", () => {
      fc.assert(fc.property(pathArb, (p) => check("dirname", [p])), params);
    });
    await t.step("extname", () => {
      fc.assert(fc.property(pathArb, (p) => check("extname", [p])), params);
    });
    await t.step("basename (with and without suffix)", () => {
      fc.assert(fc.property(basenameArgsArb, ([p, suffix]) => check("basename", [p, suffix])), params);
      // The one-argument form too (an explicit `undefined` is not the same call shape).
      fc.assert(fc.property(pathArb, (p) => check("basename", [p])), { numRuns: RUNS / 4 });
    });
    await t.step("join", () => {
      fc.assert(
        fc.property(fc.oneof(pathListArb, sharedPathListArb), (paths) => check("join", paths)),
        params,
      );
    });
    await t.step("resolve", () => {
      fc.assert(
        fc.property(fc.oneof(pathListArb, sharedPathListArb), (paths) => check("resolve", paths)),
        params,
      );
    });
    await t.step("relative", () => {
      fc.assert(fc.property(relativeArgsArb, ([from, to]) => check("relative", [from, to])), params);
    });
    await t.step("non-string arguments throw the same TypeError", () => {
      const value = fc.oneof(
        pathArb,
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
        fc.constantFrom(undefined, null, 0, -0, NaN, 1.5, true, Symbol("s"), 1n, () => 1, [], {}),
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constant(undefined)).map((d) => Symbol(d)),
      );
      const args = fc.array(value, { minLength: 1, maxLength: 3 });
      const variadic = fc.array(value, { maxLength: 4 });
      fc.assert(
        fc.property(args, variadic, (a, many) => {
          for (const name of ["normalize", "isAbsolute", "dirname", "extname"] as const) {
            check(name, a.slice(0, 1));
          }
          check("basename", a.slice(0, 2));
          check("relative", a.slice(0, 2));
          check("join", many);
          check("resolve", many);
        }),
        // Fewer runs: building node's errors is slow (~20 µs each, 8+ per run).
        { numRuns: RUNS / 10 },
      );
    });
  });
}

Deno.test("path.win32 on a Windows config path", () => {
  const { win32 } = path;
  const config = "C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json";
  assert.strictEqual(win32.dirname(config), "C:\\Users\\me\\AppData\\Roaming\\Claude");
  assert.strictEqual(win32.basename(config), "claude_desktop_config.json");
  assert.strictEqual(win32.basename(config, ".json"), "claude_desktop_config");
  assert.strictEqual(win32.extname(config), ".json");
  assert.strictEqual(win32.isAbsolute(config), true);
  assert.strictEqual(
    win32.join("C:\\Users\\me", "AppData", "Roaming", "Claude", "claude_desktop_config.json"),
    config,
  );
  assert.strictEqual(
    win32.join("C:/Users/me/", "/AppData/Roaming", "Claude/claude_desktop_config.json"),
    config,
  );
  assert.strictEqual(
    win32.relative("C:\\Users\\me", config),
    "AppData\\Roaming\\Claude\\claude_desktop_config.json",
  );
  // Case-insensitive; the result keeps the case of `to`.
  assert.strictEqual(
    win32.relative("c:\\users\\ME\\appdata", config),
    "Roaming\\Claude\\claude_desktop_config.json",
  );
  assert.strictEqual(win32.relative(config, "C:\\Users\\me\\Documents"), "..\\..\\..\\..\\Documents");
  assert.strictEqual(win32.relative("C:\\Users\\me", "D:\\data"), "D:\\data");
  assert.strictEqual(
    win32.normalize("C:/Users/me/./AppData//Roaming/../Roaming/"),
    "C:\\Users\\me\\AppData\\Roaming\\",
  );
  assert.strictEqual(win32.resolve("C:\\Users\\me", "..\\you", "file.txt"), "C:\\Users\\you\\file.txt");
});

Deno.test("path.win32 roots and reserved device names", () => {
  const { win32 } = path;
  assert.strictEqual(win32.normalize("//server/share"), "\\\\server\\share\\");
  assert.strictEqual(win32.dirname("\\\\server\\share\\dir\\file"), "\\\\server\\share\\dir");
  assert.strictEqual(win32.dirname("\\\\server\\share"), "\\\\server\\share");
  assert.strictEqual(win32.join("\\\\server", "share"), "\\\\server\\share\\");
  assert.strictEqual(win32.join("\\", "\\server"), "\\server");
  assert.strictEqual(win32.normalize("\\\\?\\C:\\a\\..\\b"), "\\\\?\\C:\\b");
  assert.strictEqual(win32.normalize("\\\\.\\CON:\\a"), "\\\\?\\CON:\\a");
  assert.strictEqual(win32.normalize("CON:a/b"), ".\\CON:a\\b");
  assert.strictEqual(win32.join("a", "CON:b/c"), "a\\CON:b\\c");
  // A colon in a relative path gets a `.\` so that it cannot read as a drive or a stream.
  assert.strictEqual(win32.normalize("a/../c:"), ".\\c:");
  assert.strictEqual(win32.normalize("foo:bar:"), ".\\foo:bar:");
  assert.strictEqual(win32.normalize("C:"), "C:.");
  assert.strictEqual(win32.isAbsolute("C:"), false);
  assert.strictEqual(win32.isAbsolute("C:/"), true);
  assert.strictEqual(win32.basename("C:foo.txt"), "foo.txt");
});

Deno.test("path.posix on a home config path", () => {
  const { posix } = path;
  const config = "/home/me/.config/claude/settings.json";
  assert.strictEqual(posix.join("/home/me", ".config", "claude", "settings.json"), config);
  assert.strictEqual(posix.join("/home/me/", "./.config//claude/", "../claude/settings.json"), config);
  assert.strictEqual(posix.dirname(config), "/home/me/.config/claude");
  assert.strictEqual(posix.basename(config), "settings.json");
  assert.strictEqual(posix.basename(config, ".json"), "settings");
  assert.strictEqual(posix.extname(config), ".json");
  assert.strictEqual(posix.extname("/home/me/.bashrc"), "");
  assert.strictEqual(posix.isAbsolute(config), true);
  assert.strictEqual(posix.isAbsolute(".config"), false);
  assert.strictEqual(posix.normalize("/home/me/../me/./.config//"), "/home/me/.config/");
  assert.strictEqual(posix.resolve("/home/me", ".config", "../.local"), "/home/me/.local");
  assert.strictEqual(posix.resolve("notes.txt"), `${Deno.cwd()}/notes.txt`);
  assert.strictEqual(posix.relative("/home/me", config), ".config/claude/settings.json");
});

Deno.test("relative gives `..` segments when climbing", () => {
  assert.strictEqual(path.posix.relative("/home/me/.config/app", "/home/me/projects/x"), "../../projects/x");
  assert.strictEqual(path.posix.relative("/home/me/projects/x", "/home/me"), "../..");
  assert.strictEqual(path.posix.relative("/a/b", "/"), "../..");
  assert.strictEqual(path.posix.relative("/a/b", "/a/b"), "");
  assert.strictEqual(path.win32.relative("C:\\a\\b\\c", "C:\\a\\d"), "..\\..\\d");
  assert.strictEqual(path.win32.relative("C:\\a\\b", "C:\\"), "..\\..");
});

Deno.test("non-string arguments throw node's TypeError", () => {
  assert.throws(() => path.posix.join("a", 1 as unknown as string), {
    name: "TypeError",
    code: "ERR_INVALID_ARG_TYPE",
    message: 'The "path" argument must be of type string. Received type number (1)',
  });
  assert.throws(() => path.win32.basename("a", null as unknown as string), {
    name: "TypeError",
    message: 'The "ext" argument must be of type string. Received null',
  });
  assert.throws(() => path.posix.resolve(undefined as unknown as string), {
    name: "TypeError",
    message: 'The "paths[0]" argument must be of type string. Received undefined',
  });
});

Deno.test({
  name: "top-level exports are the posix flavour on this Linux machine",
  ignore: Deno.build.os === "windows",
  fn() {
    const names = [
      "sep",
      "delimiter",
      "resolve",
      "normalize",
      "isAbsolute",
      "join",
      "relative",
      "dirname",
      "basename",
      "extname",
    ] as const;
    for (const name of names) {
      assert.strictEqual(path[name], path.posix[name], name);
    }
    assert.strictEqual(path.sep, "/");
    assert.strictEqual(path.delimiter, ":");
    assert.strictEqual(path.sep, nodePath.sep);
    assert.strictEqual(path.join("a", "b"), nodePath.join("a", "b"));
  },
});

Deno.test("src/platform/path.ts imports nothing", async () => {
  const url = new URL("../../src/platform/path.ts", import.meta.url);
  const text = await Deno.readTextFile(url);
  // Static imports (`import x from`, `import {..} from`, `import "x"`, `import type`), re-exports,
  // dynamic imports and `require`.
  assert.doesNotMatch(text, /^\s*import[\s{*"'`]/m);
  assert.doesNotMatch(text, /^\s*export\s[^;]*?\bfrom\s*["'`]/m);
  assert.doesNotMatch(text, /\bimport\s*\(/);
  assert.doesNotMatch(text, /\brequire\s*\(/);
});
