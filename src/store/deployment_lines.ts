/**
 * The lines of a deployment log. A signed line (written since logs are authenticated) is
 *
 *   {"signature":"<base64 Ed25519>","signing_key_id":"<16 hex>","seq":N,"prev_sha256":"<hex>"|null,<record>,"managed":{...}}
 *
 * where the signature covers the rest of the line (`{` + everything after the signature member) and
 * `prev_sha256` is the SHA-256 of the previous signed line (the log's hash chain; see deployment_log.ts).
 * A line of an earlier version is the record alone. Either way the record's `managed` set comes last:
 * it is most of a large profile's line, and is parsed only when used.
 */
import { AppError } from "../core/errors.ts";
import { defineLazy } from "../core/lazy.ts";
import type { DeploymentRecord } from "./deployments.ts";

/** What a signed line adds to its record. */
export interface ChainFields {
  signature: string;
  signing_key_id: string;
  /** Position among the log's signed records, from 1. */
  seq: number;
  /** SHA-256 of the previous signed line; for #1, of the adopted legacy part (null: none). */
  prev_sha256: string | null;
}

/** One parsed line: its record, and for a signed line its chain fields and signed body. */
export interface ParsedLine {
  rec: DeploymentRecord;
  chain?: ChainFields;
  /** The signed bytes' text (signed lines only). */
  body?: string;
}

const SIG_OPEN = '{"signature":"';
/** Base64 of a 64-byte Ed25519 signature. */
const SIG_LEN = 88;
const CHAIN_KEYS = ["signature", "signing_key_id", "seq", "prev_sha256"] as const;
const DOMAIN = "mcp-orchestration deployment log record\n";
const enc = new TextEncoder();

/** A record as one log line of the earlier (unsigned) layout, its `managed` set last. */
export function recordLine(rec: DeploymentRecord): string {
  const { managed, ...rest } = withoutChain(rec);
  return JSON.stringify({ ...rest, managed });
}

/** The part of a signed line its signature covers. */
export function signedBody(rec: DeploymentRecord, c: Omit<ChainFields, "signature">): string {
  const { managed, ...rest } = withoutChain(rec);
  return JSON.stringify({
    signing_key_id: c.signing_key_id,
    seq: c.seq,
    prev_sha256: c.prev_sha256,
    ...rest,
    managed,
  });
}

/** The bytes a line's signature is made over (domain-separated from every other signature we make). */
export function signedBytes(body: string): Uint8Array {
  return enc.encode(DOMAIN + body);
}

/** The full signed line. */
export function signedLine(signature: string, body: string): string {
  return SIG_OPEN + signature + '",' + body.slice(1);
}

/** True when the line claims to be signed (it may still be torn or forged). */
export function isSignedLine(line: string): boolean {
  return line.startsWith(SIG_OPEN);
}

function withoutChain(rec: DeploymentRecord): DeploymentRecord {
  const copy = { ...rec } as Record<string, unknown>;
  for (const k of CHAIN_KEYS) delete copy[k];
  return copy as unknown as DeploymentRecord;
}

const MANAGED_KEY = ',"managed":';

/**
 * The record of one log line, or null when the line is not one (torn by a crash, or foreign). A line
 * written by recordLine/signedLine ends with its managed set: the rest is parsed now and the set on
 * first use, so reading a log of many 500-server deployments costs the small fields of each, not 500
 * hashes each. Such a line is recognised by its shape: it ends with `}}` and `changes` comes before
 * `managed`; a line of the earlier layout (`managed` before `changes`), or anything else, is parsed
 * whole. A damaged set is reported when it is used.
 */
export function parseLine(line: string): ParsedLine | null {
  let obj: Record<string, unknown> | null = null;
  try {
    obj = lazyRecord(line) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj) || typeof obj.deployment_id !== "string") {
    return null;
  }
  if (!isSignedLine(line)) {
    if ("signature" in obj || "seq" in obj) return null;
    return { rec: obj as unknown as DeploymentRecord };
  }
  const sigEnd = SIG_OPEN.length + SIG_LEN;
  if (line.slice(sigEnd, sigEnd + 2) !== '",') return null;
  const chain = {
    signature: obj.signature,
    signing_key_id: obj.signing_key_id,
    seq: obj.seq,
    prev_sha256: obj.prev_sha256,
  };
  if (
    typeof chain.signature !== "string" || typeof chain.signing_key_id !== "string" ||
    !Number.isSafeInteger(chain.seq) || (chain.seq as number) < 1 ||
    !(chain.prev_sha256 === null || typeof chain.prev_sha256 === "string")
  ) return null;
  for (const k of CHAIN_KEYS) delete obj[k];
  return {
    rec: obj as unknown as DeploymentRecord,
    chain: chain as ChainFields,
    body: "{" + line.slice(sigEnd + 2),
  };
}

function lazyRecord(line: string): unknown {
  const at = line.lastIndexOf(MANAGED_KEY + "{");
  if (at > 0 && line.endsWith("}}")) {
    let head: unknown;
    try {
      head = JSON.parse(line.slice(0, at) + "}");
    } catch {
      head = undefined;
    }
    if (head && typeof head === "object" && "changes" in head && !("managed" in head)) {
      const block = line.slice(at + MANAGED_KEY.length, -1);
      const rec = head as Record<string, unknown>;
      return defineLazy(rec, "managed", () => {
        let set: unknown;
        try {
          set = JSON.parse(block);
        } catch {
          set = undefined;
        }
        if (
          !set || typeof set !== "object" || Array.isArray(set) ||
          Object.values(set).some((h) => typeof h !== "string")
        ) {
          throw new AppError(
            "integrity_error",
            `The managed set of deployment "${String(rec.deployment_id)}" is damaged in the deployment log`,
            { deployment_id: rec.deployment_id },
          );
        }
        return set;
      });
    }
  }
  return JSON.parse(line);
}
