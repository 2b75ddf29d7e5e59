/**
 * The checks `verify --all` runs over the state folder, each adding to a shared report: problems (the
 * store cannot be trusted as it is: exit 5) and warnings (harmless leftovers of an interrupted command,
 * or settings worth fixing). Nothing here writes.
 */
import { join } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { keyIdOfPem, publicPemOf } from "../core/signing.ts";
import { NAME_RE } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { listArtifactIds } from "../store/artifacts.ts";
import { loadBackup } from "../store/backups.ts";
import { readDeployments } from "../store/deployments.ts";
import { checkLog } from "../store/deployment_log.ts";
import { trustedKeys } from "../store/keys.ts";
import { contradiction } from "./index_witness.ts";
import { readHead } from "../store/index_head.ts";
import { pendingNames, readIntent } from "../store/journal.ts";
import { isSharedFolder } from "../platform/folder_guard.ts";
import { layout } from "../store/layout.ts";
import { readIndex } from "../store/profile_index.ts";
import type { SecretBook } from "../store/secrets.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";

/** One thing found wrong. */
export interface Finding {
  check: string;
  path: string;
  message: string;
}

/** What the checks found and counted. */
export interface Report {
  problems: Finding[];
  warnings: Finding[];
  checked: Record<string, number>;
  /** Artifacts of the Python tool (verified by payload hash and payload signature only), and its
   * unsigned profile indexes (client/profile). */
  legacy?: { artifacts: string[]; indexes: string[] };
  /** Verified artifacts by id: where they were first published and their payload (for the secrets check). */
  artifacts?: Map<string, { client: string; profile: string; payload: unknown }>;
  /** Artifact id -> the client/profile pairs whose latest publish it is. */
  latest?: Map<string, string[]>;
  /** Keys whose trust was removed (`trust remove` keeps their name file): key id -> name. What they
   * signed no longer verifies, by the user's choice: a warning, not a problem. */
  removed?: Map<string, string>;
  /** Artifacts signed by a removed key. */
  removedArtifacts?: Set<string>;
}

const dec = new TextDecoder();
const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The name and id of the removed key a verification failure names, or null (any other failure, or a
 * key that was never trusted here: that one stays a problem). */
function removedSigner(r: Report, e: unknown): { id: string; name: string } | null {
  const id = /untrusted key "([0-9a-f]{16})"/.exec(why(e))?.[1];
  const name = id ? r.removed?.get(id) : undefined;
  return id && name ? { id, name } : null;
}

const trustAgain = (s: { name: string }) =>
  `its trust was removed (trust remove ${s.name}): nothing it signed is deployed; trust add KEYFILE --name ${s.name} trusts it again`;

/** Adds a problem when the file's mode gives group or others any access (a secret-bearing file). */
export async function checkPrivateMode(deps: Deps, r: Report, check: string, path: string): Promise<void> {
  const st = await deps.fs.stat(path);
  if (!st || st.mode === null || (st.mode & 0o077) === 0) return;
  const mode = st.mode.toString(8).padStart(4, "0");
  r.problems.push({
    check,
    path,
    message: `"${path}" has mode ${mode}: other users can read it; run: chmod 600 '${path}'`,
  });
}

/** keys/: the signing key is private and matches signing.pub; every trusted key file is the key its name says. */
export async function checkKeys(deps: Deps, r: Report, trusted: Map<string, string>): Promise<void> {
  const l = layout(deps.home);
  const privateText = await deps.fs.readFile(l.signingKey).then((b) => dec.decode(b)).catch(() => null);
  if (privateText === null) {
    r.warnings.push({
      check: "keys",
      path: l.signingKey,
      message: "no signing key: run init before publishing",
    });
  } else {
    await checkPrivateMode(deps, r, "keys", l.signingKey);
    try {
      const pub = await publicPemOf(privateText);
      const onDisk = await deps.fs.readFile(l.signingPub).then((b) => dec.decode(b)).catch(() => null);
      if (onDisk !== pub) {
        r.problems.push({
          check: "keys",
          path: l.signingPub,
          message: "signing.pub is not the public half of signing.key",
        });
      }
      const id = await keyIdOfPem(pub);
      if (!trusted.has(id)) {
        r.warnings.push({
          check: "keys",
          path: l.trusted(id),
          message: `the signing key ${id} is not trusted: its publishes will not verify`,
        });
      }
    } catch (e) {
      r.problems.push({
        check: "keys",
        path: l.signingKey,
        message: `the signing key cannot be read: ${why(e)}`,
      });
    }
  }
  for (const name of await deps.fs.readDir(l.trustedDir)) {
    if (!name.endsWith(".pub") || name.startsWith(".")) continue;
    r.checked.trusted_keys++;
    if (!trusted.has(name.slice(0, -4))) {
      r.problems.push({
        check: "keys",
        path: join(l.trustedDir, name),
        message: `"${name}" is not exactly the public key its name says (altered or foreign): it is ignored`,
      });
    }
  }
}

/** Every artifact verifies; returns their ids. */
export async function checkArtifacts(
  deps: Deps,
  r: Report,
  trusted: Map<string, string>,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const id of await listArtifactIds(deps)) {
    r.checked.artifacts++;
    try {
      const a = await verifyArtifact(deps, id, trusted);
      ids.add(id);
      (r.artifacts ??= new Map()).set(id, { client: a.client_id, profile: a.profile_id, payload: a.payload });
      if (a.legacy) (r.legacy ??= { artifacts: [], indexes: [] }).artifacts.push(id);
    } catch (e) {
      const path = layout(deps.home).artifact(id);
      const removed = removedSigner(r, e);
      if (removed) {
        (r.removedArtifacts ??= new Set()).add(id);
        r.warnings.push({
          check: "artifacts",
          path,
          message: `artifact ${id.slice(0, 12)}… is signed by ${removed.name} (${removed.id}): ${
            trustAgain(removed)
          }`,
        });
      } else r.problems.push({ check: "artifacts", path, message: why(e) });
    }
  }
  return ids;
}

/** Every index and head verifies, no index is older than its head, every listed artifact is stored;
 * returns the ids listed in some index. */
export async function checkIndexes(
  deps: Deps,
  r: Report,
  trusted: Map<string, string>,
  stored: Set<string>,
): Promise<Set<string>> {
  const l = layout(deps.home);
  const listed = new Set<string>();
  const pairs = new Set<string>();
  for (const dir of [l.indexDir, l.headsDir]) {
    for (const client of await deps.fs.readDir(dir)) {
      for (const f of await deps.fs.readDir(join(dir, client))) {
        if (f.endsWith(".json") && !f.startsWith(".")) pairs.add(`${client}/${f.slice(0, -5)}`);
      }
    }
  }
  for (const pair of [...pairs].sort()) {
    const [client, profile] = pair.split("/");
    if (!NAME_RE.test(client) || !NAME_RE.test(profile)) {
      r.warnings.push({
        check: "indexes",
        path: l.index(client, profile),
        message: `"${pair}" is not a valid client/profile name: ignored`,
      });
      continue;
    }
    r.checked.indexes++;
    try {
      const idx = await readIndex(deps, client, profile, trusted);
      const head = await readHead(deps, client, profile, trusted);
      const last = idx?.entries.at(-1)?.artifact_id;
      if (last) (r.latest ??= new Map()).set(last, [...(r.latest.get(last) ?? []), pair]);
      for (const e of idx?.entries ?? []) {
        listed.add(e.artifact_id);
        // Not in the listing taken before: a publish running now may have stored it since (artifacts are
        // written before their index), so it is checked by itself before being called missing.
        if (
          !stored.has(e.artifact_id) &&
          await verifyArtifact(deps, e.artifact_id, trusted).then(
            () => stored.add(e.artifact_id),
            () => false,
          )
        ) continue;
        if (!stored.has(e.artifact_id)) {
          r.problems.push({
            check: "indexes",
            path: l.artifact(e.artifact_id),
            message: `"${pair}" v${e.version} lists artifact ${
              e.artifact_id.slice(0, 12)
            }…, which is missing or fails verification`,
          });
        }
      }
      if (idx?.legacy) {
        (r.legacy ??= { artifacts: [], indexes: [] }).indexes.push(pair);
        r.warnings.push({
          check: "indexes",
          path: l.index(client, profile),
          message:
            `"${pair}" has the Python tool's unsigned index (read as a one-version history; its order is not protected): the next publish to it signs it`,
        });
      } else if (idx && (!head || head.version < idx.entries.length)) {
        r.warnings.push({
          check: "indexes",
          path: l.head(client, profile),
          message: `the head of "${pair}" is behind its index (v${
            head?.version ?? 0
          } < v${idx.entries.length}): an interrupted publish; the next publish rewrites it`,
        });
      }
    } catch (e) {
      const removed = removedSigner(r, e);
      if (removed) {
        r.warnings.push({
          check: "indexes",
          path: l.index(client, profile),
          message: `"${pair}" is signed by ${removed.name} (${removed.id}): ${trustAgain(removed)}`,
        });
      } else r.problems.push({ check: "indexes", path: l.index(client, profile), message: why(e) });
    }
  }
  for (const id of stored) {
    if (!listed.has(id)) {
      r.warnings.push({
        check: "artifacts",
        path: l.artifact(id),
        message: `artifact ${
          id.slice(0, 12)
        }… is listed in no index (a publish interrupted before its index was written)`,
      });
    }
  }
  return listed;
}

/** Every deployment log checked whole against its signed head (deployment_log.ts); every record's artifact
 * stored and listed, its pre-image backed up. `relist` reads the indexes again (a deploy running now may
 * use an artifact published since). */
export async function checkDeployments(
  deps: Deps,
  r: Report,
  book: SecretBook,
  listed: Set<string>,
  relist: () => Promise<Set<string>>,
): Promise<void> {
  const l = layout(deps.home);
  const checkedBackups = new Set<string>();
  const trusted = await trustedKeys(deps);
  const clients = new Set<string>();
  for (const n of await deps.fs.readDir(l.deploymentsDir)) {
    const client = n.endsWith(".jsonl") ? n.slice(0, -6) : n.endsWith(".head.json") ? n.slice(0, -10) : null;
    if (client === null || n.startsWith(".")) continue;
    if (NAME_RE.test(client)) clients.add(client);
    else {r.warnings.push({
        check: "deployments",
        path: join(l.deploymentsDir, n),
        message: `"${n}" is not named after a client: ignored`,
      });}
  }
  for (const client of [...clients].sort()) {
    const log = await checkLog(deps, client, trusted);
    const path = log.path;
    for (const message of log.warnings) {
      r.warnings.push({ check: "deployments", path, message: `${client}: ${message}` });
    }
    for (const message of log.problems) {
      r.problems.push({
        check: "deployments",
        path,
        message: `the deployment log of "${client}": ${message}`,
      });
    }
    for (const rec of log.records) {
      r.checked.deployments++;
      if (rec.artifact_id && !listed.has(rec.artifact_id)) {
        for (const id of await relist()) listed.add(id);
      }
      if (rec.artifact_id && !listed.has(rec.artifact_id) && r.removedArtifacts?.has(rec.artifact_id)) {
        r.warnings.push({
          check: "deployments",
          path,
          message: `deployment ${rec.deployment_id} used artifact ${
            rec.artifact_id.slice(0, 12)
          }…, signed by a key whose trust was removed: status reports that target untrusted`,
        });
      } else if (rec.artifact_id && !listed.has(rec.artifact_id)) {
        r.problems.push({
          check: "deployments",
          path,
          message: `deployment ${rec.deployment_id} used artifact ${
            rec.artifact_id.slice(0, 12)
          }…, which no signed index lists (missing, or an older index replaced a newer one)`,
        });
      }
      const sha = rec.pre_image_sha256;
      if (!sha || sha === rec.post_image_sha256 || checkedBackups.has(sha)) continue;
      checkedBackups.add(sha);
      r.checked.backups++;
      try {
        await loadBackup(deps, sha, book);
      } catch (e) {
        const msg = e instanceof AppError ? e.message : why(e);
        r.problems.push({
          check: "backups",
          path: l.backup(sha),
          message: `the pre-image of deployment ${rec.deployment_id}: ${msg}`,
        });
      }
    }
  }
  for (const name of await deps.fs.readDir(l.backupsDir)) {
    if (/^[0-9a-f]{64}$/.test(name)) await checkPrivateMode(deps, r, "backups", l.backup(name));
  }
}

/** No index is older than a version the deployment log saw it reach (index_witness.ts). */
export async function checkWitness(deps: Deps, r: Report, trusted: Map<string, string>): Promise<void> {
  const l = layout(deps.home);
  for (const n of await deps.fs.readDir(l.deploymentsDir)) {
    const client = n.slice(0, -6);
    if (!n.endsWith(".jsonl") || !NAME_RE.test(client)) continue;
    const records = await readDeployments(deps, client).catch(() => null);
    if (!records) continue; // reported by checkDeployments
    for (const profile of new Set(records.filter((x) => x.index_version).map((x) => x.profile_id))) {
      if (!NAME_RE.test(profile)) continue;
      const idx = await readIndex(deps, client, profile, trusted).catch(() => undefined);
      if (idx === undefined) continue; // already reported by checkIndexes
      const bad = contradiction(records, profile, idx);
      if (bad) {
        r.problems.push({
          check: "indexes",
          path: l.index(client, profile),
          message:
            `the index of "${client}/${profile}" is older than deployment ${bad.deployment_id} saw it (version ${bad.index_version}): an older copy replaced it`,
        });
      }
    }
  }
}

/** Journal records of interrupted client-file writes (completed or discarded by the next command). */
export async function checkJournal(deps: Deps, r: Report): Promise<void> {
  for (const name of await pendingNames(deps)) {
    const path = layout(deps.home).journal(name);
    try {
      const rec = await readIntent(deps, name);
      if (!rec) continue; // settled since the listing
      r.warnings.push({
        check: "journal",
        path,
        message: `a write to "${rec.config_path}" was interrupted; the next command on that file settles it`,
      });
    } catch (e) {
      r.problems.push({ check: "journal", path, message: why(e) });
    }
  }
}

/** Group-writable state folders (a warning: world-writable ones are refused outright), and temp files
 * left by interrupted writes. */
export async function checkFolders(deps: Deps, r: Report): Promise<void> {
  const l = layout(deps.home);
  const dirs = [
    l.home,
    l.keysDir,
    l.trustedDir,
    l.artifactsDir,
    l.indexDir,
    l.headsDir,
    l.draftsDir,
    l.deploymentsDir,
    l.backupsDir,
    l.journalDir,
    l.registryDir,
    l.locksDir,
  ];
  for (const parent of [l.indexDir, l.headsDir, l.draftsDir]) {
    for (const c of await deps.fs.readDir(parent)) if (!c.startsWith(".")) dirs.push(join(parent, c));
  }
  let temps = 0;
  for (const d of dirs) {
    const st = await deps.fs.stat(d);
    if (!st?.isDirectory) continue;
    if (st.mode !== null && (st.mode & 0o020) !== 0) {
      // A shared or system folder (e.g. --home /var/local) is the user's choice to undo, not a chmod to run.
      const fix = isSharedFolder(d, st.mode)
        ? "a shared system folder: choose a state folder of your own"
        : `run: chmod g-w '${d}'`;
      r.warnings.push({
        check: "modes",
        path: d,
        message: `"${d}" is writable by its group (mode ${st.mode.toString(8).padStart(4, "0")}); ${fix}`,
      });
    }
    temps += (await deps.fs.readDir(d)).filter((n) => n.includes(".mcpo-tmp-")).length;
  }
  if (temps) {
    r.warnings.push({
      check: "temp files",
      path: l.home,
      message: `${temps} temp file(s) left by interrupted writes (harmless; safe to delete)`,
    });
  }
}
