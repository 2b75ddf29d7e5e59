/**
 * Memo of successful signature checks, keyed by the exact bytes checked and the public key that checked
 * them. Verification is a pure function of (text, key), so a hit is as good as verifying again; any
 * change to the file or the key is a miss. Bounded, process-wide (the MCP server answers many calls).
 */
const MAX = 20_000;
const verified = new Map<string, string>();

/** True when `text` was verified before with `pem`. */
export function wasVerified(text: string, pem: string): boolean {
  return verified.get(text) === pem;
}

/** Records a successful verification. */
export function rememberVerified(text: string, pem: string): void {
  if (verified.size >= MAX) verified.clear();
  verified.set(text, pem);
}
