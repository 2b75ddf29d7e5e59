/**
 * Writes one server entry as canonical TOML tables: `[mcp_servers.<name>]` with its scalar and array
 * keys in insertion order, then one sub-table per nested object (`[mcp_servers.<name>.env]`, as the
 * Codex docs show). Objects inside arrays become inline tables. TOML has no null, so a null value is
 * refused with `invalid_input`.
 */
import { AppError } from "../../core/errors.ts";
import { isRecord } from "./shared.ts";

/** A key as written in TOML: bare when it can be, else a basic string. */
export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

/** A TOML basic string with every character TOML requires escaped. */
export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0");
    else if (c >= 0xd800 && c <= 0xdfff) {
      throw new AppError(
        "invalid_input",
        `Cannot write ${JSON.stringify(s)} to TOML: it holds a lone surrogate`,
        {},
      );
    } else out += ch;
  }
  return out + '"';
}

function tomlNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Object.is(n, -0)) return "-0.0";
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return n.toExponential();
  return String(n);
}

/** A value on one line (arrays and inline tables included). `where` names it in errors. */
export function tomlInline(v: unknown, where: string): string {
  if (typeof v === "string") return tomlString(v);
  if (typeof v === "number") return tomlNumber(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => tomlInline(x, `${where}[${i}]`)).join(", ")}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return "{}";
    return `{ ${keys.map((k) => `${tomlKey(k)} = ${tomlInline(v[k], `${where}.${k}`)}`).join(", ")} }`;
  }
  throw new AppError(
    "invalid_input",
    `Cannot write ${where} to TOML: ${v === null ? "null" : typeof v} has no TOML form`,
    {
      where,
    },
  );
}

/** The lines of table `path` holding `obj`, followed by its sub-tables (blank line before each). */
export function tableLines(path: string[], obj: Record<string, unknown>): string[] {
  const where = path.join(".");
  const lines = [`[${path.map(tomlKey).join(".")}]`];
  const subs: string[] = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    if (isRecord(v) && Object.keys(v).length > 0) subs.push(k);
    else lines.push(`${tomlKey(k)} = ${tomlInline(v, `${where}.${k}`)}`);
  }
  for (const k of subs) lines.push("", ...tableLines([...path, k], obj[k] as Record<string, unknown>));
  return lines;
}
