/** Validation of client and profile names and artifact ids: anything else is `invalid_input`. */
import { AppError } from "./errors.ts";

export const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const ARTIFACT_ID_RE = /^[0-9a-f]{64}$/;
export const ARTIFACT_PREFIX_RE = /^[0-9a-f]{8,64}$/;

/** True when `value` is a valid client/profile name. */
export function isName(value: unknown): value is string {
  return typeof value === "string" && NAME_RE.test(value) && value !== "." && value !== "..";
}

/** Returns `value` when it is a valid client/profile name, else throws `invalid_input`. */
export function checkName(kind: "client" | "profile", value: unknown): string {
  if (!isName(value)) {
    throw new AppError(
      "invalid_input",
      `Invalid ${kind} name ${
        JSON.stringify(value)
      }: use 1-64 of a-z 0-9 . _ - starting with a letter or digit`,
      { [kind]: value, pattern: NAME_RE.source },
    );
  }
  return value;
}

/** Returns `value` when it may name something new: a name ending in a dot may not. Names become folder
 * names (a shared repository's `profiles/<client>/<profile>/`, `remotes/<name>/`), and Windows drops a
 * trailing dot from a folder or file name (`work.` and `work` would share one). Names that exist already
 * (a pulled profile, a remote in remotes.json) keep being read, listed and removed. */
export function checkNewName(kind: "profile" | "remote", value: string): string {
  if (value.endsWith(".")) {
    throw new AppError(
      "invalid_input",
      `Invalid ${kind} name ${JSON.stringify(value)}: a new name may not end with a dot (Windows drops it, ` +
        `so ${JSON.stringify(value)} and ${JSON.stringify(value.replace(/\.+$/, ""))} would share a folder)`,
      { [kind]: value },
    );
  }
  return value;
}

/** Returns the lowercase id or prefix (8-64 hex digits), else throws `invalid_input`. */
export function checkArtifactRef(value: unknown): string {
  if (typeof value !== "string" || !ARTIFACT_PREFIX_RE.test(value)) {
    throw new AppError(
      "invalid_input",
      `Invalid artifact id ${
        JSON.stringify(value)
      }: give 64 lowercase hex digits or a unique prefix of at least 8`,
      { artifact_id: value },
    );
  }
  return value;
}
