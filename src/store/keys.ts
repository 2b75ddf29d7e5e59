/** The signing key pair and the trusted public keys in `keys/`. */
import { AppError } from "../core/errors.ts";
import { fromPem, generateKeyPair, keyIdOfPem, publicPemOf, toPem } from "../core/signing.ts";
import { writeAtomic } from "../platform/atomic.ts";
import { type Cache, identity, settled } from "../platform/cache.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "./layout.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface InitResult {
  status: "created" | "already_exists" | "regenerated";
  key_id: string;
  private_key_path: string;
  public_key_path: string;
  trusted_key_ids: string[];
  /** Set when this run trusted the existing key pair: a state folder with `signing.key` and
   * `signing.pub` but no `keys/trusted/` folder (the Python tool's layout). */
  trusted_existing_key?: string;
}

async function readText(deps: Deps, path: string): Promise<string | null> {
  try {
    return dec.decode(await deps.fs.readFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Creates the key pair (or reports the existing one); `regenerate` replaces it, keeping the old
 * public key trusted so earlier artifacts still verify. */
export async function initKeys(deps: Deps, regenerate = false): Promise<InitResult> {
  const l = layout(deps.home);
  const existing = await readText(deps, l.signingPub);
  const existingPrivate = existing && !regenerate ? await readText(deps, l.signingKey) : null;
  if (existing && existingPrivate) {
    const keyId = await keyIdOfPem(existing);
    if (await deps.fs.stat(l.trustedDir)) return result(deps, "already_exists", keyId);
    // A key pair without keys/trusted/ (the Python tool's folder): trust its public key, under its
    // fingerprint, once it is checked to be the public half of the private key. An existing trusted/
    // folder is left alone, so a key removed from it (revoked) is never trusted again here.
    const pub = await publicPemOf(existingPrivate);
    if (toPem("PUBLIC KEY", fromPem("PUBLIC KEY", existing)) !== pub) {
      throw new AppError(
        "integrity_error",
        `"${l.signingPub}" is not the public half of "${l.signingKey}": not trusting either`,
        {
          path: l.signingPub,
        },
      );
    }
    await deps.fs.mkdir(l.trustedDir, 0o700);
    await writeAtomic(deps.fs, l.trusted(keyId), enc.encode(pub), { mode: 0o644 });
    return { ...(await result(deps, "already_exists", keyId)), trusted_existing_key: keyId };
  }
  await deps.fs.mkdir(l.trustedDir, 0o700);
  if (existing) {
    // Keep trusting the key being replaced.
    const oldId = await keyIdOfPem(existing);
    await writeAtomic(deps.fs, l.trusted(oldId), enc.encode(existing), { mode: 0o644 });
  }
  const k = await generateKeyPair();
  await writeAtomic(deps.fs, l.trusted(k.keyId), enc.encode(k.publicPem), { mode: 0o644 });
  await writeAtomic(deps.fs, l.signingKey, enc.encode(k.privatePem), { mode: 0o600 });
  await writeAtomic(deps.fs, l.signingPub, enc.encode(k.publicPem), { mode: 0o644 });
  return result(deps, existing ? "regenerated" : "created", k.keyId);
}

async function result(deps: Deps, status: InitResult["status"], keyId: string): Promise<InitResult> {
  const l = layout(deps.home);
  return {
    status,
    key_id: keyId,
    private_key_path: l.signingKey,
    public_key_path: l.signingPub,
    trusted_key_ids: [...(await trustedKeys(deps)).keys()],
  };
}

/** The key id of a public key file's exact text, or null when it is not exactly a PEM we would write
 * (a re-encoded key, other line breaks, padding bits, a damaged file). Memoised by text. */
async function exactKeyId(cache: Cache, pem: string): Promise<string | null> {
  const keyIds = cache.memo<string | null>("keyIds");
  const known = keyIds.get(pem, "");
  if (known !== undefined) return known;
  let id: string | null = null;
  try {
    if (toPem("PUBLIC KEY", fromPem("PUBLIC KEY", pem)) === pem) id = await keyIdOfPem(pem);
  } catch {
    id = null;
  }
  return keyIds.set(pem, "", id);
}

export interface Signer {
  keyId: string;
  privatePem: string;
}

/** The signing key, or `key_not_found` telling the user to run `init`. */
export async function loadSigner(deps: Deps): Promise<Signer> {
  const l = layout(deps.home);
  const privatePem = await readText(deps, l.signingKey);
  if (!privatePem) {
    throw new AppError(
      "key_not_found",
      `No signing key in "${l.keysDir}": run \`mcp-orchestration init\` first`,
      {
        path: l.signingKey,
      },
    );
  }
  const known = signers.get(privatePem);
  if (known) return known;
  const signer = { keyId: await keyIdOfPem(await publicPemOf(privatePem)), privatePem };
  signers.clear();
  signers.set(privatePem, signer);
  return signer;
}

/** The last key loaded, by its exact text: its id costs four WebCrypto calls, and every deploy signs. */
const signers = new Map<string, Signer>();

/** A key file's text; a file whose identity is unchanged since it was read settled is not read again
 * (the rules: src/platform/cache.ts). Every verifying call lists the trusted keys, often several times. */
async function readSettledText(deps: Deps, path: string): Promise<string | null> {
  const st = await deps.fs.stat(path);
  if (!st) return null;
  const id = identity(st);
  const files = deps.cache.memo<{ text: string; safe: boolean }>("files");
  const seen = id ? files.get(path, id) : undefined;
  if (seen?.safe) return seen.text;
  const text = await readText(deps, path);
  if (text !== null && id) files.set(path, id, { text, safe: settled(st.mtimeMs, deps.now().getTime()) });
  return text;
}

/** key id -> public PEM for every trusted key whose file name matches its fingerprint. */
export async function trustedKeys(deps: Deps): Promise<Map<string, string>> {
  const l = layout(deps.home);
  const out = new Map<string, string>();
  for (const name of await deps.fs.readDir(l.trustedDir)) {
    if (!name.endsWith(".pub")) continue;
    const pem = await readSettledText(deps, `${l.trustedDir}/${name}`);
    if (!pem) continue;
    const id = await exactKeyId(deps.cache, pem);
    if (id && `${id}.pub` === name) out.set(id, pem);
  }
  return out;
}
