/** The client config files the scoped file system allows: every known client's user-scope file. */
import { ALL_CLIENTS } from "./registry.ts";
import type { Env, OS } from "./types.ts";

export function allClientFiles(os: OS, env: Env): string[] {
  const out: string[] = [];
  for (const c of ALL_CLIENTS) {
    try {
      out.push(c.configPath(os, env));
    } catch {
      // A client whose path needs an unset variable (APPDATA on a bare Windows env) is not allowed.
    }
  }
  return out;
}
