/** The client config files the scoped file system allows (every known client's user file). */
import type { Env, OS } from "./types.ts";

export function allClientFiles(_os: OS, _env: Env): string[] {
  return [];
}
