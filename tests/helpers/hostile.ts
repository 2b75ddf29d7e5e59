/** fast-check arbitraries of hostile input, shared by the CLI and MCP attack tests. */
import fc from "./fc.ts";

/** Strings an attacker or a confused model would send. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "../x",
    "..",
    "/etc/passwd",
    "a\0b",
    "__proto__",
    "constructor",
    "toString",
    "${HOME}",
    "'; rm -rf / #",
    "a b",
    "line\nbreak",
    "é",
    "𝄞",
    "{}",
    "[]",
    "null",
    "-rf",
    "--force",
    "x".repeat(5000),
    "cursor",
    "default",
    "memory",
  ),
  fc.json(),
);

/** Any JSON-ish value, hostile strings inside. */
export const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
);
