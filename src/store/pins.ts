/**
 * Signed pins: `pins/<sha256 of the server's identity>.json`, one per server `doctor --pin` approved.
 * It holds the canonical offer (tools, prompts, server info, protocol version) and its SHA-256, a label
 * for display (client/name, never the command line: arguments may hold secrets), and the status of the
 * last `doctor` run from the CLI (for `status`). Signed like the index heads: an altered file, one
 * signed by an untrusted key or one that names another identity is `integrity_error`, never accepted.
 */
import { canonicalBytes } from "../core/canonical_json.ts";
import { AppError } from "../core/errors.ts";
import { sign, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { join } from "../platform/path.ts";
import { isExactSerialization } from "./artifacts.ts";
import { readJson, writeJson } from "./json_file.ts";
import type { Signer } from "./keys.ts";
import { layout } from "./layout.ts";

/** The pinned form of what a server offers (built and compared in src/doctor/pin.ts). One tool as pinned: the fields a client shows the model or uses to call it. */
export interface PinnedTool {
  name: string;
  title: unknown;
  description: unknown;
  inputSchema: unknown;
  outputSchema: unknown;
  annotations: unknown;
}

export interface PinnedPrompt {
  name: string;
  title: unknown;
  description: unknown;
  arguments: unknown;
}

/** What a server offers, canonical (sorted by name; absent fields are null). */
export interface Offer {
  server_info: { name: string; version: string } | null;
  protocol_version: string | null;
  tools: PinnedTool[];
  prompts: PinnedPrompt[];
}

/** One difference between the pinned offer and today's. */
export interface PinChange {
  kind: "tool" | "prompt" | "server";
  /** The tool's or prompt's name; for `server`, the field (server_info, protocol_version). */
  name: string;
  change: "added" | "removed" | "changed";
  /** For a changed tool or prompt: which field. */
  field?: string;
  /** For a changed string field (description, title, version): the text before and now. */
  before?: string | null;
  after?: string | null;
}

export interface LastCheck {
  status: "same" | "changed";
  at: string;
  changes: PinChange[];
}

export interface Pin {
  identity_sha256: string;
  /** client/name of the server when it was pinned (display only). */
  label: string;
  offer_sha256: string;
  offer: Offer;
  pinned_at: string;
  last_check: LastCheck | null;
  signing_key_id: string;
  signature: string;
}

export const pinPath = (deps: Deps, identitySha: string) =>
  join(layout(deps.home).pinsDir, `${identitySha}.json`);

function signedPart(p: Omit<Pin, "signature">): Uint8Array {
  return canonicalBytes({
    kind: "server-pin",
    identity_sha256: p.identity_sha256,
    label: p.label,
    offer_sha256: p.offer_sha256,
    offer: p.offer,
    pinned_at: p.pinned_at,
    last_check: p.last_check,
    signing_key_id: p.signing_key_id,
  });
}

/** Signs and writes a pin (atomic replace). */
export async function writePin(
  deps: Deps,
  signer: Signer,
  p: Omit<Pin, "signature" | "signing_key_id">,
): Promise<Pin> {
  const unsigned = { ...p, signing_key_id: signer.keyId };
  const pin: Pin = { ...unsigned, signature: await sign(signer.privatePem, signedPart(unsigned)) };
  await writeJson(deps.fs, pinPath(deps, p.identity_sha256), pin, 0o600);
  return pin;
}

/** The verified pin of an identity; null when there is none. */
export async function readPin(
  deps: Deps,
  identitySha: string,
  trusted: Map<string, string>,
): Promise<Pin | null> {
  const path = pinPath(deps, identitySha);
  const got = await readJson<Pin>(deps.fs, path);
  if (!got) return null;
  const p = got.value;
  const bad = (why: string) =>
    new AppError("integrity_error", `The pin "${path}" fails verification: ${why}`, {
      path,
      hint: "check who changed it; `doctor --pin` records the server's offer again",
    });
  if (
    !p || typeof p !== "object" || typeof p.offer_sha256 !== "string" || !p.offer ||
    typeof p.offer !== "object" || typeof p.label !== "string"
  ) throw bad("malformed record");
  if (!isExactSerialization(p, got.text)) throw bad("the file's bytes were altered");
  if (p.identity_sha256 !== identitySha) throw bad("it names another server");
  const pem = trusted.get(p.signing_key_id);
  if (!pem) throw bad(`signed by the untrusted key "${p.signing_key_id}"`);
  if (!(await verify(pem, signedPart(p), String(p.signature)))) throw bad("the signature does not match");
  return p;
}

/** Every verified pin (for `status`). */
export async function listPins(deps: Deps, trusted: Map<string, string>): Promise<Pin[]> {
  const names = (await deps.fs.readDir(layout(deps.home).pinsDir)).filter((n) =>
    /^[0-9a-f]{64}\.json$/.test(n)
  );
  const out: Pin[] = [];
  for (const n of names.sort()) {
    const p = await readPin(deps, n.slice(0, -5), trusted);
    if (p) out.push(p);
  }
  return out;
}
