/**
 * trust add / list / remove: the public keys whose signatures deploys accept (`keys/trusted/<key id>.pub`)
 * and the names people know them by (`keys/trusted/<key id>.json`, src/store/trust_names.ts).
 *
 * - add KEYFILE --name NAME: an Ed25519 public key (SPKI PEM, e.g. a teammate's `keys/signing.pub`) is
 *   trusted under its key id; a private key is refused without being echoed. Trusting a key already
 *   trusted only (re)names it. A name names one trusted key.
 * - remove NAME|KEYID: the key file goes; its name file stays, so `status` can still say who signed what
 *   is deployed. This machine's own signing key is refused without --force (`conflict`): removing it stops
 *   every publish of this machine from verifying. Deployed client files are never touched; publishes
 *   signed by the key stop verifying, so nothing of theirs is deployed again (`untrusted_key`,
 *   `index_invalid`).
 */
import { AppError } from "../core/errors.ts";
import { fromPem, keyIdOfSpki, toPem } from "../core/signing.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { readNamedFile, userPath } from "../platform/named_file.ts";
import { join } from "../platform/path.ts";
import { trustedKeys } from "../store/keys.ts";
import { layout } from "../store/layout.ts";
import {
  checkTrustName,
  KEY_ID_RE,
  ownKeyId,
  removeTrustName,
  trustNames,
  writeTrustName,
} from "../store/trust_names.ts";

export interface TrustedKeyRow {
  key_id: string;
  name: string | null;
  own: boolean;
  added_at: string | null;
  path: string;
}

export interface TrustListResult {
  action: "list";
  count: number;
  own_key_id: string | null;
  keys: TrustedKeyRow[];
  warnings: string[];
}

export interface TrustAddResult {
  action: "add";
  /** added: newly trusted; named: already trusted, its name set or changed; unchanged: trusted under this name. */
  status: "added" | "named" | "unchanged";
  key_id: string;
  name: string;
  previous_name: string | null;
  own: boolean;
  path: string;
}

export interface TrustRemoveResult {
  action: "remove";
  status: "removed";
  key_id: string;
  name: string | null;
  own: boolean;
  /** client/profile whose newest publish this key signed: they no longer verify. */
  profiles_signed: string[];
  message: string;
}

export type TrustResult = TrustListResult | TrustAddResult | TrustRemoveResult;

const enc = new TextEncoder();

/** Runs the CLI's `trust ACTION [KEY]`. */
export function trust(
  deps: Deps,
  input: { action: string; key?: string; name?: string; force?: boolean },
): Promise<TrustResult> {
  switch (input.action) {
    case "list":
      return trustList(deps);
    case "add":
      return trustAdd(deps, { file: input.key, name: input.name });
    case "remove":
      return trustRemove(deps, { key: input.key, force: input.force });
    default:
      throw new AppError("invalid_input", `Unknown trust action "${input.action}": add, list or remove`, {
        action: input.action,
      });
  }
}

/** Every trusted key with its name, this machine's key marked; files in keys/trusted/ that do not count
 * are warnings. */
export async function trustList(deps: Deps): Promise<TrustListResult> {
  const l = layout(deps.home);
  const [trusted, names, own] = [await trustedKeys(deps), await trustNames(deps), await ownKeyId(deps)];
  const keys = [...trusted.keys()].map((id) => ({
    key_id: id,
    name: names.get(id)?.name ?? null,
    own: id === own,
    added_at: names.get(id)?.added_at || null,
    path: l.trusted(id),
  })).sort((a, b) =>
    Number(b.own) - Number(a.own) || (a.name ?? "~").localeCompare(b.name ?? "~") ||
    a.key_id.localeCompare(b.key_id)
  );
  const warnings: string[] = [];
  for (const file of await deps.fs.readDir(l.trustedDir)) {
    if (file.endsWith(".pub") && !file.startsWith(".") && !trusted.has(file.slice(0, -4))) {
      warnings.push(
        `"${
          join(l.trustedDir, file)
        }" is ignored: it is not exactly the public key its name says (altered or foreign)`,
      );
    }
  }
  if (own && !trusted.has(own)) {
    warnings.push(
      `this machine's signing key ${own} is not trusted: its publishes do not verify (trust add ${l.signingPub} --name NAME)`,
    );
  }
  return { action: "list", count: keys.length, own_key_id: own, keys, warnings };
}

/** The SPKI DER of an Ed25519 public key PEM; `invalid_input` for anything else (never echoing it). */
async function publicKeyDer(text: string, label: string): Promise<Uint8Array> {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new AppError(
      "invalid_input",
      `${label} holds a private key: give the public key (the signer's keys/signing.pub); a private key never leaves its machine`,
      { file: label },
    );
  }
  const blocks = text.match(/-----BEGIN [A-Z0-9 ]+-----/g)?.length ?? 0;
  if (blocks > 1) {
    throw new AppError(
      "invalid_input",
      `${label} holds ${blocks} PEM blocks: one key per file (trust each signer's keys/signing.pub on its own)`,
      { file: label },
    );
  }
  let der: Uint8Array;
  try {
    der = fromPem("PUBLIC KEY", text);
    await crypto.subtle.importKey("spki", der as BufferSource, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    throw new AppError(
      "invalid_input",
      `${label} is not an Ed25519 public key in PEM form ("-----BEGIN PUBLIC KEY-----", as keys/signing.pub)`,
      { file: label },
    );
  }
  return der;
}

/** Trusts the public key in `file` under `name`. */
export async function trustAdd(deps: Deps, input: { file?: string; name?: string }): Promise<TrustAddResult> {
  if (!input.file) {
    throw new AppError("invalid_input", "Give the public key file to trust: trust add KEYFILE --name NAME");
  }
  if (input.name === undefined) {
    throw new AppError(
      "invalid_input",
      "Give --name NAME: the name that verify and status show for what this key signs",
    );
  }
  const name = checkTrustName(input.name);
  const l = layout(deps.home);
  // init first: it creates keys/trusted/ and trusts this machine's key, or the key pair the Python tool
  // left, which it does only while keys/trusted/ does not exist yet.
  if (!(await deps.fs.stat(l.trustedDir))?.isDirectory) {
    throw new AppError(
      "key_not_found",
      `No keys/trusted/ in "${deps.home}": run \`mcp-orchestration init\` first (it trusts this machine's own key)`,
      { path: l.trustedDir },
    );
  }
  const path = userPath(deps, input.file);
  const label = `"${input.file}"`;
  // A regular file only: a FIFO would block the read forever, a device (/dev/zero) never ends.
  const st = await deps.policy.inspect(path);
  if (st && !st.isFile) {
    throw new AppError(
      "invalid_input",
      `${label} is not a regular file (${
        st.isDirectory ? "a folder" : "a pipe, socket or device"
      }): give the public key file (the signer's keys/signing.pub)`,
      { file: input.file },
    );
  }
  const der = await publicKeyDer(await readNamedFile(deps, path, { label }), label);
  const pem = toPem("PUBLIC KEY", der);
  const keyId = await keyIdOfSpki(der);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("keys"), async () => {
    const [trusted, names] = [await trustedKeys(deps), await trustNames(deps)];
    for (const [id, n] of names) {
      if (n.name !== name || id === keyId) continue;
      if (trusted.has(id)) {
        throw new AppError(
          "already_exists",
          `The name "${name}" already names the trusted key ${id}: trust remove ${name} first, or choose another name`,
          { name, key_id: id },
        );
      }
      await removeTrustName(deps, id); // the name of a key removed earlier: free again
    }
    const previous = names.get(keyId)?.name ?? null;
    const was = trusted.has(keyId);
    if (!was) {
      await deps.fs.mkdir(l.trustedDir, 0o700);
      await writeAtomic(deps.fs, l.trusted(keyId), enc.encode(pem), { mode: 0o644 });
    }
    const keep = was && previous === name;
    if (!keep) {
      await writeTrustName(deps, keyId, {
        name,
        added_at: (was && names.get(keyId)?.added_at) || deps.now().toISOString(),
      });
    }
    return {
      action: "add" as const,
      status: !was ? "added" as const : keep ? "unchanged" as const : "named" as const,
      key_id: keyId,
      name,
      previous_name: previous,
      own: keyId === await ownKeyId(deps),
      path: l.trusted(keyId),
    };
  });
}

/** The trusted key `ref` names: its trust name, or its key id. */
function resolveKey(
  ref: string,
  trusted: Map<string, string>,
  names: Map<string, { name: string }>,
): string {
  if (KEY_ID_RE.test(ref) && trusted.has(ref)) return ref;
  for (const [id, n] of names) if (n.name === ref && trusted.has(id)) return id;
  throw new AppError(
    "key_not_found",
    `No trusted key named or with the id "${ref.slice(0, 80)}" (trust list shows them)`,
    {
      key: ref.slice(0, 80),
      trusted: [...trusted.keys()],
    },
  );
}

/** client/profile whose signed head names `keyId` as its signer (read, not verified: a hint). */
async function profilesSignedBy(deps: Deps, keyId: string): Promise<string[]> {
  const l = layout(deps.home);
  const out: string[] = [];
  for (const client of await deps.fs.readDir(l.headsDir)) {
    for (const file of await deps.fs.readDir(join(l.headsDir, client))) {
      if (!file.endsWith(".json")) continue;
      try {
        const h = JSON.parse(
          new TextDecoder().decode(await deps.fs.readFile(join(l.headsDir, client, file))),
        );
        if (h?.signing_key_id === keyId) out.push(`${client}/${file.slice(0, -5)}`);
      } catch {
        // verify reports a damaged head
      }
    }
  }
  return out;
}

/** Stops trusting a key. */
export async function trustRemove(
  deps: Deps,
  input: { key?: string; force?: boolean },
): Promise<TrustRemoveResult> {
  if (!input.key) {
    throw new AppError("invalid_input", "Give the trust name or key id to remove: trust remove NAME|KEYID");
  }
  const ref = input.key;
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("keys"), async () => {
    const [trusted, names, own] = [await trustedKeys(deps), await trustNames(deps), await ownKeyId(deps)];
    const keyId = resolveKey(ref, trusted, names);
    const isOwn = keyId === own;
    if (isOwn && !input.force) {
      throw new AppError(
        "conflict",
        `${
          ref === keyId ? keyId : `"${ref}" (${keyId})`
        } is this machine's own signing key: removing it stops every publish of this machine from verifying. Add --force if that is what you want`,
        {
          key_id: keyId,
          own: true,
          hint:
            `trust remove ${ref} --force removes it; trust add ${l.signingPub} --name NAME trusts it again`,
        },
      );
    }
    const profiles = await profilesSignedBy(deps, keyId);
    await deps.fs.remove(l.trusted(keyId));
    const name = names.get(keyId)?.name ?? null;
    const n = profiles.length;
    return {
      action: "remove" as const,
      status: "removed" as const,
      key_id: keyId,
      name,
      own: isOwn,
      profiles_signed: profiles,
      message: `No longer trusting ${name ? `${name} (${keyId})` : keyId}` +
        (n
          ? `: ${n} profile${n === 1 ? "" : "s"} signed by it no longer verif${n === 1 ? "ies" : "y"} (${
            profiles.join(", ")
          }); files already deployed from ${
            n === 1 ? "it" : "them"
          } are left as they are (status reports them)`
          : ""),
    };
  });
}
