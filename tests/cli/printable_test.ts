import { assert, assertEquals } from "../core/assert.ts";
import { printable, printableText } from "../../src/core/printable.ts";

Deno.test("printable: controls but tab and newline become \\xNN; lazy properties stay lazy", () => {
  assertEquals(printableText("a\x1b[31mb\tc\nd\re\x07\x7f\x9b"), "a\\x1b[31mb\tc\nd\\x0de\\x07\\x7f\\x9b");
  assertEquals(printableText("plain ✔ text"), "plain ✔ text");
  let reads = 0;
  const value = { name: "x\x1b", list: ["\x07"], n: 1, nested: { s: "\r" } } as Record<string, unknown>;
  Object.defineProperty(value, "diff", { get: () => (reads++, "+\x1b"), enumerable: true });
  const p = printable(value);
  assertEquals(reads, 0, "a lazy property is not computed by making the result printable");
  assertEquals([p.name, p.list, p.n, p.nested], ["x\\x1b", ["\\x07"], 1, { s: "\\x0d" }]);
  assertEquals([p.diff, reads], ["+\\x1b", 1]);
  assert.ok(value.name === "x\x1b", "the result itself is not changed");
});

Deno.test("printable: bidirectional controls (Trojan Source) become \\uNNNN; other text is kept", () => {
  assertEquals(printableText("evil\u202egnp.exe"), "evil\\u202egnp.exe");
  assertEquals(
    printableText("\u2066a\u2069 \u200e\u200f\u061c \u2028\u2029 \u202a\u202b\u202c\u202d"),
    "\\u2066a\\u2069 \\u200e\\u200f\\u061c \\u2028\\u2029 \\u202a\\u202b\\u202c\\u202d",
  );
  assertEquals(printableText("שלום مرحبا 你好 é"), "שלום مرحبا 你好 é");
});
