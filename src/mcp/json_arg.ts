/** Parsing of arguments some clients send as JSON strings instead of objects. */
import { AppError } from "../core/errors.ts";

function parsed(name: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new AppError("invalid_input", `Cannot parse ${name} as JSON: ${(e as Error).message}`, {
        argument: name,
      });
    }
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new AppError("invalid_input", `${name} must be an object of names to values`, { argument: name });
  }
  return v as Record<string, unknown>;
}

function scalar(x: unknown): string {
  return typeof x === "string"
    ? x
    : typeof x === "number" || typeof x === "boolean"
    ? String(x)
    : JSON.stringify(x);
}

/** Name -> text: an object as is, a JSON string parsed; numbers and booleans become text. Values are
 * never echoed in errors (they may be secrets). */
export function objectArg(name: string, value: unknown): Record<string, string> | undefined {
  const v = parsed(name, value);
  if (!v) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalar(x)]));
}

/** Like `objectArg`, but a list value stays a list of text (parameters that repeat). */
export function paramsArg(name: string, value: unknown): Record<string, string | string[]> | undefined {
  const v = parsed(name, value);
  if (!v) return undefined;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x.map(scalar) : scalar(x)]),
  );
}
