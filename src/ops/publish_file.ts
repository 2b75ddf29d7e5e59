/** publish-config --file: read a JSON file the user named and publish its servers. */
import { checkUserPath } from "../platform/scoped_fs.ts";
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { publish, type PublishResult } from "./publish.ts";

export async function publishFromFile(
  deps: Deps,
  o: { client: string; profile: string; file?: string; changelog?: string },
): Promise<PublishResult> {
  if (!o.file) {
    throw new AppError("invalid_input", "Give --file FILE with an mcpServers object to publish");
  }
  const path = checkUserPath(o.file, Deno.cwd());
  deps.policy.allowFile(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await deps.fs.readFile(path));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("unreadable_file", `Cannot read "${o.file}": ${(e as Error).message}`, { path });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    throw new AppError("config_parse_error", `Cannot parse "${o.file}" as JSON: ${(e as Error).message}`, { path });
  }
  return publish(deps, { client: o.client, profile: o.profile, payload: payload as never, changelog: o.changelog });
}
