/**
 * The project folder of a `--scope project` target (CLI `--project-dir`, MCP `project_dir`; default the
 * current folder on the CLI), checked before anything else happens. A project folder:
 *
 * - exists and is a folder (it is never created);
 * - belongs to the user (the owner of the home folder), where the OS has owners;
 * - is not the root of the file system, a system folder (`/var`, `/opt`, `/home`, `/tmp`, ... and
 *   everything inside `/etc`, `/usr`, `/bin`, `/sbin`, `/lib*`, `/boot`, `/dev`, `/proc`, `/sys`,
 *   `/run`, `/System`, `/Library`; on Windows a drive root, `Windows`, `Program Files*`, `ProgramData`),
 *   nor the home folder itself (its project files are several clients' user files: use scope user);
 * - is not in a hidden folder (a path segment starting with `.`: `~/.ssh`, `~/.gnupg`, `~/.aws`,
 *   `~/.config`, `.git`, the state folder): those hold credentials and settings, not projects;
 * - over MCP: is an absolute path (the server's current folder means nothing to the client), and lies
 *   inside one of the client's roots when the client shared roots; when none is given, the client's
 *   only root is the default (with several roots, or none, the call must name it).
 *
 * Each rule holds for the path as given and for its real path (a symlink to `/etc` is `/etc`).
 * A refusal is `path_not_allowed` (exit 8) naming the folder and the reason.
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { SYSTEM_FOLDERS } from "../platform/folder_guard.ts";
import { isAbsolute } from "../platform/path.ts";
import { checkUserPath, isWithin } from "../platform/scoped_fs.ts";

/** Folders whose whole tree belongs to the system. */
export const SYSTEM_TREES: readonly string[] = [
  "/etc",
  "/bin",
  "/sbin",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/usr",
  "/boot",
  "/dev",
  "/proc",
  "/sys",
  "/run",
  "/System",
  "/Library",
  "/private/etc",
];

const WINDOWS_SYSTEM =
  /^[A-Za-z]:[\\/]*((Windows|Program Files|Program Files \(x86\)|ProgramData)([\\/]|$)|$)/i;

function refuse(dir: string, why: string): never {
  throw new AppError("path_not_allowed", `Cannot use "${dir}" as a project folder: ${why}`, {
    project_dir: dir,
  });
}

/** Why `p` (absolute) can never be a project folder, or null. */
function placeProblem(p: string, userHome: string): string | null {
  const trimmed = p.length > 1 ? p.replace(/[\\/]+$/, "") : p;
  if (trimmed === "/" || /^[A-Za-z]:[\\/]*$/.test(trimmed)) return "it is the root of the file system";
  if (WINDOWS_SYSTEM.test(trimmed)) return "it is a system folder";
  const tree = SYSTEM_TREES.find((t) => isWithin(t, trimmed));
  if (tree) return tree === trimmed ? "it is a system folder" : `it is inside the system folder "${tree}"`;
  if (trimmed === userHome.replace(/[\\/]+$/, "")) {
    return "it is your home folder, whose project files are the user-level files of several clients (use scope user)";
  }
  if (SYSTEM_FOLDERS.has(trimmed)) return "it is a system folder";
  const hidden = trimmed.split(/[\\/]+/).find((s) => s.startsWith("."));
  if (hidden) {
    return `it is inside the hidden folder "${hidden}" (hidden folders hold credentials and settings, not projects)`;
  }
  return null;
}

/** The folders the MCP client shared; throws when it declared roots and they cannot be read. */
async function rootsOf(deps: Deps, dir: string): Promise<string[] | null> {
  if (!deps.projectRoots) return null;
  try {
    return await deps.projectRoots();
  } catch (e) {
    return refuse(dir, `the MCP client declared roots but did not list them (${(e as Error).message})`);
  }
}

/** Checks the project folder `raw` (undefined: the current folder) and returns it as an absolute path. */
export async function checkProjectDir(deps: Deps, raw: string | undefined): Promise<string> {
  if (raw === undefined && deps.projectRoots) {
    // Over MCP the default is the one folder the client shared; with several, the caller chooses.
    const roots = await rootsOf(deps, "(none)");
    if (roots?.length === 1) raw = roots[0];
    else if (roots?.length) {
      refuse(
        "(none)",
        `give project_dir: one of the folders the MCP client shared (${
          roots.join(", ")
        }) or a folder inside one`,
      );
    } else refuse("(none)", "give project_dir, an absolute path");
  }
  if (typeof raw === "string" && raw.startsWith("~")) {
    refuse(raw, '"~" is not expanded here: give an absolute path');
  }
  if (typeof raw === "string" && deps.projectRoots && !isAbsolute(raw)) {
    refuse(raw, "give an absolute path (relative to what? the MCP server's current folder is not yours)");
  }
  const dir = raw === undefined ? deps.cwd() : checkUserPath(raw, deps.cwd());
  const given = placeProblem(dir, deps.userHome);
  if (given) refuse(dir, given);
  const real = await deps.policy.resolveReal(dir);
  const realProblem = real === dir ? null : placeProblem(real, deps.userHome);
  if (realProblem) refuse(dir, `its real path "${real}": ${realProblem.replace(/^it is/, "is")}`);
  const info = await deps.policy.inspect(dir);
  if (!info) refuse(dir, "it does not exist (a project folder is never created)");
  if (!info.isDirectory) refuse(dir, "it is not a folder");
  const home = await deps.policy.inspect(deps.userHome);
  if (info.uid != null && home?.uid != null && info.uid !== home.uid) {
    refuse(dir, `it belongs to another user (owner uid ${info.uid}; your home folder's is ${home.uid})`);
  }
  const roots = await rootsOf(deps, dir);
  if (roots !== null) {
    const inside = [];
    for (const r of roots) if (isWithin(await deps.policy.resolveReal(r), real)) inside.push(r);
    if (inside.length === 0) {
      refuse(
        dir,
        `it is outside the folders the MCP client shared (roots: ${
          roots.length ? roots.join(", ") : "none"
        })`,
      );
    }
  }
  return dir;
}
