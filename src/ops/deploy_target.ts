/** Which file a deploy writes: the client's user file, its project file, or a path the user named. The
 * project folder is checked first (project_dir.ts): nothing else happens for a folder that cannot be one. */
import { checkUserPath } from "../platform/scoped_fs.ts";
import { AppError } from "../core/errors.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { checkProjectDir } from "./project_dir.ts";

export interface TargetOptions {
  scope?: "user" | "project";
  projectDir?: string;
  configPath?: string;
}

export interface Target {
  /** The path as the client knows it (before following a symlink). */
  path: string;
  scope: "user" | "project" | "custom";
}

/** Resolves the target file; named files (--config-path, --project-dir) are added to the allow-list. */
export async function resolveTarget(deps: Deps, client: ClientRecord, o: TargetOptions): Promise<Target> {
  if (o.configPath !== undefined) {
    if (typeof o.configPath !== "string" || o.configPath.length === 0) {
      throw new AppError("invalid_input", "--config-path needs a file path");
    }
    const path = checkUserPath(o.configPath, Deno.cwd());
    deps.policy.allowFile(path, [deps.userHome]);
    return { path, scope: "custom" };
  }
  const scope = o.scope ?? "user";
  if (scope === "project") {
    if (!client.projectPath) {
      throw new AppError("invalid_input", `Client "${client.id}" has no project-scope file`, { client_id: client.id });
    }
    const dir = await checkProjectDir(deps, o.projectDir);
    const path = client.projectPath(dir, deps.os);
    deps.policy.allowFile(path, [deps.userHome, dir]);
    return { path, scope: "project" };
  }
  if (scope !== "user") {
    throw new AppError("invalid_input", `Unknown scope ${JSON.stringify(scope)}: use user or project`);
  }
  return { path: client.configPath(deps.os, deps.env), scope: "user" };
}
