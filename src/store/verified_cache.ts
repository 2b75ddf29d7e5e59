/**
 * Memo of records that passed every check, keyed by their exact bytes, with the public key that
 * verified them. Verification is a pure function of (bytes, key), so a hit is as good as checking again;
 * any change to the file or the key is a miss. Bounded, process-wide (the MCP server answers many calls).
 * Callers must not mutate a recalled value.
 */
const MAX = 20_000;
const verified = new Map<string, { pem: string; value: unknown }>();

/** The record these exact bytes parsed to when `pem` verified them, if it did. */
export function recall<T>(text: string, pem: string | undefined): T | undefined {
  const hit = verified.get(text);
  return hit && pem !== undefined && hit.pem === pem ? hit.value as T : undefined;
}

/** The key that verified these bytes before (to look up before parsing). */
export function keyOf(text: string): string | undefined {
  return (verified.get(text)?.value as { signing_key_id?: string } | undefined)?.signing_key_id;
}

/** Records a record that passed every check. */
export function remember(text: string, pem: string, value: unknown): void {
  if (verified.size >= MAX) verified.clear();
  verified.set(text, { pem, value });
}
