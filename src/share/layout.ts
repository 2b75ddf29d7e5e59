/**
 * The layout of a profile repository (documented in docs/reference/state-folder.md, "Profile
 * repositories"): one folder per client/profile with its signed index and head, artifacts by content
 * (sharded by the first two hex digits of their id, so no tree object grows with the store), and the
 * public keys of the signers (for the reader to compare, never trusted by arriving). A pull reads only
 * the paths that changed since the commit it last verified, so its cost follows the change.
 *
 * ```
 * mcp-orchestration.json                        {"format": "mcp-orchestration/profiles", "version": 1}
 * keys/<key id>.pub                             signers' public keys (SPKI PEM)
 * artifacts/<id[0..2]>/<id>.json                signed artifacts, the store's exact bytes
 * profiles/<client>/<profile>/index.json        signed profile index, the store's exact bytes
 * profiles/<client>/<profile>/head.json         signed head of that index
 * ```
 *
 * Anything else in the tree (another path, `..`, a symlink, a submodule, an executable, a file over
 * MAX_FILE_BYTES, more than MAX_PULL_BYTES of distinct contents to read) makes the whole pull
 * `remote_invalid`.
 */
import { isName } from "../core/names.ts";

/** The branch profiles are shared on. */
export const BRANCH = "main";
/** The marker file's path and content. */
export const MARKER = "mcp-orchestration.json";
export const MARKER_TEXT = JSON.stringify({ format: "mcp-orchestration/profiles", version: 1 }, null, 2) +
  "\n";
/** No file of a profile repository is larger (an artifact holds at most 50 servers). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** At most this many bytes of distinct file contents are read by one pull (1,000 profiles of a few
 * versions each are a few MiB: this bounds the memory a hostile remote can make a pull use). */
export const MAX_PULL_BYTES = 256 * 1024 * 1024;

export const artifactPath = (id: string) => `artifacts/${id.slice(0, 2)}/${id}.json`;
export const indexPath = (client: string, profile: string) => `profiles/${client}/${profile}/index.json`;
export const headPath = (client: string, profile: string) => `profiles/${client}/${profile}/head.json`;
export const keyPath = (keyId: string) => `keys/${keyId}.pub`;

/** What a path of the repository is. */
export type RepoPath =
  | { kind: "marker" }
  | { kind: "readme" }
  | { kind: "key"; keyId: string }
  | { kind: "artifact"; id: string }
  | { kind: "index"; client: string; profile: string }
  | { kind: "head"; client: string; profile: string };

/** The meaning of a repository path, or null for anything outside the layout. */
export function parseRepoPath(path: string): RepoPath | null {
  if (path === MARKER) return { kind: "marker" };
  if (path === "README.md") return { kind: "readme" };
  const parts = path.split("/");
  if (parts.length === 2 && parts[0] === "keys") {
    const m = /^([0-9a-f]{16})\.pub$/.exec(parts[1]);
    return m ? { kind: "key", keyId: m[1] } : null;
  }
  if (parts.length === 3 && parts[0] === "artifacts") {
    const m = /^([0-9a-f]{64})\.json$/.exec(parts[2]);
    return m && parts[1] === m[1].slice(0, 2) ? { kind: "artifact", id: m[1] } : null;
  }
  if (parts.length === 4 && parts[0] === "profiles" && isName(parts[1]) && isName(parts[2])) {
    if (parts[3] === "index.json") return { kind: "index", client: parts[1], profile: parts[2] };
    if (parts[3] === "head.json") return { kind: "head", client: parts[1], profile: parts[2] };
  }
  return null;
}
