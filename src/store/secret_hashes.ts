/**
 * Keyed hashes of the secret values a deploy wrote into a client file, so that `status` can tell a
 * rotated secret (secrets.json changed since) without the log holding anything that reveals a value:
 * HMAC-SHA-256 under a random per-home key (`keys/secret-hash.key`, mode 0600), never a plain SHA-256
 * (which a short secret would not survive: anyone can hash every 6-digit PIN).
 *
 * @example
 * // const hashes = await secretHashes(deps, { API_TOKEN: "v" }, true); // { API_TOKEN: "<64 hex>" }
 */
import type { Deps } from "../platform/deps.ts";
import { writeAtomic } from "../platform/atomic.ts";
import { withLock } from "../platform/lock.ts";
import { layout } from "./layout.ts";
import { join } from "../platform/path.ts";

const enc = new TextEncoder();
const DOMAIN = "mcp-orchestration secret value\n";

function keyPath(home: string): string {
  return join(layout(home).keysDir, "secret-hash.key");
}

async function readKey(deps: Deps): Promise<Uint8Array | null> {
  const path = keyPath(deps.home);
  if (!(await deps.fs.stat(path))) return null;
  const b = await deps.fs.readFile(path);
  return b.length >= 32 ? b : null;
}

/** The per-home key; created (32 random bytes, 0600) when `create` and it does not exist yet. */
async function hashKey(deps: Deps, create: boolean): Promise<CryptoKey | null> {
  let raw = await readKey(deps);
  if (!raw && create) {
    const l = layout(deps.home);
    await deps.fs.mkdir(l.keysDir, 0o700);
    await deps.fs.mkdir(l.locksDir, 0o700);
    raw = await withLock(deps.fs, l.lock("secret-hash-key"), async () => {
      const again = await readKey(deps);
      if (again) return again;
      const fresh = crypto.getRandomValues(new Uint8Array(32));
      await writeAtomic(deps.fs, keyPath(deps.home), fresh, { mode: 0o600 });
      return fresh;
    });
  }
  if (!raw) return null;
  return await crypto.subtle.importKey(
    "raw",
    raw as Uint8Array<ArrayBuffer>,
    {
      name: "HMAC",
      hash: "SHA-256",
    },
    false,
    ["sign"],
  );
}

/** `{name: hex HMAC}` of each value; empty when there is no key and `create` is false. */
export async function secretHashes(
  deps: Deps,
  values: Record<string, string>,
  create: boolean,
): Promise<Record<string, string>> {
  const names = Object.keys(values).sort();
  if (names.length === 0) return {};
  const key = await hashKey(deps, create);
  if (!key) return {};
  const out: Record<string, string> = {};
  for (const n of names) {
    const mac = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, enc.encode(DOMAIN + n + "\n" + values[n])),
    );
    out[n] = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  return out;
}

/** The names whose value in `current` no longer matches the hash a deploy recorded (a removed secret
 * counts as rotated too). */
export async function rotatedSecrets(
  deps: Deps,
  recorded: Record<string, string> | undefined,
  current: Record<string, string>,
): Promise<string[]> {
  if (!recorded || Object.keys(recorded).length === 0) return [];
  const known: Record<string, string> = {};
  for (const n of Object.keys(recorded)) if (Object.hasOwn(current, n)) known[n] = current[n];
  const now = await secretHashes(deps, known, false);
  return Object.keys(recorded).filter((n) => now[n] !== recorded[n]).sort();
}
