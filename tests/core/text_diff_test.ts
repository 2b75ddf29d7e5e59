import { assertEquals } from "./assert.ts";
import fc from "fast-check";
import { unifiedDiff } from "../../src/core/text_diff.ts";
import { redactText, redactValue } from "../../src/core/redact.ts";

/** Applies a unified diff produced by unifiedDiff to `old` (test oracle). */
function apply(old: string, diff: string): string {
  if (!diff) return old;
  const a = old === "" ? [] : old.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let i = 0;
  for (const line of diff.split("\n").slice(2)) {
    const m = line.match(/^@@ -(\d+)(?:,(\d+))? \+/);
    if (m) {
      const start = Number(m[1]) - (m[2] === "0" ? 0 : 1);
      while (i < start) out.push(a[i++]);
      continue;
    }
    if (line.startsWith(" ")) out.push(a[i++]);
    else if (line.startsWith("-")) i++;
    else if (line.startsWith("+")) out.push(line.slice(1));
  }
  while (i < a.length) out.push(a[i++]);
  return out.length ? out.join("\n") + "\n" : "";
}

Deno.test("unified diff: hunks with context, and it applies back to the new text", () => {
  assertEquals(unifiedDiff("a\nb\n", "a\nb\n", "f"), "");
  assertEquals(unifiedDiff("a\nb\nc\n", "a\nX\nc\n", "f", 1), "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n");
  const line = fc.constantFrom("a", "b", "c", "{", "}", '"x": 1,');
  fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (x, y) => {
    const o = x.length ? x.join("\n") + "\n" : "";
    const n = y.length ? y.join("\n") + "\n" : "";
    assertEquals(apply(o, unifiedDiff(o, n, "f")), n);
  }));
});

Deno.test("redaction removes secret values, raw and JSON-escaped", () => {
  assertEquals(redactText('{"T": "s3cr\\"et"} s3cr"et', ['s3cr"et']), '{"T": "***"} ***');
  assertEquals(redactValue({ a: ["xx tok1234 yy"], b: 1 }, ["tok1234"]), { a: ["xx *** yy"], b: 1 });
  assertEquals(redactText("abc", ["ab"]), "abc"); // too short to be a secret worth redacting
});

Deno.test("secret-named assignments are hidden in JSON, YAML and TOML lines; references are kept", async () => {
  const { redactSecretAssignments } = await import("../../src/core/redact.ts");
  assertEquals(redactSecretAssignments('+      "GITHUB_TOKEN": "ghp_abc123",'), '+      "GITHUB_TOKEN": "***",');
  assertEquals(redactSecretAssignments('  "Authorization": "Bearer xyz"'), '  "Authorization": "***"');
  assertEquals(redactSecretAssignments("  API_KEY: sk-live-1"), "  API_KEY: ***");
  assertEquals(redactSecretAssignments('API_KEY = "sk-live-1"'), 'API_KEY = "***"');
  assertEquals(redactSecretAssignments('"GITHUB_TOKEN": "${GITHUB_TOKEN}"'), '"GITHUB_TOKEN": "${GITHUB_TOKEN}"');
  assertEquals(redactSecretAssignments('"X_TOKEN": "${env:X_TOKEN}"'), '"X_TOKEN": "${env:X_TOKEN}"');
  assertEquals(redactSecretAssignments('"command": "npx"'), '"command": "npx"');
});
