/** The size limit of every file a command reads as a config: real client files and server.json files
 * are kilobytes; a 50 MB one is refused at once instead of keeping the parser busy for seconds. */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import type { FileInfo } from "../platform/fs.ts";

/** 16 MiB. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** Throws `config_parse_error` when the file at `path` is larger than MAX_CONFIG_BYTES (no error when
 * it is missing: the read that follows reports that). `known`: its stat, when the caller has it. */
export async function checkFileSize(deps: Deps, path: string, known?: FileInfo): Promise<void> {
  const st = known ?? await deps.fs.stat(path);
  if (st && st.isFile && st.size > MAX_CONFIG_BYTES) {
    throw new AppError(
      "config_parse_error",
      `Cannot read "${path}": it is ${st.size.toLocaleString("en-US")} bytes, more than the ${
        MAX_CONFIG_BYTES / 1024 / 1024
      } MiB a config file may have`,
      { path, size: st.size, limit: MAX_CONFIG_BYTES },
    );
  }
}
