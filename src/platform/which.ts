/**
 * Finding a program on PATH, for `check-install`. Read-only existence checks: it only calls Deno.stat
 * on `<PATH entry>/<name>[ext]` and never runs anything (only `doctor` starts configured servers). It uses
 * Deno.stat directly because PATH folders are outside the scoped fs by design.
 */
import { join } from "./path.ts";
import { win32 } from "./path.ts";

/** The first `<dir>/<name>` (with a PATHEXT extension on Windows) that is a file, or null. */
export async function which(
  name: string,
  path: string | undefined,
  os: string,
  pathExt?: string,
): Promise<string | null> {
  if (!path || !/^[A-Za-z0-9._+-]+$/.test(name)) return null;
  const sep = os === "windows" ? ";" : ":";
  const exts = os === "windows"
    ? ["", ...(pathExt ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)]
    : [""];
  const joinFn = os === "windows" ? win32.join : join;
  for (const dir of path.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = joinFn(dir, name + ext);
      try {
        const s = await Deno.stat(candidate);
        if (s.isFile && (os === "windows" || s.mode === null || (s.mode & 0o111) !== 0)) return candidate;
      } catch {
        // Missing or unreadable: keep looking.
      }
    }
  }
  return null;
}
