/** Which file a deploy writes: the client's user file, its project file, or a path the user named. The
 * project folder is checked first (project_dir.ts): nothing else happens for a folder that cannot be one. */
import { checkUserPath } from "../platform/scoped_fs.ts";
import { AppError } from "../core/errors.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { checkProjectDir } from "./project_dir.ts";

export interface TargetOptions {
  /** "user" (default) or "project"; anything else is refused here (a CLI option reaches us unchecked). */
  scope?: string;
  projectDir?: string;
  configPath?: string;
}

export interface Target {
  /** The path as the client knows it (before following a symlink). */
  path: string;
  scope: "user" | "project" | "custom";
  /** A project target's folder (the client's other files of that project are found from it). */
  projectDir?: string;
}

/** The scope the options ask for: a project folder alone means the project scope (it is never ignored);
 * a project folder with `--scope user` or `--config-path` is a contradiction, refused. */
export function scopeOf(o: TargetOptions): string {
  if (o.projectDir === undefined) return o.scope ?? "user";
  if (o.configPath !== undefined) {
    throw new AppError(
      "invalid_input",
      "--config-path and --project-dir (project_dir) name two different files: give one of them",
      { hint: "--project-dir DIR writes the client's project file in DIR; --config-path FILE writes FILE" },
    );
  }
  if (o.scope === "user") {
    throw new AppError(
      "invalid_input",
      `--project-dir (project_dir) names a project folder, but --scope is "user": drop one of them`,
      { hint: "--project-dir DIR alone (or with --scope project) writes the client's project file in DIR" },
    );
  }
  return o.scope ?? "project";
}

/** Resolves the target file; named files (--config-path, --project-dir) are added to the allow-list. */
export async function resolveTarget(deps: Deps, client: ClientRecord, o: TargetOptions): Promise<Target> {
  const scope = scopeOf(o);
  if (o.configPath !== undefined) {
    if (typeof o.configPath !== "string" || o.configPath.length === 0) {
      throw new AppError("invalid_input", "--config-path needs a file path");
    }
    const path = checkUserPath(o.configPath, deps.cwd());
    deps.policy.allowFile(path, [deps.userHome]);
    return { path, scope: "custom" };
  }
  if (scope === "project") {
    if (!client.projectPath) {
      const why = o.scope === undefined ? ` (--project-dir asks for one)` : "";
      throw new AppError("invalid_input", `Client "${client.id}" has no project-scope file${why}`, {
        client_id: client.id,
        hint: "leave out --scope project and --project-dir to write its user file",
      });
    }
    const dir = await checkProjectDir(deps, o.projectDir);
    const path = client.projectPath(dir, deps.os);
    deps.policy.allowFile(path, [deps.userHome, dir]);
    return { path, scope: "project", projectDir: dir };
  }
  if (scope !== "user") {
    throw new AppError("invalid_input", `Unknown scope ${JSON.stringify(scope)}: use user or project`);
  }
  return { path: client.configPath(deps.os, deps.env), scope: "user" };
}

/**
 * The file a rollback or restore writes, given the path a deployment record names. The record only
 * chooses among the files this invocation may write for this client: the file named on this command
 * line (`--config-path`, `--scope`), else the client's user file or its project file in the current
 * folder. Anything else is refused with `path_not_allowed`, whatever the log says: a record naming
 * `~/.bashrc` or another client's file is never a way to write there.
 */
export async function recordedTarget(
  deps: Deps,
  client: ClientRecord,
  o: TargetOptions,
  recorded: { config_path: string },
  what: string,
): Promise<Target> {
  const named = o.configPath !== undefined || o.scope !== undefined || o.projectDir !== undefined;
  const candidates: Target[] = [];
  if (named) candidates.push(await resolveTarget(deps, client, o));
  else {
    try {
      candidates.push({ path: client.configPath(deps.os, deps.env), scope: "user" });
    } catch { /* no user file on this system */ }
    if (client.projectPath) {
      candidates.push({
        path: client.projectPath(deps.cwd(), deps.os),
        scope: "project",
        projectDir: deps.cwd(),
      });
    }
  }
  const hit = candidates.find((c) => c.path === recorded.config_path);
  if (!hit) {
    const not = named ? "the file named on this command line" : `a config file of "${client.id}" here`;
    throw new AppError(
      "path_not_allowed",
      `Cannot write "${recorded.config_path}" for ${what}: it is not ${not}`,
      {
        path: recorded.config_path,
        client_id: client.id,
        allowed: candidates.map((c) => c.path),
        hint:
          "name the file with --config-path (or --scope project --project-dir DIR) if it really is the one",
      },
    );
  }
  if (hit.scope === "project" && !named) deps.policy.allowFile(hit.path, [deps.userHome, Deno.cwd()]);
  return hit;
}
