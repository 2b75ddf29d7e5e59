/**
 * verify-release: checks downloaded release files against `SHA256SUMS` and its Ed25519 signature
 * `SHA256SUMS.sig` (the raw 64 bytes `openssl pkeyutl -sign -rawin` writes, or the same in base64),
 * made with the release key whose public half (SPKI PEM) is given. The signature is checked first,
 * so no line of an unsigned SHA256SUMS is trusted. The same check with openssl is in the README.
 */
import { basename, dirname, join } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { base64, keyIdOfPem, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { sha256File } from "../platform/file_digest.ts";
import { checkUserPath } from "../platform/scoped_fs.ts";

export interface VerifyReleaseInput {
  /** Downloaded files; none: every file SHA256SUMS lists that is present beside it. */
  files?: string[];
  /** Default: SHA256SUMS beside the first file (or in the current folder). */
  sums?: string;
  /** Default: `<sums>.sig`. */
  signature?: string;
  /** The release public key, SPKI PEM. */
  key: string;
}

export interface VerifyReleaseResult {
  status: "verified";
  key_id: string;
  sums: string;
  files: { file: string; sha256: string }[];
}

/** `<64 hex>  <name>` (or ` *<name>`, binary mode) per line, as sha256sum writes them. */
export function parseSums(text: string, path: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const m = line.match(/^([0-9a-fA-F]{64}) [ *](.+)$/);
    if (!m) {
      throw new AppError(
        "integrity_error",
        `Line ${i + 1} of "${path}" is not "<sha256>  <file>": ${JSON.stringify(line.slice(0, 80))}`,
        {
          path,
          line: i + 1,
        },
      );
    }
    out.set(basename(m[2]), m[1].toLowerCase());
  });
  return out;
}

async function readAllowed(deps: Deps, path: string, what: string): Promise<Uint8Array> {
  deps.policy.allowFile(path);
  try {
    return await deps.fs.readFile(path);
  } catch (e) {
    if (e instanceof AppError && e.code === "path_not_allowed") throw e;
    throw new AppError("unreadable_file", `Cannot read the ${what} "${path}": ${(e as Error).message}`, {
      path,
    });
  }
}

/** The signature file's bytes: raw 64 bytes, or base64 text of them. */
function signatureB64(bytes: Uint8Array): string {
  if (bytes.length === 64) return base64.encode(bytes);
  return new TextDecoder().decode(bytes).trim();
}

export async function verifyRelease(deps: Deps, input: VerifyReleaseInput): Promise<VerifyReleaseResult> {
  const cwd = deps.cwd();
  const files = (input.files ?? []).map((f) => checkUserPath(f, cwd));
  const sums = checkUserPath(input.sums ?? join(files.length ? dirname(files[0]) : cwd, "SHA256SUMS"), cwd);
  const sigPath = checkUserPath(input.signature ?? `${sums}.sig`, cwd);
  const keyPath = checkUserPath(input.key, cwd);

  const keyPem = new TextDecoder().decode(await readAllowed(deps, keyPath, "release public key"));
  let keyId: string;
  try {
    keyId = await keyIdOfPem(keyPem);
  } catch {
    throw new AppError(
      "invalid_input",
      `"${keyPath}" is not an Ed25519 public key in SPKI PEM ("-----BEGIN PUBLIC KEY-----")`,
      {
        path: keyPath,
      },
    );
  }
  const sumsBytes = await readAllowed(deps, sums, "checksum list");
  const sig = await readAllowed(deps, sigPath, "signature");
  if (!(await verify(keyPem, sumsBytes, signatureB64(sig)).catch(() => false))) {
    throw new AppError(
      "signature_invalid",
      `"${sums}" is not signed by key ${keyId}: the signature "${sigPath}" does not match`,
      {
        sums,
        signature: sigPath,
        key_id: keyId,
      },
    );
  }
  const listed = parseSums(new TextDecoder().decode(sumsBytes), sums);
  const targets = files.length ? files : [...listed.keys()].map((n) => join(dirname(sums), n));
  const checked: VerifyReleaseResult["files"] = [];
  for (const file of targets) {
    const expected = listed.get(basename(file));
    if (!expected) {
      throw new AppError("integrity_error", `"${basename(file)}" is not listed in "${sums}"`, {
        file,
        listed: [...listed.keys()],
      });
    }
    deps.policy.allowFile(file);
    await deps.policy.check(file, "read");
    let actual: string;
    try {
      actual = await sha256File(file);
    } catch (e) {
      if (!files.length && e instanceof Deno.errors.NotFound) continue;
      throw new AppError("unreadable_file", `Cannot read "${file}": ${(e as Error).message}`, { path: file });
    }
    if (actual !== expected) {
      throw new AppError(
        "integrity_error",
        `"${file}" does not match "${sums}": its SHA-256 is ${actual}, the list says ${expected}`,
        {
          file,
          expected,
          actual,
        },
      );
    }
    checked.push({ file, sha256: actual });
  }
  if (!checked.length) {
    throw new AppError("unreadable_file", `None of the files "${sums}" lists is beside it`, {
      sums,
      listed: [...listed.keys()],
    });
  }
  return { status: "verified", key_id: keyId, sums, files: checked };
}
