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

/** The key of secrets.json holding replaced values (not a valid secret name, so never a secret). */
const RETIRED = "#retired";

/** Every stored secret plus, per name, the values it had before (oldest first): backups taken while an
 * older value was current need it to come back byte for byte. */
export interface SecretBook {
  values: Record<string, string>;
  retired: Record<string, string[]>;
}

/** True for a valid secret name that is not a member of every object (`constructor`, `toString`...). */
export function isSecretName(n: string): boolean {
  return SECRET_VAR_RE.test(n) && !(n in Object.prototype);
}

/** The stored value of `name` in `secrets` (prototype-safe: `toString` is never a function here). */
export function secretValue(secrets: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
}

/** The whole secrets file (empty when it does not exist). */
export async function readSecretBook(deps: Deps): Promise<SecretBook> {
  const got = await readJson<Record<string, unknown>>(deps.fs, layout(deps.home).secrets);
  const book: SecretBook = { values: {}, retired: {} };
  if (!got) return book;
  const v = got.value;
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    throw new AppError(
      "integrity_error",
      `The secrets file "${layout(deps.home).secrets}" is not an object`,
      {},
    );
  }
  for (const [k, x] of Object.entries(v)) if (typeof x === "string" && isSecretName(k)) book.values[k] = x;
  const old = (v as Record<string, unknown>)[RETIRED];
  if (old && typeof old === "object" && !Array.isArray(old)) {
    for (const [k, list] of Object.entries(old)) {
      if (isSecretName(k) && Array.isArray(list)) book.retired[k] = list.filter((x) => typeof x === "string");
    }
  }
  return book;
}

/** Every stored secret (empty when the file does not exist). */
export async function readSecrets(deps: Deps): Promise<Record<string, string>> {
  return (await readSecretBook(deps)).values;
}

/** The stored value of one secret, or undefined. */
export async function getSecret(deps: Deps, name: string): Promise<string | undefined> {
  return (await readSecrets(deps))[name];
}

/**
 * Stores `values` (merged over what is there) atomically, mode 0600, under the lock. Returns the
 * names whose previous, different value was replaced. Names must match SECRET_VAR_RE.
 */
export async function setSecrets(
  deps: Deps,
  values: Record<string, string>,
): Promise<{ replaced: string[] }> {
  const names = Object.keys(values);
  if (names.length === 0) return { replaced: [] };
  for (const n of names) {
    if (!isSecretName(n) || typeof values[n] !== "string") {
      throw new AppError(
        "invalid_input",
        `Invalid secret name ${JSON.stringify(n)}: use letters, digits and _`,
        {
          name: n,
        },
      );
    }
  }
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("secrets"), async () => {
    const book = await readSecretBook(deps);
    const current = book.values;
    const replaced = names.filter((n) => current[n] !== undefined && current[n] !== values[n]).sort();
    const next: Record<string, unknown> = {};
    for (const k of [...new Set([...Object.keys(current), ...names])].sort()) {
      next[k] = values[k] ?? current[k];
    }
    const retired = { ...book.retired };
    for (const n of replaced) retired[n] = [...(retired[n] ?? []), current[n]];
    if (Object.keys(retired).length) next[RETIRED] = retired;
    await writeJson(deps.fs, l.secrets, next, 0o600);
    return { replaced };
  });
}
