/**
 * Authentication of the deployment logs. Each line appended is signed with the store's signing key and
 * carries its position (`seq`) and the SHA-256 of the previous signed line (`prev_sha256`): a hash
 * chain. After each append the signed head `deployments/<client>.head.json` (log_head.ts) names the
 * number of signed records and the hash of the last. So:
 *
 * - a record edited anywhere fails its own signature, and breaks the chain at the next line;
 * - lines removed at the end (down to an empty or deleted file) leave the log short of its head;
 * - lines removed, repeated or reordered in the middle break `seq` (checked on every read) and the chain;
 * - a line copied from another client's log names that client, under its signature.
 *
 * Every reader checks the tail: the head's signature, every `seq` in order, the line the head names,
 * and (signature and chain) any line after it. A record a command acts on (the managed set a deploy
 * plans with, the record a restore puts back) is authenticated on its own by `authenticate`: by the
 * chain when it lies within a few lines before one already vouched for (usually it is the line the head
 * names), else by one signature check; never a walk over the log. `verify --all` checks the whole chain.
 *
 * Crash consistency: the line is appended (fsynced) first, then the head is replaced atomically. A crash
 * between the two leaves the head behind: lines after the head are accepted when each is signed and
 * chained to the head's last hash (a forger cannot make one), and the next append writes a head over
 * them. A crash mid-append leaves a torn line, which never parses and is skipped; the next append starts
 * on a new line.
 *
 * Logs from before (no head, unsigned lines) are read as they are, unauthenticated. The first append
 * adopts such a log: it writes a head binding the unsigned part as it stands (size and hash), before
 * the first signed line; `verify --all` warns that those records were adopted unauthenticated. Once a
 * log has a signed line, a missing head is refused.
 *
 * Appends to one client's log are serialised by the lock `locks/log-<client>.lock`, taken inside the
 * client file's lock (never the other way round).
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex, sha256HexSync } from "../core/digest.ts";
import { sign, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import {
  type ChainFields,
  isSignedLine,
  parseLine,
  signedBody,
  signedBytes,
  signedLine,
} from "./deployment_lines.ts";
import type { DeploymentRecord } from "./deployments.ts";
import { loadSigner, type Signer, trustedKeys } from "./keys.ts";
import { layout } from "./layout.ts";
import { type LogHead, readLogHead, writeLogHead } from "./log_head.ts";

const dec = new TextDecoder();
const enc = new TextEncoder();

/** One record line of a log. */
interface Entry {
  rec: DeploymentRecord;
  line: string;
  lineNo: number;
  chain?: ChainFields;
  body?: string;
  /** Its signature (or the chain from it to the head) was checked. */
  verified?: boolean;
}

/** A log as read and checked: its records and what vouches for them. */
interface LogView {
  client: string;
  path: string;
  head: LogHead | null;
  bytes: Uint8Array;
  /** Unsigned records (a legacy log, or the adopted part), then the signed ones, in order. */
  legacy: Entry[];
  signed: Entry[];
  trusted: Map<string, string>;
  legacyOk?: Promise<boolean>;
}

/** What `parseLog` found besides the records. */
interface Parsed {
  legacy: Entry[];
  signed: Entry[];
  /** Line numbers that are not records (torn by a crash, or garbage): skipped. */
  torn: number[];
  problems: string[];
}

/** Records after one vouched for within which `authenticate` walks the chain instead of checking a
 * signature. */
const NEAR = 16;

/** SHA-256 of a line: in JavaScript when short (a WebCrypto digest is an async round trip). */
function lineSha(line: string): string | Promise<string> {
  return line.length <= 4096 ? sha256HexSync(line) : sha256Hex(line);
}

const entryOf = new WeakMap<DeploymentRecord, { view: LogView; entry: Entry }>();

function integrity(client: string, path: string, why: string): AppError {
  return new AppError("integrity_error", `The deployment log of "${client}" fails verification: ${why}`, {
    path,
    client_id: client,
    hint: "the log was altered, truncated or replaced; restore it (and its .head.json) from a trusted copy",
  });
}

/** Splits the log into lines, the first `legacyBytes` bytes (an adopted unsigned part) apart. */
function lines(bytes: Uint8Array, legacyBytes: number): { text: string; no: number; inPrefix: boolean }[] {
  const out: { text: string; no: number; inPrefix: boolean }[] = [];
  const prefix = legacyBytes > 0 ? dec.decode(bytes.subarray(0, legacyBytes)).split("\n") : [""];
  prefix.forEach((text, i) => out.push({ text, no: i + 1, inPrefix: true }));
  // The rest's first piece continues the prefix's last line (empty after a final line break).
  dec.decode(legacyBytes > 0 ? bytes.subarray(legacyBytes) : bytes).split("\n").forEach((text, i) =>
    out.push({ text, no: prefix.length + i, inPrefix: false })
  );
  return out;
}

/** Classifies every line. `signedFrom`: whether the log has a head (unsigned records after its adopted
 * part are then refused). */
function parseLog(client: string, bytes: Uint8Array, head: LogHead | null): Parsed {
  const p: Parsed = { legacy: [], signed: [], torn: [], problems: [] };
  for (const { text, no, inPrefix } of lines(bytes, head?.legacy?.bytes ?? 0)) {
    if (!text.trim()) continue;
    const got = parseLine(text);
    if (!got) {
      p.torn.push(no);
      continue;
    }
    const e: Entry = { rec: got.rec, line: text, lineNo: no, chain: got.chain, body: got.body };
    if (got.chain) {
      if (inPrefix) p.problems.push(`line ${no} is a signed record inside the part adopted unsigned`);
      else if (got.rec.client_id !== client) {
        p.problems.push(
          `line ${no} is a record of "${String(got.rec.client_id)}" (copied from another client's log)`,
        );
      } else p.signed.push(e);
    } else if (head && !inPrefix) {
      p.problems.push(`line ${no} is an unsigned record after the log was signed (added by hand?)`);
    } else if (got.rec.client_id === client) p.legacy.push(e);
  }
  return p;
}

/** Where a line is, for a message: its number, or (read from the tail) its place from the end. */
const at = (e: Entry) => (e.lineNo > 0 ? `line ${e.lineNo}` : `line ${-e.lineNo} from the end`);

async function signatureOk(e: Entry, trusted: Map<string, string>): Promise<boolean> {
  if (e.verified) return true;
  const pem = trusted.get(e.chain!.signing_key_id);
  if (!pem || !(await verify(pem, signedBytes(e.body!), e.chain!.signature))) return false;
  e.verified = true;
  return true;
}

/** The signed entries in order with any retry of a torn line resolved; adds a problem for each line out
 * of place. `first`: the seq the first entry must have (null: any, for a window on the tail). */
async function sequence(
  signed: Entry[],
  first: number | null,
  trusted: Map<string, string>,
  problems: string[],
): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const e of signed) {
    const prev = out.at(-1);
    const seq = e.chain!.seq;
    if (prev && seq === prev.chain!.seq) {
      // A torn line that happens to parse, then the retry of its append: only the retry is signed.
      if (e.line === prev.line) problems.push(`${at(e)} repeats ${at(prev)}`);
      else if (await signatureOk(prev, trusted)) {
        problems.push(`${at(prev)} and ${at(e)} both claim to be record #${seq}`);
      } else out[out.length - 1] = e;
      continue;
    }
    const want = prev ? prev.chain!.seq + 1 : first;
    if (want !== null && seq !== want) {
      problems.push(
        `${at(e)} is record #${seq} where #${want} belongs (records removed, repeated or reordered)`,
      );
    }
    out.push(e);
  }
  return out;
}

/** The log's tip (seq and hash of the last signed line) when `seq` (its signed records in order; the
 * whole log when `complete`, else its last ones) agrees with the head; null when more of the log is
 * needed. Lines after the one the head names must each be signed and chained to it. */
async function checkTail(
  head: LogHead,
  seq: Entry[],
  complete: boolean,
  trusted: Map<string, string>,
  problems: string[],
): Promise<{ seq: number; sha: string | null } | null> {
  const n = seq.length ? seq[seq.length - 1].chain!.seq : 0;
  if (n === 0 && !complete) return null;
  if (n < head.records) {
    problems.push(
      n === 0
        ? `it holds no signed record, but its signed head names ${head.records} (emptied, or records removed)`
        : `it ends at record #${n}, but its signed head names ${head.records} (records removed at the end)`,
    );
    return { seq: n, sha: null };
  }
  let tip = head.last_sha256;
  let from = 0;
  if (head.records > 0) {
    const i = seq.findIndex((e) => e.chain!.seq === head.records);
    if (i < 0) {
      if (!complete) return null;
      problems.push(`record #${head.records}, which its signed head names, is missing`);
      return { seq: n, sha: null };
    }
    if ((await lineSha(seq[i].line)) !== head.last_sha256) {
      problems.push(`record #${head.records} (${at(seq[i])}) is not the one its signed head names`);
      return { seq: n, sha: null };
    }
    seq[i].verified = true; // its hash is signed by the head
    from = i + 1;
  } else if (!complete) return null;
  for (const e of seq.slice(from)) {
    if (e.chain!.prev_sha256 !== tip || !(await signatureOk(e, trusted))) {
      problems.push(`record #${e.chain!.seq} (${at(e)}), after the signed head, is not signed and chained`);
      return { seq: n, sha: null };
    }
    tip = await lineSha(e.line);
  }
  return { seq: n, sha: tip };
}

/** The last check of each client's log: its exact text, its head's text and the key that verified it. */
const checkedLogs = new Map<
  string,
  { text: string; headText: string | null; pem: string | undefined; view: LogView }
>();

async function readBytes(deps: Deps, path: string): Promise<Uint8Array | null> {
  try {
    return await deps.fs.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Reads and checks a client's log (head first: the log only grows after it). `integrity_error` when
 * it is not the log its head signed. */
async function openOnce(deps: Deps, client: string, known?: Map<string, string>): Promise<LogView> {
  const l = layout(deps.home);
  const path = l.deployments(client);
  const hasHead = (await deps.fs.stat(l.deploymentsHead(client))) !== null;
  const trusted = hasHead ? known ?? await trustedKeys(deps) : new Map<string, string>();
  const got = hasHead ? await readLogHead(deps, client, trusted) : null;
  const bytes = await readBytes(deps, path);
  const text = bytes ? dec.decode(bytes) : "";
  const pem = got ? trusted.get(got.head.signing_key_id) : undefined;
  const memo = checkedLogs.get(client);
  if (memo && memo.text === text && memo.headText === (got?.text ?? null) && memo.pem === pem) {
    return memo.view;
  }
  const head = got?.head ?? null;
  const fail = (why: string) => integrity(client, path, why);
  if (head && bytes === null && (head.records > 0 || head.legacy)) {
    throw fail(`the log file is missing, but its signed head names ${head.records} signed record(s)`);
  }
  if (head?.legacy && (bytes?.length ?? 0) < head.legacy.bytes) {
    throw fail(`it is shorter than the part adopted on ${head.legacy.adopted_at} (emptied or cut)`);
  }
  const p = parseLog(client, bytes ?? new Uint8Array(), head);
  if (p.problems.length) throw fail(p.problems[0]);
  if (!head && p.signed.length) {
    throw fail(`it holds signed records but its signed head ("${l.deploymentsHead(client)}") is missing`);
  }
  const problems: string[] = [];
  const seq = await sequence(p.signed, 1, trusted, problems);
  if (head) await checkTail(head, seq, true, trusted, problems);
  if (problems.length) throw fail(problems[0]);
  const view: LogView = {
    client,
    path,
    head,
    bytes: bytes ?? new Uint8Array(),
    legacy: p.legacy,
    signed: seq,
    trusted,
  };
  for (const entry of [...p.legacy, ...seq]) entryOf.set(entry.rec, { view, entry });
  if (checkedLogs.size > 100) checkedLogs.clear();
  checkedLogs.set(client, { text, headText: got?.text ?? null, pem, view });
  return view;
}

/** Every record of a client's log, oldest first, after checking the log against its signed head (a
 * torn line is skipped; see the module comment). `integrity_error` for a forged or truncated log.
 * `trusted`: the trusted keys, when the command has read them already (one trust set per command). */
export async function readLog(
  deps: Deps,
  client: string,
  trusted?: Map<string, string>,
): Promise<DeploymentRecord[]> {
  let view: LogView;
  try {
    view = await openOnce(deps, client, trusted);
  } catch (e) {
    // A log adopted or appended to between our two reads: once more, head first.
    if (!(e instanceof AppError && e.code === "integrity_error")) throw e;
    view = await openOnce(deps, client, trusted);
  }
  return [...view.legacy, ...view.signed].map((e) => e.rec);
}

/** Throws `integrity_error` unless `rec` (read by readLog) is authentic: its signature, or the chain
 * from it to the signed head when its key is no longer trusted; a record of the part adopted unsigned
 * must still be as adopted. A record of a log never signed (an earlier version's) passes as it is. */
export async function authenticate(rec: DeploymentRecord): Promise<void> {
  const m = entryOf.get(rec);
  if (!m) {
    throw new AppError(
      "integrity_error",
      `Deployment "${rec.deployment_id}" was not read from its deployment log`,
      {
        deployment_id: rec.deployment_id,
      },
    );
  }
  const { view, entry } = m;
  const fail = (why: string) => integrity(view.client, view.path, `deployment ${rec.deployment_id}: ${why}`);
  if (!entry.chain) {
    const legacy = view.head?.legacy;
    if (!view.head) return;
    if (!legacy) throw fail("an unsigned record in a signed log");
    view.legacyOk ??= sha256Hex(view.bytes.subarray(0, legacy.bytes)).then((h) => h === legacy.sha256);
    if (!(await view.legacyOk)) {
      throw fail(`the part adopted unsigned on ${legacy.adopted_at} was altered since`);
    }
    return;
  }
  if (entry.verified) return;
  const i = view.signed.indexOf(entry);
  // A record near one already vouched for (the head names the last): a few hashes, no signature check.
  const near = view.signed.slice(i + 1, i + 1 + NEAR).some((e) => e.verified);
  if (!near && view.trusted.has(entry.chain.signing_key_id)) {
    if (!(await signatureOk(entry, view.trusted))) {
      throw fail("its signature does not match (the record was altered)");
    }
    return;
  }
  // Else (or signed by a key no longer trusted) the chain from it to a vouched-for record.
  let sha = await lineSha(entry.line);
  for (const next of view.signed.slice(i + 1)) {
    if (next.chain!.prev_sha256 !== sha) throw fail("the chain from it to the signed head is broken");
    if (next.verified) {
      entry.verified = true;
      return;
    }
    sha = await lineSha(next.line);
  }
  if (!view.head || sha !== view.head.last_sha256) {
    throw fail("the chain from it to the signed head is broken");
  }
  entry.verified = true;
}

/** The signing key, checked to be trusted (a head it signs must verify), before anything is written.
 * `trusted`: the trusted keys, when the command has read them already. */
export async function logSigner(deps: Deps, trusted?: Map<string, string>): Promise<Signer> {
  const signer = await loadSigner(deps);
  if (!(trusted ?? await trustedKeys(deps)).has(signer.keyId)) {
    throw new AppError(
      "untrusted_key",
      `The signing key ${signer.keyId} is not trusted: the deployment log it signs could not be verified`,
      { key_id: signer.keyId, hint: "run `mcp-orchestration init` to trust it, or restore keys/trusted/" },
    );
  }
  return signer;
}

/** Appends `rec` as the next signed line of its client's log, then signs the new head. A log without a
 * head is adopted first (see the module comment). Refuses (`integrity_error`) a log that does not end
 * as its head says. `known`: the trusted keys, when the command has read them already (its one trust set:
 * the head and the log are still read again under the log's lock). */
export async function appendSigned(
  deps: Deps,
  rec: DeploymentRecord,
  signer: Signer,
  known?: Map<string, string>,
): Promise<void> {
  const l = layout(deps.home);
  const client = rec.client_id;
  const path = l.deployments(client);
  await deps.fs.mkdir(l.deploymentsDir, 0o700);
  await deps.fs.mkdir(l.locksDir, 0o700);
  await withLock(deps.fs, l.lock(`log-${client}`), async () => {
    const trusted = known ?? await trustedKeys(deps);
    const got = await readLogHead(deps, client, trusted);
    let head: LogHead;
    let tip: { seq: number; sha: string | null; lastByte: number | null };
    if (got) {
      head = got.head;
      tip = await tailTip(deps, path, head, trusted);
    } else {
      const bytes = await readBytes(deps, path);
      const p = parseLog(client, bytes ?? new Uint8Array(), null);
      if (p.signed.length || dec.decode(bytes ?? new Uint8Array()).split("\n").some(isSignedLine)) {
        throw integrity(client, path, `it holds signed records but its signed head is missing`);
      }
      const legacy = bytes?.length
        ? {
          bytes: bytes.length,
          records: p.legacy.length,
          sha256: await sha256Hex(bytes),
          adopted_at: deps.now().toISOString(),
        }
        : null;
      head = await writeLogHead(deps, signer, {
        client_id: client,
        records: 0,
        last_sha256: legacy?.sha256 ?? null,
        legacy,
      }, trusted);
      tip = { seq: 0, sha: head.last_sha256, lastByte: bytes?.at(-1) ?? null };
    }
    const body = signedBody(rec, { signing_key_id: signer.keyId, seq: tip.seq + 1, prev_sha256: tip.sha });
    const line = signedLine(await sign(signer.privatePem, signedBytes(body)), body);
    // A torn last line (a crash or a full disk mid-append) is closed first, so it never swallows this one.
    const torn = tip.lastByte !== null && tip.lastByte !== 0x0a;
    await deps.fs.writeFile(path, enc.encode((torn ? "\n" : "") + line + "\n"), {
      append: true,
      sync: true,
      mode: 0o600,
    });
    await writeLogHead(deps, signer, {
      client_id: client,
      records: tip.seq + 1,
      last_sha256: await lineSha(line),
      legacy: head.legacy,
    }, trusted);
  });
}

/** The tip of a log with a head, from its tail: a window of the last bytes, grown until it reaches the
 * line the head names. */
async function tailTip(
  deps: Deps,
  path: string,
  head: LogHead,
  trusted: Map<string, string>,
): Promise<{ seq: number; sha: string | null; lastByte: number | null }> {
  const client = head.client_id;
  const st = await deps.fs.stat(path);
  const legacyBytes = head.legacy?.bytes ?? 0;
  if (!st) {
    if (head.records > 0 || head.legacy) throw integrity(client, path, "the log file is missing");
    return { seq: 0, sha: head.last_sha256, lastByte: null };
  }
  if (st.size < legacyBytes) throw integrity(client, path, "it is shorter than the part adopted unsigned");
  for (let want = 1 << 16;; want *= 4) {
    const chunk = await deps.fs.readTail(path, Math.max(1, Math.min(want, st.size - legacyBytes)));
    const start = st.size - chunk.length;
    const complete = start <= legacyBytes;
    const pieces = dec.decode(chunk.subarray(Math.max(0, legacyBytes - start))).split("\n");
    if (!complete) pieces.shift(); // maybe the end of a line that starts before the window
    const problems: string[] = [];
    const signed: Entry[] = [];
    pieces.forEach((text, i) => {
      const got = text.trim() ? parseLine(text) : null;
      const lineNo = i - pieces.length + (pieces.at(-1) === "" ? 1 : 0);
      if (!got) return;
      if (!got.chain) {
        problems.push(`line ${-lineNo} from the end is an unsigned record after the log was signed`);
      } else if (got.rec.client_id !== client) {
        problems.push(`line ${-lineNo} from the end is a record of "${String(got.rec.client_id)}"`);
      } else signed.push({ rec: got.rec, line: text, lineNo, chain: got.chain, body: got.body });
    });
    const seq = await sequence(signed, complete ? 1 : null, trusted, problems);
    const tip = problems.length ? null : await checkTail(head, seq, complete, trusted, problems);
    if (problems.length) throw integrity(client, path, `${problems[0]} (found appending)`);
    if (tip) return { seq: tip.seq, sha: tip.sha, lastByte: chunk.at(-1) ?? null };
    if (complete) throw integrity(client, path, "it does not reach its signed head (found appending)");
  }
}

/** What `verify --all` found in one client's log. */
export interface LogCheck {
  path: string;
  records: DeploymentRecord[];
  problems: string[];
  warnings: string[];
}

/** The whole log checked (verify --all): the head, every line's place, the whole hash chain, the part
 * adopted unsigned. Writes nothing. */
export async function checkLog(deps: Deps, client: string, trusted: Map<string, string>): Promise<LogCheck> {
  const l = layout(deps.home);
  const path = l.deployments(client);
  const out: LogCheck = { path, records: [], problems: [], warnings: [] };
  let head: LogHead | null = null;
  try {
    head = (await readLogHead(deps, client, trusted))?.head ?? null;
  } catch (e) {
    out.problems.push((e as Error).message);
    return out;
  }
  const bytes = await readBytes(deps, path);
  if (head && bytes === null && (head.records > 0 || head.legacy)) {
    out.problems.push(
      `the deployment log "${path}" is missing, but its signed head names ${head.records} signed record(s)`,
    );
    return out;
  }
  const all = bytes ?? new Uint8Array();
  const legacy = head?.legacy ?? null;
  if (legacy && all.length < legacy.bytes) {
    out.problems.push(`"${path}" is shorter than the part adopted on ${legacy.adopted_at} (emptied or cut)`);
    return out;
  }
  const p = parseLog(client, all, head);
  for (const n of p.torn) out.warnings.push(`line ${n} is not a record (torn by a crash): skipped`);
  out.problems.push(...p.problems);
  out.records = [...p.legacy, ...p.signed].map((e) => e.rec);
  if (!head) {
    if (p.signed.length) {
      out.problems.push(`it holds signed records but its signed head is missing (deleted?)`);
    } else if (p.legacy.length) {
      out.warnings.push(
        `its ${p.legacy.length} record(s) were written before deployment logs were signed: not authenticated; the next deployment to "${client}" adopts them as they are`,
      );
    }
    return out;
  }
  if (legacy) {
    if ((await sha256Hex(all.subarray(0, legacy.bytes))) !== legacy.sha256) {
      out.problems.push(`the part adopted unsigned on ${legacy.adopted_at} was altered since`);
    } else {
      out.warnings.push(
        `its first ${legacy.records} record(s) were adopted unauthenticated on ${legacy.adopted_at} (written before deployment logs were signed)`,
      );
    }
  }
  const seq = await sequence(p.signed, 1, trusted, out.problems);
  let prev = legacy?.sha256 ?? null;
  for (const e of seq) {
    if (e.chain!.prev_sha256 !== prev) {
      out.problems.push(
        `record #${
          e.chain!.seq
        } (line ${e.lineNo}) is not chained to the record before it (a line removed, reordered or edited)`,
      );
    }
    prev = await lineSha(e.line);
  }
  const problems: string[] = [];
  const tip = await checkTail(head, seq, true, trusted, problems);
  out.problems.push(...problems);
  const behind = (tip?.seq ?? 0) - head.records;
  if (!problems.length && behind > 0) {
    out.warnings.push(
      `its signed head is ${behind} record(s) behind (an append was interrupted): the next deployment to "${client}" rewrites it`,
    );
  }
  return out;
}
