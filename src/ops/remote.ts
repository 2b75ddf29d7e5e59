/** remote add/list/remove: the remotes of the state folder (`remotes.json`). */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { isAbsolute, resolve } from "../platform/path.ts";
import {
  addRemote,
  checkRemoteName,
  listRemotes,
  type RemoteEntry,
  removeRemote,
  shownUrl,
} from "../store/remotes.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/remote.ts";

const shown = (r: RemoteEntry): RemoteEntry => ({ ...r, url: shownUrl(r.url) });

export async function remote(deps: Deps, input: InputOf<typeof spec>): Promise<{
  action: string;
  remote: RemoteEntry | null;
  remotes: RemoteEntry[];
}> {
  const action = input.action ?? "list";
  if (action === "list") {
    if (input.name !== undefined) throw new AppError("usage", "remote list takes no name");
    return { action, remote: null, remotes: (await listRemotes(deps)).map(shown) };
  }
  if (input.name === undefined) throw new AppError("usage", `remote ${action} needs a NAME`);
  const name = checkRemoteName(input.name);
  if (action === "add") {
    const url = input.url;
    if (url === undefined || url.trim() === "") throw new AppError("usage", "remote add needs NAME and URL");
    if (url.startsWith("-") || /[\0\n\r]/.test(url)) {
      throw new AppError("invalid_input", `Invalid remote URL ${JSON.stringify(shownUrl(url))}`, {
        url: shownUrl(url),
      });
    }
    const r = await addRemote(deps, name, absoluteIfPath(deps, url));
    return { action, remote: shown(r), remotes: (await listRemotes(deps)).map(shown) };
  }
  if (action === "remove") {
    if (input.url !== undefined) throw new AppError("usage", "remote remove takes only a NAME");
    const r = await removeRemote(deps, name);
    return { action, remote: shown(r), remotes: (await listRemotes(deps)).map(shown) };
  }
  throw new AppError("usage", `Unknown remote action ${JSON.stringify(action)}: use add, list or remove`);
}

/** A local path (no `scheme://`, no scp-like `host:path`) made absolute against the current folder, so
 * the remote means the same from cron or another folder. */
function absoluteIfPath(deps: Deps, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (/^[^/\\]*:/.test(url) && !/^[a-z]:[\\/]/i.test(url)) return url; // scp-like (not a Windows drive)
  return isAbsolute(url) ? url : resolve(deps.cwd(), url);
}
