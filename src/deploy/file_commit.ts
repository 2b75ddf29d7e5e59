/**
 * The last steps of the write protocol, shared by deploy, rollback, restore and connect: back up the
 * pre-image, journal the deployment record (write-ahead), replace the file by compare-and-swap (or
 * remove it), append the record to the log, clear the journal. A crash at any step leaves the file old
 * or new, and the journal tells the next command which (deploy/pending.ts).
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { appendDeployment, type DeploymentRecord } from "../store/deployments.ts";
import { logSigner } from "../store/deployment_log.ts";
import { clearIntent, writeIntent } from "../store/journal.ts";
import { backup, compareAndSwap, type FileState, removeIfUnchanged } from "./config_file.ts";
import { settle } from "./pending.ts";
import { readSecretBook } from "../store/secrets.ts";
import { refuseSplittingLinks } from "./client_links.ts";

/** How a commit writes the file. */
export interface CommitOptions {
  /** Mode of the file when it is created. */
  newFileMode: number;
  /** The trusted keys, when the command has read them already (not read again for the log). */
  trusted?: Map<string, string>;
}

/** What a commit did besides writing. */
export interface Committed {
  /** The backup of the pre-image (null: the file did not exist). */
  backup: string | null;
  /** The file holds secret values and was readable by others: the mode it had (now without those bits). */
  narrowedFrom: number | null;
}

/** True when `bytes` hold a value (current or earlier) of a stored secret. */
async function holdsSecret(deps: Deps, bytes: Uint8Array): Promise<boolean> {
  const book = await readSecretBook(deps);
  const text = new TextDecoder().decode(bytes);
  return [...Object.values(book.values), ...Object.values(book.retired).flat()].some((v) =>
    v.length >= 4 && text.includes(v)
  );
}

/** Writes `after` (null: removes the file) over `before` and logs `rec`. A file that will hold secret
 * values is made private (0600 or narrower). The caller holds the file's lock `lockName`. */
export async function commitFileWrite(
  deps: Deps,
  lockName: string,
  before: FileState,
  after: Uint8Array | null,
  rec: DeploymentRecord,
  o: CommitOptions,
): Promise<Committed> {
  refuseSplittingLinks(before.realPath, before.links);
  // The key that signs the journal record and the log line: missing or untrusted, nothing is written.
  const signer = await logSigner(deps, o.trusted);
  const backupPath = await backup(deps, before);
  const secret = after !== null && await holdsSecret(deps, after);
  const narrowedFrom = secret && before.mode !== null && (before.mode & 0o077) !== 0 ? before.mode : null;
  await writeIntent(deps, lockName, rec, signer);
  try {
    if (after === null) await removeIfUnchanged(deps, before);
    else await compareAndSwap(deps, before, after, secret ? 0o600 : o.newFileMode, secret);
    await appendDeployment(deps, rec, signer, o.trusted);
  } catch (e) {
    if (e instanceof AppError && e.code === "concurrent_write") {
      // Refused before the rename: the file is someone else's version, nothing of ours happened.
      await clearIntent(deps, lockName).catch(() => {});
    } else {
      // Failed somewhere after the journal: keep the record if the file was replaced, drop it if not.
      await settle(deps, lockName).catch(() => {});
    }
    throw e;
  }
  // The deployment is complete; a journal left behind (clearing failed) is settled as logged next time.
  await clearIntent(deps, lockName).catch(() => {});
  return { backup: backupPath, narrowedFrom };
}
