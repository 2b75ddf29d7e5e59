/** SHA-256 helpers over WebCrypto. */
import { canonicalBytes } from "./canonical_json.ts";

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Lowercase hex SHA-256 of bytes or of a string's UTF-8 bytes. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return toHex(new Uint8Array(digest));
}

/** Artifact id: lowercase hex SHA-256 of the canonical payload. */
export function artifactIdOf(payload: unknown): Promise<string> {
  return sha256Hex(canonicalBytes(payload));
}
