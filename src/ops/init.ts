/** init: create the state folder and the signing key pair. */
import type { Deps } from "../platform/deps.ts";
import { isSharedFolder } from "../platform/folder_guard.ts";
import { initKeys, type InitResult } from "../store/keys.ts";

export async function init(
  deps: Deps,
  input: { regenerate?: boolean } = {},
): Promise<InitResult & { home: string }> {
  await deps.fs.mkdir(deps.home, 0o700);
  // Narrow a folder of the user's own; never a shared one (sticky bit), which others rely on.
  const st = await deps.fs.stat(deps.home);
  if (!isSharedFolder(deps.home, st?.mode ?? null)) await deps.fs.chmod(deps.home, 0o700);
  return { ...(await initKeys(deps, input.regenerate ?? false)), home: deps.home };
}
