/**
 * Records that passed every check, by their exact bytes, with the public key that verified them (the
 * `records` memo of the deps' cache: src/platform/cache.ts). Verification is a pure function of (bytes,
 * key), so a hit is as good as checking again; any change to the file or the key is a miss. Recalled
 * values are frozen.
 */
import type { Cache } from "../platform/cache.ts";

const records = (cache: Cache) => cache.memo<unknown>("records");

/** The record these exact bytes parsed to when `pem` verified them, if it did. */
export function recall<T>(cache: Cache, text: string, pem: string | undefined): T | undefined {
  return pem === undefined ? undefined : records(cache).get(text, pem) as T | undefined;
}

/** The key that verified these bytes before (to look up before parsing). */
export function keyOf(cache: Cache, text: string): string | undefined {
  return (records(cache).any(text) as { signing_key_id?: string } | undefined)?.signing_key_id;
}

/** Records a record that passed every check. */
export function remember(cache: Cache, text: string, pem: string, value: unknown): void {
  records(cache).set(text, pem, value);
}
