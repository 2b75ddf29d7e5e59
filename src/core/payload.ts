/** Shape checks of a neutral payload (the deep validation rules live in validation). */
import { AppError } from "./errors.ts";
import { memberKeys } from "./keys.ts";
import type { NeutralPayload } from "./neutral.ts";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Returns the server name when it can be a key of every client's file: 1-200 characters, no control
 * characters, not `__proto__` (which plain objects would take as their prototype); else `invalid_input`.
 */
export function checkEntryName(name: string): string {
  // deno-lint-ignore no-control-regex
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name) || name === "__proto__") {
    throw new AppError(
      "invalid_input",
      `Invalid server name ${
        JSON.stringify(name.slice(0, 200))
      }: use 1-200 printable characters, not "__proto__"`,
      {
        server: name.slice(0, 200),
      },
    );
  }
  return name;
}

/** Refuses an entry whose env or headers hold a key every JavaScript object has (keys.ts). */
export function checkEntryKeys(name: string, entry: unknown): void {
  const bad = memberKeys(entry);
  if (bad.length > 0) {
    throw new AppError(
      "invalid_input",
      `Server ${JSON.stringify(name.slice(0, 200))} has ${bad.join(", ")}: every JavaScript object has a ` +
        "property of that name, and JavaScript clients read the key as that property (rename it)",
      { server: name.slice(0, 200), fields: bad },
    );
  }
}

/** Returns the payload when it has a non-empty `mcpServers` map of entries with a command or url. */
export function checkPayloadShape(payload: unknown): NeutralPayload {
  if (!isPlainObject(payload) || !isPlainObject(payload.mcpServers)) {
    throw new AppError("invalid_input", 'The configuration needs an "mcpServers" object', {});
  }
  const names = Object.keys(payload.mcpServers);
  if (names.length === 0) {
    throw new AppError(
      "invalid_input",
      'The configuration\'s "mcpServers" is empty: add at least one server',
      {},
    );
  }
  for (const name of names) {
    checkEntryName(name);
    const e = payload.mcpServers[name];
    if (!isPlainObject(e)) {
      throw new AppError("invalid_input", `Server "${name}" must be an object`, { server: name });
    }
    if (typeof e.command !== "string" && typeof e.url !== "string") {
      throw new AppError("invalid_input", `Server "${name}" needs a "command" (local) or a "url" (remote)`, {
        server: name,
      });
    }
    checkEntryKeys(name, e);
  }
  return payload as NeutralPayload;
}
