/** Reading a file the user named (or a client file we resolved) as UTF-8 text: added to the allow-list,
 * refused when too large, `unreadable_file` (exit 7) with the reason when it cannot be read. */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { checkUserPath } from "../platform/scoped_fs.ts";
import { checkFileSize } from "./file_size.ts";

/** The absolute path of a path the user typed (`..` and NUL refused), from the working directory. */
export function userPath(deps: Deps, raw: string): string {
  return checkUserPath(raw, deps.cwd());
}

/** The text of `path`; `label` names the file in errors (default: the path). */
export async function readNamedFile(
  deps: Deps,
  path: string,
  opts: { label?: string; linkRoots?: string[]; details?: Record<string, unknown> } = {},
): Promise<string> {
  deps.policy.allowFile(path, opts.linkRoots ?? []);
  try {
    await checkFileSize(deps, path);
    return new TextDecoder("utf-8", { fatal: true }).decode(await deps.fs.readFile(path));
  } catch (e) {
    if (e instanceof AppError) throw e;
    const why = e instanceof Deno.errors.NotFound ? "the file does not exist" : (e as Error).message;
    throw new AppError("unreadable_file", `Cannot read ${opts.label ?? `"${path}"`}: ${why}`, {
      path,
      ...opts.details,
    });
  }
}
