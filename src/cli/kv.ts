/** Parsing repeated `K=V` / `K:V` options, and the text forms of draft results. */
import { AppError } from "../core/errors.ts";
import { looksLikeToken } from "../core/secret_detect.ts";
import type { DraftSummary } from "../store/drafts.ts";
import type { Command } from "./parser.ts";

/** The `--client` (default claude-desktop, as the seed) and `--profile` (default "default") options of
 * every draft command. */
export function draftTarget(cmd: Command): Command {
  return cmd.option("--client <id>", "client id", "claude-desktop").option(
    "--profile <name>",
    "profile name",
    "default",
  );
}

/** `["a=1", "b=2"]` -> `{a: "1", b: "2"}`; `sep` splits at its first occurrence. A repeated key is refused.
 * Keys are collected in a Map, so a key named like an object member (`__proto__`, `constructor`) is a key
 * like any other: the op that takes them judges the name. */
export function parseKv(
  list: string[] | undefined,
  sep: "=" | ":",
  flag: string,
): Record<string, string> | undefined {
  if (!list || list.length === 0) return undefined;
  const out = new Map<string, string>();
  for (const item of list) {
    const i = item.indexOf(sep);
    const k = i > 0 ? item.slice(0, i).trim() : "";
    if (!k) {
      // The first characters of a token are a part of the secret: not echoed.
      const shown = looksLikeToken(item)
        ? "a value that looks like a secret"
        : JSON.stringify(item.replace(/(.{0,12}).*/, "$1…"));
      throw new AppError("usage", `${flag} takes KEY${sep}VALUE, got ${shown}`);
    }
    if (out.has(k)) throw new AppError("usage", `${flag} ${k} is given twice`, { key: k });
    out.set(k, sep === ":" ? item.slice(i + 1).trimStart() : item.slice(i + 1));
  }
  return Object.fromEntries(out);
}

/** Like parseKv with `=`, but a repeated key collects a list (repeated arguments). */
export function parseParams(list: string[] | undefined): Record<string, string | string[]> | undefined {
  if (!list || list.length === 0) return undefined;
  const out = new Map<string, string | string[]>();
  for (const item of list) {
    const i = item.indexOf("=");
    if (i <= 0) throw new AppError("usage", `--param takes NAME=VALUE, got ${JSON.stringify(item)}`);
    const k = item.slice(0, i), v = item.slice(i + 1);
    const prev = out.get(k);
    out.set(k, prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]);
  }
  return Object.fromEntries(out);
}

/** The seed's draft summary line: `Draft claude-desktop/default: 2 servers (a, b)`. */
export function draftLine(s: DraftSummary): string {
  const n = s.server_count;
  return `Draft ${s.client_id}/${s.profile_id}: ${n} server${n === 1 ? "" : "s"}${
    n ? ` (${s.servers.join(", ")})` : ""
  }`;
}

/** Warnings as indented lines (empty when none). */
export function warningLines(ws: (string | { message: string })[]): string {
  return ws.map((w) => `  warning: ${typeof w === "string" ? w : w.message}`).join("\n");
}

/** Where each literal secret went, names only: `  secret pg args[2] -> ${PG_DB_PASSWORD} (value in secrets.json)`. */
export function extractedLines(
  list: { server: string; field: string; variable: string; instead_of?: string }[] | undefined,
): string {
  return (list ?? []).map((e) =>
    `  secret ${e.server} ${e.field} -> \${${e.variable}} (value in secrets.json${
      e.instead_of ? `; ${e.instead_of} already holds a different value` : ""
    })`
  ).join("\n");
}
