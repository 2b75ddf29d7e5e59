/**
 * SHA-256 of a file read in 1 MiB chunks: a release binary is ~100 MB, and reading it whole would cost
 * that much memory. Callers check the path against the access policy first (it reads the disk directly).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sha256File } from "./file_digest.ts";
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, "test");
 * const hex = await sha256File(file);
 * await Deno.remove(file);
 * assert.equal(hex, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
 * ```
 */
import { createHash } from "node:crypto";

export async function sha256File(path: string): Promise<string> {
  const file = await Deno.open(path, { read: true });
  try {
    const hash = createHash("sha256");
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      hash.update(buf.subarray(0, n));
    }
    return hash.digest("hex");
  } finally {
    file.close();
  }
}
