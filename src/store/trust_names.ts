/**
 * The names of trusted keys: `keys/trusted/<key id>.json` beside `keys/trusted/<key id>.pub`, holding
 * `{"name": "alice", "added_at": "<ISO time>"}`. A name is a label for people (`trust remove alice`,
 * `verify` and `status` saying who signed): trust itself is the `.pub` file alone (keys.ts
 * `trustedKeys`), so a name file without its key trusts nothing and is ignored, and a damaged name file
 * only loses the label.
 */
import { AppError } from "../core/errors.ts";
import { keyIdOfPem } from "../core/signing.ts";
import type { SignerInfo } from "../core/signer.ts";
import type { Deps } from "../platform/deps.ts";
import { join } from "../platform/path.ts";
import { readJson, writeJson } from "./json_file.ts";
import { layout } from "./layout.ts";

/** A trust name: a letter or digit, then letters, digits, `.`, `_`, `@`, `-` (at most 64). */
export const TRUST_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** A key id: 16 lowercase hex digits. */
export const KEY_ID_RE = /^[0-9a-f]{16}$/;

export type { SignerInfo };
export { signerLabel } from "../core/signer.ts";

export interface TrustName {
  name: string;
  added_at: string;
}

/** The path of a key's name file. */
export function trustNamePath(home: string, keyId: string): string {
  return join(layout(home).trustedDir, `${keyId}.json`);
}

/** Returns `name` when it can name a trusted key, else throws `invalid_input` saying why. */
export function checkTrustName(name: unknown): string {
  if (typeof name !== "string" || !TRUST_NAME_RE.test(name)) {
    throw new AppError(
      "invalid_input",
      `Invalid trust name ${
        JSON.stringify(String(name).slice(0, 80))
      }: use a letter or digit, then letters, digits, . _ @ - (at most 64)`,
      { name: typeof name === "string" ? name.slice(0, 80) : null },
    );
  }
  if (KEY_ID_RE.test(name)) {
    throw new AppError(
      "invalid_input",
      `Invalid trust name "${name}": it looks like a key id (16 hex digits), which trust remove would read as one`,
      { name },
    );
  }
  return name;
}

/** key id -> its name, for every readable, well-formed name file in `keys/trusted/` (names of keys no
 * longer trusted included: callers look names up by the ids they trust). */
export async function trustNames(deps: Deps): Promise<Map<string, TrustName>> {
  const out = new Map<string, TrustName>();
  const dir = layout(deps.home).trustedDir;
  for (const file of await deps.fs.readDir(dir)) {
    const id = file.endsWith(".json") ? file.slice(0, -5) : "";
    if (!KEY_ID_RE.test(id)) continue;
    try {
      const got = await readJson<TrustName>(deps.fs, join(dir, file));
      const v = got?.value;
      if (v && typeof v === "object" && TRUST_NAME_RE.test(String(v.name))) {
        out.set(id, { name: v.name, added_at: typeof v.added_at === "string" ? v.added_at : "" });
      }
    } catch {
      // A damaged name file loses its label only.
    }
  }
  return out;
}

/** Writes the name of a key (the caller holds the `keys` lock). */
export async function writeTrustName(deps: Deps, keyId: string, name: TrustName): Promise<string> {
  const path = trustNamePath(deps.home, keyId);
  await writeJson(deps.fs, path, { name: name.name, added_at: name.added_at });
  return path;
}

/** Removes the name file of a key (nothing when there is none). */
export async function removeTrustName(deps: Deps, keyId: string): Promise<void> {
  await deps.fs.remove(trustNamePath(deps.home, keyId));
}

/** The signer record of `keyId`. */
export function signerInfo(
  keyId: string,
  trusted: Map<string, string>,
  names: Map<string, TrustName>,
  ownKeyId: string | null,
): SignerInfo {
  return {
    key_id: keyId,
    name: names.get(keyId)?.name ?? null,
    trusted: trusted.has(keyId),
    own: keyId === ownKeyId,
  };
}

/** The key id of this state folder's own signing key (`keys/signing.pub`), or null without one. */
export async function ownKeyId(deps: Deps): Promise<string | null> {
  let pem: string;
  try {
    pem = new TextDecoder().decode(await deps.fs.readFile(layout(deps.home).signingPub));
  } catch {
    return null;
  }
  try {
    return await keyIdOfPem(pem);
  } catch {
    return null;
  }
}

/** A failure naming an untrusted signer's key id also names the key's trust name, when it has one (a
 * key removed with trust remove keeps its name), and carries `details.signer`. Any other error, or one
 * already named, is returned as it is. Every operation's failure passes through it (ops/spec.ts `call`). */
export async function withSignerName(deps: Deps, e: unknown): Promise<unknown> {
  const m = e instanceof AppError ? /untrusted key "([0-9a-f]{16})"/.exec(e.message) : null;
  if (!m || !(e instanceof AppError) || (e.details as Record<string, unknown> | undefined)?.signer) return e;
  const name = (await trustNames(deps).catch(() => new Map<string, TrustName>())).get(m[1])?.name ?? null;
  return new AppError(
    e.code,
    name ? e.message.replace(m[0], `${m[0]} (${name}, no longer trusted)`) : e.message,
    { ...e.details, signer: { key_id: m[1], name, trusted: false } },
  );
}
