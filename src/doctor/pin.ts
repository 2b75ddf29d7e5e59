/**
 * Pins: what a server offers (its tools, prompts, server info and protocol version) in a canonical
 * form, its SHA-256, the field-level differences between two offers, and the scan of descriptions for
 * invisible or direction-changing Unicode. The signed pin files are in src/store/pins.ts.
 */
import { canonicalJson } from "../core/canonical_json.ts";
import { sha256Hex } from "../core/digest.ts";
import type { Launch } from "./types.ts";

export type { Offer, PinChange, PinnedPrompt, PinnedTool } from "../store/pins.ts";
import type { Offer, PinChange } from "../store/pins.ts";

export interface PinReport {
  status: "new" | "same" | "changed";
  changes: PinChange[];
  /** `doctor --pin` recorded this offer as the approved one. */
  accepted: boolean;
}

/** A description with invisible or direction-changing characters. */
export interface Suspicious {
  code: "suspicious_description";
  kind: "tool" | "prompt";
  name: string;
  field: "name" | "title" | "description";
  /** The characters found, as U+XXXX (each once). */
  chars: string[];
}

const field = (o: Record<string, unknown>, k: string) => (o[k] === undefined ? null : o[k]);
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const rec = (x: unknown) => (x && typeof x === "object" ? x as Record<string, unknown> : {});

/** The canonical offer of a handshake. */
export function offerOf(
  offered: { tools: unknown[]; prompts: unknown[] },
  serverInfo: { name: string; version: string } | null,
  protocolVersion: string | null,
): Offer {
  return {
    server_info: serverInfo,
    protocol_version: protocolVersion,
    tools: offered.tools.map(rec).map((t) => ({
      name: String(t.name ?? ""),
      title: field(t, "title"),
      description: field(t, "description"),
      inputSchema: field(t, "inputSchema"),
      outputSchema: field(t, "outputSchema"),
      annotations: field(t, "annotations"),
    })).sort(byName),
    prompts: offered.prompts.map(rec).map((p) => ({
      name: String(p.name ?? ""),
      title: field(p, "title"),
      description: field(p, "description"),
      arguments: field(p, "arguments"),
    })).sort(byName),
  };
}

/** SHA-256 of the canonical JSON of an offer. */
export function offerHash(o: Offer): Promise<string> {
  return sha256Hex(canonicalJson(o));
}

/** What identifies a server across runs: its client and how it is started (command and arguments, which
 * name the package and its version when pinned there) or its URL. Never its environment (secrets). */
export function identityOf(client: string, launch: Launch): Record<string, unknown> {
  return launch.transport === "stdio"
    ? { client, transport: "stdio", command: launch.command, args: launch.args }
    : { client, transport: launch.transport, url: launch.url };
}

export const identityHash = (id: Record<string, unknown>) => sha256Hex(canonicalJson(id));

const text = (
  v: unknown,
) => (v === null || v === undefined ? null : typeof v === "string" ? v : JSON.stringify(v));

function diffItems<T extends { name: string }>(
  kind: "tool" | "prompt",
  before: T[],
  after: T[],
  fields: (keyof T & string)[],
): PinChange[] {
  const out: PinChange[] = [];
  const old = new Map(before.map((x) => [x.name, x]));
  const now = new Map(after.map((x) => [x.name, x]));
  for (const [name, x] of now) {
    const was = old.get(name);
    if (!was) {
      out.push({ kind, name, change: "added" });
      continue;
    }
    for (const f of fields) {
      if (canonicalJson(was[f] ?? null) === canonicalJson(x[f] ?? null)) continue;
      const c: PinChange = { kind, name, change: "changed", field: f };
      if (f === "description" || f === "title") Object.assign(c, { before: text(was[f]), after: text(x[f]) });
      out.push(c);
    }
  }
  for (const name of old.keys()) if (!now.has(name)) out.push({ kind, name, change: "removed" });
  return out.sort((a, b) => byName(a, b));
}

/** The field-level differences from the pinned offer to today's. */
export function diffOffers(before: Offer, after: Offer): PinChange[] {
  const out: PinChange[] = [];
  if (canonicalJson(before.server_info) !== canonicalJson(after.server_info)) {
    out.push({
      kind: "server",
      name: "server_info",
      change: "changed",
      before: text(before.server_info && `${before.server_info.name} ${before.server_info.version}`),
      after: text(after.server_info && `${after.server_info.name} ${after.server_info.version}`),
    });
  }
  if (before.protocol_version !== after.protocol_version) {
    out.push({
      kind: "server",
      name: "protocol_version",
      change: "changed",
      before: before.protocol_version,
      after: after.protocol_version,
    });
  }
  out.push(
    ...diffItems("tool", before.tools, after.tools, [
      "title",
      "description",
      "inputSchema",
      "outputSchema",
      "annotations",
    ]),
    ...diffItems("prompt", before.prompts, after.prompts, ["title", "description", "arguments"]),
  );
  return out;
}

/** Zero-width and invisible formatting characters, bidi embeddings/overrides/isolates and marks, and the
 * tag characters (U+E0000–U+E007F, which can spell hidden ASCII). */
const HIDDEN =
  /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\u180E\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** The hidden characters of a text, as U+XXXX, each once. */
export function hiddenChars(s: string): string[] {
  const found = new Set<string>();
  for (const m of s.matchAll(HIDDEN)) {
    found.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...found];
}

/** A text with its hidden characters written as <U+XXXX> (safe to print to a terminal). */
export function escapeHidden(s: string): string {
  return s.replace(HIDDEN, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
}

/** Every tool or prompt name, title or description of an offer holding hidden characters. */
export function scanOffer(o: Offer): Suspicious[] {
  const out: Suspicious[] = [];
  const scan = (kind: "tool" | "prompt", items: { name: string; title: unknown; description: unknown }[]) => {
    for (const x of items) {
      for (const f of ["name", "title", "description"] as const) {
        const v = x[f];
        if (typeof v !== "string") continue;
        const chars = hiddenChars(v);
        if (chars.length) out.push({ code: "suspicious_description", kind, name: x.name, field: f, chars });
      }
    }
  };
  scan("tool", o.tools);
  scan("prompt", o.prompts);
  return out;
}
