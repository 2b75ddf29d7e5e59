/**
 * SHA-256 of a file read in 1 MiB chunks: a release binary is ~100 MB, and reading it whole would cost
 * that much memory. Callers check the path against the access policy first (it reads the disk directly).
 *
 * @example
 * await sha256File("/tmp/mcp-orchestration-x86_64-unknown-linux-gnu"); // "9f86d0…"
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
