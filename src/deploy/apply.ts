/**
 * The deploy engine's write protocol, shared by deploy and rollback: render an artifact for the target
 * client and apply it (lock, read, plan the minimal edit, drift check, backup, compare-and-swap write,
 * log).
 */
import { AppError } from "../core/errors.ts";
import { defineLazyLoaded } from "../core/lazy.ts";
import { checkEntryKeys, checkEntryName } from "../core/payload.ts";
import { checkServerNameFor } from "../clients/server_names.ts";
import { redactSecretAssignments, redactText } from "../core/redact.ts";
import { makeRedactor } from "./redact.ts";
import { sha256Hex } from "../core/digest.ts";
import { dirname } from "../platform/path.ts";
import { refsIn } from "../core/neutral.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import type { Artifact } from "../store/artifacts.ts";
import {
  appendDeployment,
  authenticate,
  type DeploymentRecord,
  newDeploymentId,
  readDeployments,
} from "../store/deployments.ts";
import { readSecrets, secretValue } from "../store/secrets.ts";
import { secretHashes } from "../store/secret_hashes.ts";
import { canonicalJson } from "../core/canonical_json.ts";
import { namingFile, readConfigFile } from "./config_file.ts";
import { commitFileWrite } from "./file_commit.ts";
import { withConfigLock } from "./pending.ts";
import type { IndexWitness } from "./deploy_artifact.ts";
import { checkLogWitness, contradiction } from "./index_witness.ts";
import { type Conflict, planEdit, withNameList } from "./deploy_plan.ts";
import type { Target } from "./deploy_target.ts";
import { findShadows, type Shadow, shadowNames } from "./shadowing.ts";

export interface DeployResult {
  status: "deployed" | "unchanged" | "dry_run";
  client_id: string;
  profile_id: string;
  artifact_id: string;
  config_path: string;
  scope: Target["scope"];
  deployment_id: string | null;
  changes: { added: string[]; updated: string[]; removed: string[]; unchanged: string[] };
  backup: string | null;
  restart_hint: string;
  warnings: string[];
  /** How secrets were written: given with --secrets, or remembered from the last deploy to this file. */
  secrets_mode: "reference" | "literal";
  /** The variables the client must have in its environment for the servers written as references
   * (never a value): whether each is set in this program's environment now, and which servers use it. */
  required_env: RequiredEnv[];
  /** Servers of the artifact switched off (`disable-server`): written with the client's own switch. */
  disabled: string[];
  /** Disabled servers left out of the file: the client has no switch for them. */
  left_out: string[];
  /** The exact change to the file (secret values redacted); always with --dry-run. */
  diff?: string;
  /** Present (false) when the client does not look installed: no user file and no folder for it. */
  client_installed?: false;
  /** A dry run over drift: a deploy would stop with drift_detected; the diff is what --force writes. */
  needs_force?: boolean;
  /** With needs_force: the conflicts, as drift_detected lists them. */
  conflicts?: Conflict[];
  /** Entries of ours that another file the client merges overrides (it loads that one): a deploy stops
   * with `shadowed` unless forced; present when there are some. */
  shadowed?: Shadow[];
}

export interface RequiredEnv {
  name: string;
  set: boolean;
  servers: string[];
}

export function checkSecretsMode(m: unknown): "reference" | "literal" {
  if (m === undefined) return "reference";
  if (m === "reference" || m === "literal") return m;
  throw new AppError(
    "invalid_input",
    `Unknown --secrets mode ${JSON.stringify(m)}: use reference or literal`,
  );
}

export interface ApplyInput {
  client: ClientRecord;
  profile: string;
  target: Target;
  artifact: Artifact;
  dryRun: boolean;
  force: boolean;
  /** undefined: as the last deployment to this file wrote them (reference for a first deploy). */
  secrets: "reference" | "literal" | undefined;
  action: DeploymentRecord["action"];
  restoredFrom?: string;
  /** The artifact's version in this client/profile's index (recorded as a witness), when listed there. */
  indexVersion?: number | null;
  /** The verified index of client/profile, read before the lock: refused when the deployment log read
   * under the lock saw a version it lacks, and the index read again (a publish and a deploy of it may
   * have landed in between) lacks it too. */
  witness?: IndexWitness;
  /** The trusted keys the artifact was verified with, when read already: the deployment log is read,
   * and its signing key checked, with them (one read of the keys per deploy). */
  trusted?: Map<string, string>;
}

/** Renders every server of the artifact for the client; reports secrets left as references. A client
 * that cannot expand a reference (no syntax: Claude Desktop, Cline...) gets each value from secrets.json;
 * one with no stored value is refused (`validation_failed`) rather than written as the text `${VAR}`. */
export function renderAll(
  deps: Deps,
  a: ApplyInput,
  secrets: Record<string, string>,
  mode: "reference" | "literal" = a.secrets ?? "reference",
) {
  const desired: Record<string, NativeEntry> = {};
  const warnings: string[] = [];
  /** The stored values written into the file, by name. */
  const written: Record<string, string> = {};
  const needs = new Map<string, string[]>();
  const expandsDefaults = a.client.launch.expand.some((r) => r.syntaxes.includes("dollar-brace-default"));
  const missing: { server: string; variables: string[] }[] = [];
  const disabled: string[] = [];
  const leftOut: string[] = [];
  for (const [name, entry] of Object.entries(a.artifact.payload.mcpServers)) {
    // Before the lock and any write: a name or key the client cannot read would cost it servers.
    checkServerNameFor(a.client, checkEntryName(name));
    checkEntryKeys(name, entry);
    if ((entry as { disabled?: unknown }).disabled === true) {
      if (a.client.disabledSwitch.kind === "none") {
        leftOut.push(name);
        continue;
      }
      disabled.push(name);
    }
    const resolved = new Set<string>();
    const ctx = {
      os: deps.os,
      secrets: mode,
      resolveSecret: (n: string) => {
        const v = secretValue(secrets, n);
        if (v !== undefined) resolved.add(n);
        return v;
      },
    };
    desired[name] = a.client.render(name, entry, ctx);
    // A reference to a variable the entry defines itself (mcp-remote's header variables) is meant to stay.
    // `API_TOKEN: "${API_TOKEN}"` is not one: the client must supply that one.
    const envOf = (desired[name].env ?? desired[name].envs ?? {}) as Record<string, unknown>;
    const own = Object.keys(envOf).filter((k) => !(typeof envOf[k] === "string" && refersTo(envOf[k], k)));
    const rendered = JSON.stringify(desired[name]);
    const left = [
      ...new Set(
        refsIn(JSON.stringify(desired[name])).filter((v) => !Object.hasOwn(secrets, v) && !own.includes(v)),
      ),
    ];
    for (const n of resolved) written[n] = secrets[n];
    for (const v of new Set(refsIn(JSON.stringify(entry)))) {
      if (resolved.has(v) || own.includes(v)) continue;
      // The client's own expansion rules (launch data): a `${VAR:-default}` it expands falls back to the
      // default, so VAR is not something it must have.
      if (expandsDefaults && rendered.includes("${" + v + ":-") && !rendered.includes("${" + v + "}")) {
        continue;
      }
      needs.set(v, [...(needs.get(v) ?? []), name]);
    }
    if (left.length && a.client.secretSyntax === "none") missing.push({ server: name, variables: left });
    else if (a.client.secretSyntax !== "none" && mode === "literal" && left.length) {
      warnings.push(`Server "${name}": no stored value for ${left.join(", ")}; written as a reference`);
    }
  }
  if (leftOut.length) {
    warnings.push(
      `${a.client.displayName} has no switch to keep a server in its file disabled: ${leftOut.join(", ")} ${
        leftOut.length === 1 ? "is" : "are"
      } left out of the file (enable-server, publish and deploy bring ${
        leftOut.length === 1 ? "it" : "them"
      } back)`,
    );
  }
  if (missing.length) throw unexpandable(a, missing);
  const envNames = deps.envNames ?? new Set(Object.keys(deps.env).filter((k) => deps.env[k] !== undefined));
  const required_env: RequiredEnv[] = [...needs].sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0).map((
    [n, servers],
  ) => ({ name: n, set: envNames.has(n), servers }));
  return { desired, warnings, written, required_env, disabled, leftOut };
}

/** True when `value` is a reference to the variable `name` itself, in any client's form. */
function refersTo(value: string, name: string): boolean {
  if (value === "$" + name || value === "${env:" + name + "}" || value === "${" + name + "}") return true;
  return value.startsWith("${" + name + ":-") && value.endsWith("}") && !value.slice(0, -1).includes("}");
}

/** A client that cannot expand `${VAR}` would get it as text: refused, naming each variable. */
function unexpandable(a: ApplyInput, missing: { server: string; variables: string[] }[]): AppError {
  const vars = [...new Set(missing.flatMap((m) => m.variables))];
  const list = vars.join(", ");
  return new AppError(
    "validation_failed",
    `Cannot deploy artifact "${
      a.artifact.artifact_id.slice(0, 12)
    }…" to "${a.client.id}": it cannot expand references and secrets.json holds no value for ${list}`,
    {
      client_id: a.client.id,
      variables: vars,
      servers: missing,
      hint:
        `store the value first (add-server ${missing[0].server} ... --env ${vars[0]}=VALUE --replace, or ` +
        `import-config from a file that holds it), or deploy to a client that reads references from its ` +
        `environment (claude-code, cursor, codex, gemini-cli...)`,
    },
  );
}

/** Shared by deploy and rollback: the write protocol for one artifact into one file. */
export async function applyArtifact(deps: Deps, a: ApplyInput): Promise<DeployResult> {
  const secrets = await readSecrets(deps);
  const secretValues = Object.values(secrets);
  const first = renderAll(deps, a, secrets);
  return await withConfigLock(deps, a.target.path, async (lockName) => {
    const before = await readConfigFile(deps, a.target.path);
    const all = await readDeployments(deps, a.client.id, a.trusted);
    if (a.witness && contradiction(all, a.profile, a.witness.index)) {
      checkLogWitness(all, a.client.id, a.profile, await a.witness.reread());
    }
    const history = all.filter((r) => r.config_path === a.target.path);
    const last = history.at(-1) ?? null;
    // The records this deploy acts on (the managed set it may remove entries of, the names it must keep)
    // are checked against their signatures; the log's tail was checked when it was read.
    for (const r of history) if (r === last || r.pinned?.length) await authenticate(r);
    // A plain deploy keeps the mode the last deploy to this file chose (--secrets literal stays literal).
    const mode = a.secrets ?? last?.secrets ?? "reference";
    const { desired, warnings, written, required_env, disabled, leftOut } =
      mode === (a.secrets ?? "reference") ? first : renderAll(deps, a, secrets, mode);
    const pinned = [...new Set(history.flatMap((r) => r.pinned ?? []))];
    const plan = await planEdit({
      codec: await loadCodec(a.client.format),
      loc: a.client.servers,
      text: before.text,
      desired,
      managed: last?.managed ?? {},
      pinned,
      // A dry run shows the change a forced deploy would make, and says it needs --force.
      force: a.force || a.dryRun,
      fileExists: before.bytes !== null,
      newFile: a.client.newFile,
    }).catch((e) => {
      throw namingFile(e, a.target.path);
    });
    if (plan.conflicts.length > 0 && !a.force && !a.dryRun) throw driftError(a, plan.conflicts, secrets);
    // Another file the client ranks above this one holds a name we write (opencode.jsonc, a local scope).
    const shadowing = await findShadows(deps, a.client, a.target, desired, {
      path: a.target.path,
      text: before.text,
    });
    const shadowed = shadowing.shadows;
    if (shadowed.length > 0 && !a.force && !a.dryRun) throw shadowError(a, shadowed);
    const needsForce = (plan.conflicts.length > 0 || shadowed.length > 0) && !a.force;
    if (a.client.disabledSwitch.kind === "list") {
      // The client's list of switched-off names (Gemini CLI's mcp.excluded): ours in it follow the
      // artifact, every other name stays as the user wrote it.
      plan.newText = withNameList(
        await loadCodec(a.client.format),
        plan.newText,
        a.client.disabledSwitch.path,
        new Set([...Object.keys(desired), ...Object.keys(last?.managed ?? {})]),
        disabled,
      );
    }
    const changes = {
      added: plan.added,
      updated: plan.updated,
      removed: plan.removed,
      unchanged: plan.unchanged,
    };
    // From the bytes on disk to the bytes written (a BOM included), so that it applies to the file.
    // jsdiff is loaded only where a diff is shown (~5 ms of start-up): not by a real deploy's text output.
    const diff = ({ unifiedDiff }: TextDiff) =>
      redactSecretAssignments(
        redactText(unifiedDiff(exactText(before.bytes), plan.newText, a.target.path), secretValues),
      );
    // The client does not look installed (list-clients' rule: neither its user file nor that file's
    // folder exists): the deploy goes ahead, and says so.
    const notInstalled = before.bytes === null && a.target.scope === "user" &&
      !(await deps.fs.stat(dirname(a.target.path)).catch(() => null));
    if (notInstalled) {
      warnings.push(
        `${a.client.displayName} does not look installed here (no folder "${
          dirname(a.target.path)
        }"): its config file is created anyway, for when you install it`,
      );
    }
    warnings.push(...shadowing.warnings);
    if (shadowed.length && a.force) {
      warnings.push(
        `${a.dryRun ? "would be written" : "written"} with --force, but ${a.client.displayName} loads ` +
          `another file's entry for ${shadowNames(shadowed)}`,
      );
    }
    const base = {
      client_id: a.client.id,
      profile_id: a.profile,
      artifact_id: a.artifact.artifact_id,
      config_path: a.target.path,
      scope: a.target.scope,
      changes,
      restart_hint: a.client.restartHint,
      warnings,
      secrets_mode: mode,
      required_env,
      ...(notInstalled ? { client_installed: false as const } : {}),
      disabled,
      left_out: leftOut,
      ...(shadowed.length ? { shadowed } : {}),
    };
    if (a.dryRun) {
      if (needsForce && plan.conflicts.length) {
        warnings.push(
          `a deploy stops here with drift_detected: ${conflictNames(plan.conflicts)}; ` +
            "this diff is what --force would write",
        );
      }
      if (needsForce && shadowed.length) {
        warnings.push(
          `a deploy stops here with shadowed: ${shadowNames(shadowed)} ${
            shadowed.length === 1 ? "wins" : "win"
          } over what it writes; this diff is what --force would write`,
        );
      }
      return {
        ...base,
        status: "dry_run",
        deployment_id: null,
        backup: null,
        diff: diff(await loadTextDiff()),
        ...(needsForce ? { needs_force: true, conflicts: shownConflicts(plan.conflicts, secrets) } : {}),
      };
    }
    const textChanged = plan.newText !== before.text;
    const sameAsLast = last && last.artifact_id === a.artifact.artifact_id && last.profile_id === a.profile;
    const hashes = await secretHashes(deps, written, true);
    const sameSecrets = canonicalJson(last?.secret_hashes ?? {}) === canonicalJson(hashes) &&
      last?.secrets === mode;
    if (!textChanged && sameAsLast && sameSecrets && before.bytes) {
      return { ...base, status: "unchanged", deployment_id: null, backup: null };
    }
    let backupPath: string | null = null;
    const after = new TextEncoder().encode(plan.newText);
    const rec: DeploymentRecord = {
      deployment_id: newDeploymentId(deps.now()),
      action: a.action,
      client_id: a.client.id,
      profile_id: a.profile,
      artifact_id: a.artifact.artifact_id,
      config_path: a.target.path,
      scope: a.target.scope,
      deployed_at: deps.now().toISOString(),
      managed: plan.managed,
      changes: { added: plan.added, updated: plan.updated, removed: plan.removed },
      pre_image_sha256: before.sha256,
      post_image_sha256: await sha256Hex(after),
      forced: a.force && plan.conflicts.length > 0,
      secrets: mode,
      ...(Object.keys(hashes).length ? { secret_hashes: hashes } : {}),
      ...(a.restoredFrom ? { restored_from: a.restoredFrom } : {}),
      ...(a.indexVersion ? { index_version: a.indexVersion } : {}),
    };
    if (textChanged || !before.bytes) {
      const done = await commitFileWrite(deps, lockName, before, after, rec, {
        newFileMode: 0o644,
        trusted: a.trusted,
      });
      backupPath = done.backup;
      if (done.narrowedFrom !== null) {
        const was = done.narrowedFrom.toString(8).padStart(4, "0");
        warnings.push(
          `"${a.target.path}" now holds secret values: its mode was narrowed from ${was} so only you can read it`,
        );
      }
    } else {
      await appendDeployment(deps, rec, undefined, a.trusted);
    }
    // The diff of a real deploy is computed when it is read (JSON output, the MCP tool, after ready()):
    // the text output does not show it, and for a 500-server deploy it is ~7 ms of work.
    return defineLazyLoaded(
      { ...base, status: "deployed" as const, deployment_id: rec.deployment_id, backup: backupPath },
      "diff",
      loadTextDiff,
      diff,
    );
  });
}

type TextDiff = typeof import("../core/text_diff.ts");
/** By URL, so that `deno run` does not resolve jsdiff when it loads this module (see main.ts's `load`);
 * `deno task compile` embeds it with --include (scripts/compile.ts). */
const load = <T>(path: string): Promise<T> => import(new URL(path, import.meta.url).href);
const loadTextDiff = () => load<typeof import("../core/text_diff.ts")>("../core/text_diff.ts");

const withBom = new TextDecoder("utf-8", { ignoreBOM: true });
/** The file's text with its byte order mark, if it has one ("" for no file). */
const exactText = (bytes: Uint8Array | null) => bytes ? withBom.decode(bytes) : "";

/** The conflicts as a drift report shows them: secret values redacted. */
function shownConflicts(conflicts: Conflict[], secrets: Record<string, string>): Conflict[] {
  const redact = makeRedactor(secrets);
  return conflicts.map((c) => ({
    ...c,
    differences: c.differences.map((d) => ({
      path: d.path,
      old: redact(d.path, d.old),
      new: redact(d.path, d.new),
    })),
  }));
}

const CONFLICT_WORDS = {
  unmanaged: "not deployed by us",
  edited: "edited by hand",
  deleted: "deleted by hand",
} as const;

const conflictNames = (conflicts: Conflict[]) =>
  conflicts.map((c) => `"${c.server}" (${CONFLICT_WORDS[c.kind]})`).join(", ");

function shadowError(a: ApplyInput, shadowed: Shadow[]): AppError {
  const files = [...new Set(shadowed.map((s) => s.file))];
  return new AppError(
    "shadowed",
    `Cannot deploy artifact "${
      a.artifact.artifact_id.slice(0, 12)
    }…" to "${a.client.id}": ${a.client.displayName} would load another file's entry instead of ours for ${
      shadowNames(shadowed)
    }; use --force to write anyway`,
    {
      config_path: a.target.path,
      shadowed,
      hint: `remove or rename ${shadowed.length === 1 ? "that entry" : "those entries"} in ${
        files.map((f) => `"${f}"`).join(", ")
      } (or import-config, then deploy), or run with --force to write ours anyway (the other one still wins)`,
    },
  );
}

function driftError(a: ApplyInput, conflicts: Conflict[], secrets: Record<string, string>): AppError {
  const names = conflicts.map((c) => `"${c.server}" (${CONFLICT_WORDS[c.kind]})`);
  return new AppError(
    "drift_detected",
    `Cannot deploy artifact "${a.artifact.artifact_id.slice(0, 12)}…" to "${a.client.id}": ${
      names.join(", ")
    } ${names.length === 1 ? "differs" : "differ"} from what we would write; use --force to overwrite`,
    {
      config_path: a.target.path,
      conflicts: shownConflicts(conflicts, secrets),
      hint: "run with --dry-run to see the change, or --force to overwrite",
    },
  );
}
