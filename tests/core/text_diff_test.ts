import { assert, assertEquals } from "./assert.ts";
import fc from "../helpers/fc.ts";
import { MAX_EDIT, unifiedDiff } from "../../src/core/text_diff.ts";
import { redactText, redactValue } from "../../src/core/redact.ts";
import { gitApply } from "../helpers/git_apply.ts";

/** Applies a unified diff to `old` strictly, as `patch` would with no fuzz (test oracle): every context
 * and removed line must match the old text, line breaks and the no-newline markers included, and each
 * hunk header must count its lines. */
function apply(old: string, diff: string): string {
  if (!diff) return old;
  const a = old.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const lines = diff.split("\n");
  assert.ok(lines.pop() === "", "a diff ends with a line break");
  assert.match(lines[0], /^--- /);
  assert.match(lines[1], /^\+\+\+ /);
  const out: string[] = [];
  let i = 0, k = 2;
  while (k < lines.length) {
    const m = lines[k++].match(/^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/);
    assert.ok(m, `hunk header expected at line ${k}: ${lines[k - 1]}`);
    const [oStart, oCount, nCount] = [Number(m[1]), Number(m[2]), Number(m[4])];
    const start = oCount === 0 ? oStart : oStart - 1;
    assert.ok(start >= i, "hunks are in order and do not overlap");
    while (i < start) out.push(a[i++]);
    let seenOld = 0, seenNew = 0;
    while (k < lines.length && !lines[k].startsWith("@@")) {
      const l = lines[k++];
      const eol = lines[k] === "\\ No newline at end of file" ? (k++, "") : "\n";
      const body = l.slice(1) + eol;
      if (l[0] === " " || l[0] === "-") {
        assertEquals(a[i], body, `line ${i + 1} of the old text`);
        i++, seenOld++;
      }
      if (l[0] === " " || l[0] === "+") out.push(body), seenNew++;
      assert.ok(" -+".includes(l[0]), `unexpected diff line ${JSON.stringify(l)}`);
    }
    assertEquals([seenOld, seenNew], [oCount, nCount], "hunk header counts");
  }
  while (i < a.length) out.push(a[i++]);
  return out.join("");
}

const lines = (n: number, f: (i: number) => string = (i) => `  "line ${i}": ${i},`) =>
  Array.from({ length: n }, (_, i) => f(i) + "\n").join("");

Deno.test("unified diff: hunks with context, the no-newline marker, and it applies back to the new text", () => {
  assertEquals(unifiedDiff("a\nb\n", "a\nb\n", "f"), "");
  assertEquals(
    unifiedDiff("a\nb\nc\n", "a\nX\nc\n", "f", 1),
    "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n",
  );
  assertEquals(
    unifiedDiff("a\nb", "a\nc", "f"),
    "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
  );
  assertEquals(unifiedDiff("", "x\n", "f"), "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+x\n");
  assertEquals(unifiedDiff("x\n", "", "f"), "--- f\n+++ f\n@@ -1,1 +0,0 @@\n-x\n");
  // Lines of every shape, CRLF and a last line without a break among them.
  const line = fc.constantFrom("a", "b", "c", "{", "}", '"x": 1,', "a\r", "");
  const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.boolean()).map(([ls, eol]) =>
    ls.join("\n") + (eol && ls.length ? "\n" : "")
  );
  fc.assert(fc.property(text, text, fc.integer({ min: 0, max: 4 }), (o, n, ctx) => {
    assertEquals(apply(o, unifiedDiff(o, n, "f", ctx)), n);
  }));
});

Deno.test("unified diff: two edits far apart in a long file are two small hunks", () => {
  const old = lines(4000);
  const edited = old.replace('"line 5": 5', '"line 5": 50').replace('"line 3990": 3990', '"line 3990": 0');
  const diff = unifiedDiff(old, edited, "f");
  assertEquals(diff.split("\n").filter((l) => l.startsWith("@@")), [
    "@@ -3,7 +3,7 @@",
    "@@ -3988,7 +3988,7 @@",
  ]);
  assertEquals(diff.split("\n").length, 2 + 2 * 9 + 1);
  assertEquals(apply(old, diff), edited);
});

Deno.test("unified diff: past MAX_EDIT line edits the changed span is one exact block", () => {
  const old = lines(4000);
  // Every other line of a 2,000-line span changed: the minimal diff needs 2,000 edits.
  const edited = lines(
    4000,
    (i) => i >= 1000 && i < 3000 && i % 2 ? `  "changed ${i}": 0,` : `  "line ${i}": ${i},`,
  );
  assert.ok(2000 > MAX_EDIT);
  const diff = unifiedDiff(old, edited, "f");
  assertEquals(diff.split("\n").filter((l) => l.startsWith("@@")), ["@@ -999,2005 +999,2005 @@"]);
  assertEquals(apply(old, diff), edited);
  // A pure insertion or removal of many lines is minimal whatever its size.
  const inserted = old.replace(
    '  "line 2000": 2000,\n',
    lines(3000, (i) => `  "new ${i}": 1,`) + '  "line 2000": 2000,\n',
  );
  assertEquals(unifiedDiff(old, inserted, "f").split("\n").filter((l) => l.startsWith("+")).length, 3000 + 1);
  assertEquals(apply(old, unifiedDiff(old, inserted, "f")), inserted);
  assertEquals(apply(inserted, unifiedDiff(inserted, old, "f")), old);
});

Deno.test("unified diff: real `git apply` turns the old file into the new one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mcpo-gitapply-" });
  const bom = "\uFEFF";
  const cases: [string, string, string][] = [
    ["no final newline, both", '{\n  "a": 1\n}', '{\n  "a": 2\n}'],
    ["final newline added", '{\n  "a": 1\n}', '{\n  "a": 1\n}\n'],
    ["final newline removed", '{\n  "a": 1\n}\n', '{\n  "a": 1\n}'],
    ["CRLF", '{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n', '{\r\n  "a": 1,\r\n  "c": 3,\r\n  "b": 2\r\n}\r\n'],
    ["BOM kept, first line in context", `${bom}{\n  "a": 1\n}\n`, `${bom}{\n  "a": 1,\n  "b": 2\n}\n`],
    ["BOM removed", `${bom}{\n  "a": 1\n}\n`, `{\n  "a": 1\n}\n`],
    [
      "edits far apart",
      lines(4000),
      lines(4000).replace('"line 5": 5', '"x": 0').replace('"line 3990"', '"y"'),
    ],
    [
      "every other line of a long span",
      lines(3000),
      lines(3000, (i) => i % 2 && i > 500 ? "changed" : `l ${i}`),
    ],
    ["empty file", "", '{ "mcpServers": {} }\n'],
    ["emptied", '{ "mcpServers": {} }\n', ""],
  ];
  try {
    for (const [name, before, after] of [...cases, ["created", null, '{\n  "a": 1\n}\n'] as const]) {
      const file = `${dir}/mcp.json`;
      await Deno.remove(file).catch(() => {});
      if (before !== null) await Deno.writeTextFile(file, before);
      const got = await gitApply(dir, unifiedDiff(before ?? "", after, "mcp.json"), 0);
      assert.ok(got.ok, `${name}: git apply failed: ${got.stderr}`);
      assertEquals(await Deno.readTextFile(file), after, name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("redaction removes secret values, raw and JSON-escaped", () => {
  assertEquals(redactText('{"T": "s3cr\\"et"} s3cr"et', ['s3cr"et']), '{"T": "***"} ***');
  assertEquals(redactValue({ a: ["xx tok1234 yy"], b: 1 }, ["tok1234"]), { a: ["xx *** yy"], b: 1 });
  assertEquals(redactText("abc", ["ab"]), "abc"); // too short to be a secret worth redacting
});

Deno.test("secret-named assignments are hidden in JSON, YAML and TOML lines; references are kept", async () => {
  const { redactSecretAssignments } = await import("../../src/core/redact.ts");
  assertEquals(
    redactSecretAssignments('+      "GITHUB_TOKEN": "ghp_abc123",'),
    '+      "GITHUB_TOKEN": "***",',
  );
  assertEquals(redactSecretAssignments('  "Authorization": "Bearer xyz"'), '  "Authorization": "***"');
  assertEquals(redactSecretAssignments("  API_KEY: sk-live-1"), "  API_KEY: ***");
  assertEquals(redactSecretAssignments('API_KEY = "sk-live-1"'), 'API_KEY = "***"');
  assertEquals(
    redactSecretAssignments('"GITHUB_TOKEN": "${GITHUB_TOKEN}"'),
    '"GITHUB_TOKEN": "${GITHUB_TOKEN}"',
  );
  assertEquals(redactSecretAssignments('"X_TOKEN": "${env:X_TOKEN}"'), '"X_TOKEN": "${env:X_TOKEN}"');
  assertEquals(redactSecretAssignments('"command": "npx"'), '"command": "npx"');
});
