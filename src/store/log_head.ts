/**
 * The signed head of a deployment log: `deployments/<client>.head.json`, rewritten (atomically) after
 * every append. It names how many signed records the log holds and the SHA-256 of the last one, and,
 * for a log adopted from an earlier version, the size and hash of the unsigned part it started from.
 * A log that does not reach its head (lines removed, the file emptied or deleted) is refused; see
 * deployment_log.ts for the whole protocol.
 */
import { canonicalBytes } from "../core/canonical_json.ts";
import { AppError } from "../core/errors.ts";
import { sign, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { isExactSerialization } from "./artifacts.ts";
import { readJson, serialize } from "./json_file.ts";
import { tempNameFor } from "../platform/atomic.ts";
import type { Signer } from "./keys.ts";
import { layout } from "./layout.ts";
import { keyOf, recall, remember } from "./verified_cache.ts";

/** The unsigned part of a log written before logs were signed, bound by the first head written. */
export interface LegacyPart {
  /** Its length in bytes: the log's first `bytes` bytes. */
  bytes: number;
  /** Records it held (for display). */
  records: number;
  sha256: string;
  adopted_at: string;
}

export interface LogHead {
  client_id: string;
  /** Signed records in the log. */
  records: number;
  /** SHA-256 of the last signed line; with no signed record, of the legacy part (null: none). */
  last_sha256: string | null;
  legacy: LegacyPart | null;
  signing_key_id: string;
  signature: string;
}

const logHeadPath = (deps: Deps, client: string) => layout(deps.home).deploymentsHead(client);

function signedPart(h: Omit<LogHead, "signature">): Uint8Array {
  return canonicalBytes({
    kind: "deployment-log-head",
    client_id: h.client_id,
    records: h.records,
    last_sha256: h.last_sha256,
    legacy: h.legacy,
    signing_key_id: h.signing_key_id,
  });
}

/** Signs and writes the head: atomic replace (temp file, fsync, rename), without the folder fsync of
 * writeAtomic: a rename lost to a power cut leaves the previous head, which the log's readers accept
 * (lines after a head are checked one by one), so that fsync would buy nothing but time. */
export async function writeLogHead(
  deps: Deps,
  signer: Signer,
  h: Omit<LogHead, "signature" | "signing_key_id">,
  trusted: Map<string, string>,
): Promise<LogHead> {
  const unsigned = {
    client_id: h.client_id,
    records: h.records,
    last_sha256: h.last_sha256,
    legacy: h.legacy,
    signing_key_id: signer.keyId,
  };
  const head: LogHead = { ...unsigned, signature: await sign(signer.privatePem, signedPart(unsigned)) };
  const path = logHeadPath(deps, h.client_id);
  const tmp = tempNameFor(path);
  try {
    await deps.fs.writeFile(tmp, new TextEncoder().encode(serialize(head)), {
      mode: 0o600,
      createNew: true,
      sync: true,
    });
    await deps.fs.chmod(tmp, 0o600);
    await deps.fs.rename(tmp, path);
  } catch (e) {
    await deps.fs.remove(tmp).catch(() => {});
    throw e;
  }
  // We signed it: a read in this process need not check its signature again.
  const pem = trusted.get(signer.keyId);
  if (pem) remember(deps.cache, serialize(head), pem, head);
  return head;
}

/** The verified head of a client's log, with its text; null when there is none. `integrity_error`
 * when it is altered, signed by a key we do not trust, or names another client. */
export async function readLogHead(
  deps: Deps,
  client: string,
  trusted: Map<string, string>,
): Promise<{ head: LogHead; text: string } | null> {
  const path = logHeadPath(deps, client);
  const got = await readJson<LogHead>(deps.fs, path, (text) => {
    const key = keyOf(deps.cache, text);
    const hit = key === undefined ? undefined : recall<LogHead>(deps.cache, text, trusted.get(key));
    return hit && hit.client_id === client && "records" in hit ? hit : undefined;
  });
  if (!got) return null;
  if (got.cached) return { head: got.value, text: got.text };
  const h = got.value;
  const bad = (why: string) =>
    new AppError(
      "integrity_error",
      `The signed head of the deployment log of "${client}" fails verification: ${why}`,
      { path, client_id: client },
    );
  const hex = (v: unknown) => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);
  const legacyOk = (x: LegacyPart | null) =>
    x === null ||
    (typeof x === "object" && Number.isSafeInteger(x.bytes) && x.bytes >= 0 &&
      Number.isSafeInteger(x.records) &&
      hex(x.sha256) && typeof x.adopted_at === "string");
  if (
    !h || typeof h !== "object" || !Number.isSafeInteger(h.records) || h.records < 0 ||
    !(h.last_sha256 === null || hex(h.last_sha256)) || !legacyOk(h.legacy)
  ) throw bad("malformed record");
  if (!isExactSerialization(h, got.text)) throw bad("the file's bytes were altered");
  if (h.client_id !== client) throw bad("it names another client");
  const pem = trusted.get(h.signing_key_id);
  if (!pem) throw bad(`signed by the untrusted key "${h.signing_key_id}"`);
  if (!(await verify(pem, signedPart(h), String(h.signature)))) throw bad("the signature does not match");
  remember(deps.cache, got.text, pem, h);
  return { head: h, text: got.text };
}
