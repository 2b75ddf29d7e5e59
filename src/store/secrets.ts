/**
 * `secrets.json`: the values of secret inputs, `{VAR: value}`, mode 0600, written atomically under the
 * `secrets` lock. Drafts and artifacts hold only `${VAR}` references; values are read back only to
 * render a literal at deploy time and are never printed (outputs show `***`).
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { readJson, writeJson } from "./json_file.ts";
import { layout } from "./layout.ts";

/** A secret variable name: `[A-Za-z_][A-Za-z0-9_]*`. */
export const SECRET_VAR_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What every output shows instead of a secret value. */
export const REDACTED = "***";

/** Every stored secret (empty when the file does not exist). */
export async function readSecrets(deps: Deps): Promise<Record<string, string>> {
  const got = await readJson<Record<string, unknown>>(deps.fs, layout(deps.home).secrets);
  if (!got) return {};
  const v = got.value;
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    throw new AppError("integrity_error", `The secrets file "${layout(deps.home).secrets}" is not an object`, {});
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}

/** The stored value of one secret, or undefined. */
export async function getSecret(deps: Deps, name: string): Promise<string | undefined> {
  return (await readSecrets(deps))[name];
}

/**
 * Stores `values` (merged over what is there) atomically, mode 0600, under the lock. Returns the
 * names whose previous, different value was replaced. Names must match SECRET_VAR_RE.
 */
export async function setSecrets(deps: Deps, values: Record<string, string>): Promise<{ replaced: string[] }> {
  const names = Object.keys(values);
  if (names.length === 0) return { replaced: [] };
  for (const n of names) {
    if (!SECRET_VAR_RE.test(n) || typeof values[n] !== "string") {
      throw new AppError("invalid_input", `Invalid secret name ${JSON.stringify(n)}: use letters, digits and _`, {
        name: n,
      });
    }
  }
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("secrets"), async () => {
    const current = await readSecrets(deps);
    const replaced = names.filter((n) => current[n] !== undefined && current[n] !== values[n]).sort();
    const next: Record<string, string> = {};
    for (const k of [...new Set([...Object.keys(current), ...names])].sort()) next[k] = values[k] ?? current[k];
    await writeJson(deps.fs, l.secrets, next, 0o600);
    return { replaced };
  });
}
