/**
 * Ed25519 over WebCrypto: key generation, PEM (PKCS#8 private, SPKI public) round trips, signing,
 * verification and the key id (first 16 hex digits of the SHA-256 of the SPKI DER).
 */
import { AppError } from "./errors.ts";
import { sha256Hex } from "./digest.ts";

const ALG = { name: "Ed25519" } as const;

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Base64 of bytes / bytes of base64 (strict: refuses anything that is not base64). */
export const base64 = {
  encode: toBase64,
  decode(text: string): Uint8Array {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
      throw new AppError("signature_invalid", "The signature is not valid base64");
    }
    return fromBase64(text);
  },
};

/** Wraps DER bytes in a PEM block. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der).replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** DER bytes of the PEM block with this label; throws `integrity_error` when absent. */
export function fromPem(label: string, pem: string): Uint8Array {
  const m = pem.match(new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`));
  if (!m) throw new AppError("integrity_error", `The key file holds no "${label}" PEM block`);
  return fromBase64(m[1].replace(/\s+/g, ""));
}

export interface KeyPairPem {
  privatePem: string;
  publicPem: string;
  keyId: string;
}

/** A fresh Ed25519 key pair as PEM text with its key id. */
export async function generateKeyPair(): Promise<KeyPairPem> {
  const pair = await crypto.subtle.generateKey(ALG, true, ["sign", "verify"]) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  return {
    privatePem: toPem("PRIVATE KEY", pkcs8),
    publicPem: toPem("PUBLIC KEY", spki),
    keyId: await keyIdOfSpki(spki),
  };
}

/** Key id of an SPKI DER public key. */
export async function keyIdOfSpki(spki: Uint8Array): Promise<string> {
  return (await sha256Hex(spki)).slice(0, 16);
}

/** Key id of a public key PEM. */
export function keyIdOfPem(publicPem: string): Promise<string> {
  return keyIdOfSpki(fromPem("PUBLIC KEY", publicPem));
}

async function importPrivate(pem: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("pkcs8", fromPem("PRIVATE KEY", pem) as BufferSource, ALG, false, [
      "sign",
    ]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("integrity_error", "The signing key is not a valid Ed25519 PKCS#8 key");
  }
}

/** Imported public keys by PEM: verifying a store imports the same one or two keys hundreds of times. */
const publicKeys = new Map<string, Promise<CryptoKey>>();

function importPublic(pem: string): Promise<CryptoKey> {
  let key = publicKeys.get(pem);
  if (!key) {
    if (publicKeys.size >= 1000) publicKeys.clear();
    key = importPublicUncached(pem);
    key.catch(() => publicKeys.delete(pem));
    publicKeys.set(pem, key);
  }
  return key;
}

async function importPublicUncached(pem: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("spki", fromPem("PUBLIC KEY", pem) as BufferSource, ALG, false, [
      "verify",
    ]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("integrity_error", "A public key is not a valid Ed25519 SPKI key");
  }
}

/** Base64 Ed25519 signature of `data` with a PKCS#8 PEM private key. */
export async function sign(privatePem: string, data: Uint8Array): Promise<string> {
  const key = await importPrivate(privatePem);
  return toBase64(new Uint8Array(await crypto.subtle.sign(ALG, key, data as BufferSource)));
}

/** True when `signatureB64` is a valid signature of `data` by the SPKI PEM public key. */
export async function verify(publicPem: string, data: Uint8Array, signatureB64: string): Promise<boolean> {
  const key = await importPublic(publicPem);
  let sig: Uint8Array;
  try {
    sig = base64.decode(signatureB64);
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  return await crypto.subtle.verify(ALG, key, sig as BufferSource, data as BufferSource);
}

/** The public key PEM derived from a private key PEM (used to check a key pair belongs together). */
export async function publicPemOf(privatePem: string): Promise<string> {
  const der = fromPem("PRIVATE KEY", privatePem);
  const key = await crypto.subtle.importKey("pkcs8", der as BufferSource, ALG, true, ["sign"]);
  const jwk = await crypto.subtle.exportKey("jwk", key);
  const pub = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, ALG, true, [
    "verify",
  ]);
  return toPem("PUBLIC KEY", new Uint8Array(await crypto.subtle.exportKey("spki", pub)));
}
