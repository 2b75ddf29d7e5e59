/**
 * verify --all: checks the whole state folder. Every artifact (hash, both signatures, trusted key),
 * every profile index and its head (signature, not older than the newest publish), every deployment
 * record (its artifact listed in a signed index, its pre-image backup present and byte-exact after
 * putting back the secrets it held), file modes (signing key, secrets.json and backups private; state
 * folders not group-writable), drafts and secrets readable, no literal secret in a draft or in the
 * latest artifact of a profile or in a user registry file (verify_all_secrets.ts; older artifacts: a
 * warning; what a key removed with `trust remove` signed: a warning naming it). Problems fail with `integrity_error`
 * (exit 5) listing each; warnings (leftovers of interrupted commands) are reported with the result.
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { readDraft } from "../store/drafts.ts";
import { trustedKeys } from "../store/keys.ts";
import { trustNames } from "../store/trust_names.ts";
import { layout } from "../store/layout.ts";
import { readSecretBook, type SecretBook } from "../store/secrets.ts";
import { join } from "../platform/path.ts";
import {
  checkArtifacts,
  checkDeployments,
  checkFolders,
  checkIndexes,
  checkJournal,
  checkKeys,
  checkPrivateMode,
  checkWitness,
  type Finding,
  type Report,
} from "../deploy/verify_all_checks.ts";
import {
  checkArtifactSecrets,
  checkDraftSecrets,
  checkRegistrySecrets,
} from "../deploy/verify_all_secrets.ts";

/** What `verify --all` found when nothing is wrong: counts of what was checked, and warnings. */
export interface VerifyAllResult {
  status: "verified";
  home: string;
  checked: Record<string, number>;
  warnings: Finding[];
  /** Ids of the Python tool's artifacts (verified by payload hash and payload signature only). */
  legacy_artifacts: string[];
  /** client/profile of the Python tool's unsigned profile indexes. */
  legacy_indexes: string[];
}

/** Checks the whole state folder; throws `integrity_error` (details: problems, warnings, checked). */
export async function verifyAll(deps: Deps): Promise<VerifyAllResult> {
  const r: Report = {
    problems: [],
    warnings: [],
    checked: { trusted_keys: 0, artifacts: 0, indexes: 0, deployments: 0, backups: 0, drafts: 0 },
  };
  const l = layout(deps.home);
  const trusted = await trustedKeys(deps);
  // Keys removed with `trust remove` (their name file stays): what they signed is a warning.
  for (const [id, n] of await trustNames(deps)) {
    if (!trusted.has(id)) (r.removed ??= new Map()).set(id, n.name);
  }
  await checkKeys(deps, r, trusted);
  const stored = await checkArtifacts(deps, r, trusted);
  const listed = await checkIndexes(deps, r, trusted, stored);
  let book: SecretBook = { values: {}, retired: {} };
  try {
    book = await readSecretBook(deps);
    await checkPrivateMode(deps, r, "secrets", l.secrets);
  } catch (e) {
    r.problems.push({ check: "secrets", path: l.secrets, message: (e as Error).message });
  }
  const relist = () =>
    checkIndexes(deps, { problems: [], warnings: [], checked: { indexes: 0 } }, trusted, new Set(stored));
  await checkDeployments(deps, r, book, listed, relist);
  await checkWitness(deps, r, trusted);
  checkArtifactSecrets(deps, r);
  await checkRegistrySecrets(deps, r);
  for (const client of await deps.fs.readDir(l.draftsDir)) {
    for (const f of await deps.fs.readDir(join(l.draftsDir, client))) {
      if (!f.endsWith(".json") || f.startsWith(".")) continue;
      r.checked.drafts++;
      const path = join(l.draftsDir, client, f);
      const d = await readDraft(deps, client, f.slice(0, -5)).catch((e) => {
        r.problems.push({ check: "drafts", path, message: (e as Error).message });
        return null;
      });
      if (d) checkDraftSecrets(r, path, d);
    }
  }
  await checkJournal(deps, r);
  await checkFolders(deps, r);
  if (r.problems.length) {
    const n = r.problems.length;
    const list = r.problems.slice(0, 5).map((p) => p.message).join("; ");
    throw new AppError(
      "integrity_error",
      `The state folder "${deps.home}" fails verification: ${n} problem${n > 1 ? "s" : ""} (${list}${
        n > 5 ? "; ..." : ""
      })`,
      { problems: r.problems, warnings: r.warnings, checked: r.checked },
    );
  }
  return {
    status: "verified",
    home: deps.home,
    checked: r.checked,
    warnings: r.warnings,
    legacy_artifacts: r.legacy?.artifacts ?? [],
    legacy_indexes: r.legacy?.indexes ?? [],
  };
}

/** `verify --all` as the CLI and the MCP tool call it: no artifact id or client may come with it. */
export function verifyAllInput(
  deps: Deps,
  input: { artifactId?: string; client?: string },
): Promise<VerifyAllResult> {
  if (input.artifactId !== undefined || input.client !== undefined) {
    throw new AppError(
      "usage",
      "--all checks the whole state folder: give it without an artifact id or --client",
    );
  }
  return verifyAll(deps);
}
