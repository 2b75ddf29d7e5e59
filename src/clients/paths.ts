/**
 * Per-OS config path resolution as data. A record describes where its file lives on each OS relative to
 * a base folder (home, APPDATA, LOCALAPPDATA, XDG config); `resolvePath` turns that into an absolute
 * path from the given env only (pure: no Deno.*, no process.env).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type PathSpec, resolvePath } from "./paths.ts";
 * const spec: PathSpec = { all: { base: "home", parts: [".cursor", "mcp.json"] } };
 * const path = resolvePath(spec, "linux", { HOME: "/home/a" });
 * assert.equal(path, "/home/a/.cursor/mcp.json");
 * ```
 */
import { posix, win32 } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import type { Env, OS } from "./types.ts";

/**
 * The folder a path starts from:
 * - `home`: HOME (posix) / USERPROFILE (windows)
 * - `appdata`: APPDATA (windows only)
 * - `localappdata`: LOCALAPPDATA (windows only)
 * - `xdg-config`: XDG_CONFIG_HOME when set, else `<home>/.config` (linux; elsewhere `<home>/.config`)
 * - `app-support`: `<home>/Library/Application Support` (darwin)
 */
export type Base = "home" | "appdata" | "localappdata" | "xdg-config" | "app-support";

export interface Location {
  base: Base;
  parts: string[];
}

/** Where a file lives per OS; `all` is the fallback for the OSes not named. */
export interface PathSpec {
  all?: Location;
  linux?: Location;
  darwin?: Location;
  windows?: Location;
  /** An env var that, when set and non-empty, replaces the folder on every OS (CODEX_HOME...). */
  override?: { envVar: string; parts: string[] };
}

/** `node:path` flavour for an OS. */
export function pathFor(os: OS): typeof posix {
  return os === "windows" ? win32 : posix;
}

/** Joins path segments with the separator of `os`. */
export function joinFor(os: OS, ...parts: string[]): string {
  return pathFor(os).join(...parts);
}

/** The value of a required env var; throws `invalid_input` naming it when missing or empty. */
export function requireEnv(env: Env, name: string, os: OS): string {
  const v = env[name];
  if (v === undefined || v === "") {
    throw new AppError(
      "invalid_input",
      `Cannot resolve the config path on ${os}: environment variable "${name}" is not set`,
      { variable: name, os },
    );
  }
  return v;
}

/** The user's home folder on `os`. */
export function homeDir(os: OS, env: Env): string {
  return requireEnv(env, os === "windows" ? "USERPROFILE" : "HOME", os);
}

function baseDir(base: Base, os: OS, env: Env): string {
  switch (base) {
    case "home":
      return homeDir(os, env);
    case "appdata":
      return requireEnv(env, "APPDATA", os);
    case "localappdata":
      return requireEnv(env, "LOCALAPPDATA", os);
    case "xdg-config": {
      const xdg = os === "linux" ? env.XDG_CONFIG_HOME : undefined;
      return xdg ? xdg : joinFor(os, homeDir(os, env), ".config");
    }
    case "app-support":
      return joinFor(os, homeDir(os, env), "Library", "Application Support");
  }
}

/** Absolute path of `spec` on `os` from `env`. */
export function resolvePath(spec: PathSpec, os: OS, env: Env): string {
  if (spec.override) {
    const v = env[spec.override.envVar];
    if (v) return joinFor(os, v, ...spec.override.parts);
  }
  const loc = spec[os] ?? spec.all;
  if (!loc) {
    throw new AppError("invalid_input", `No config path is known on ${os}`, { os });
  }
  return joinFor(os, baseDir(loc.base, os, env), ...loc.parts);
}

/** A `projectPath` function for a file at `rel` (posix segments) inside the project folder. */
export function projectFile(...rel: string[]): (projectDir: string, os: OS) => string {
  return (projectDir, os) => joinFor(os, projectDir, ...rel);
}

/** Shorthands for the common specs. */
export const at = {
  home: (...parts: string[]): Location => ({ base: "home", parts }),
  appdata: (...parts: string[]): Location => ({ base: "appdata", parts }),
  localappdata: (...parts: string[]): Location => ({ base: "localappdata", parts }),
  xdg: (...parts: string[]): Location => ({ base: "xdg-config", parts }),
  appSupport: (...parts: string[]): Location => ({ base: "app-support", parts }),
};

/** The usual Electron/VS Code layout: app-support (mac), APPDATA (windows), XDG config (linux). */
export function electronApp(...parts: string[]): PathSpec {
  return { darwin: at.appSupport(...parts), windows: at.appdata(...parts), linux: at.xdg(...parts) };
}
