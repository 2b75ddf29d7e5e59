/**
 * docs/reference/errors.md: exit codes and error codes from the one table in src/core/errors.ts
 * (EXIT_CODES), and the issue codes validate-config reports (read from src/core/validation.ts). Every
 * code needs a line in WHEN / ISSUES below: a new code without one stops the generator, so the page
 * cannot silently miss it.
 */
import { EXIT_CODES } from "../../src/core/errors.ts";

/** What each exit code means. */
const EXIT_MEANING: Record<number, string> = {
  0: "success",
  1: "anything else (a bug, an I/O failure)",
  2: "usage or invalid input",
  3: "something named does not exist",
  4: "validation failed",
  5: "signature or integrity failure",
  6: "drift or conflict: the target changed, or a name is taken",
  7: "a file cannot be read or parsed",
  8: "a path outside the allowed places",
  9: "`doctor`: at least one server it checked failed (the report says which and why)",
};

/** When each error code is raised. */
const WHEN: Record<string, string> = {
  usage:
    "The command line is wrong: unknown command or option, a missing argument or value, `--format` other than `text`/`json`.",
  invalid_input:
    "A value is well-formed but not acceptable: a client or profile name outside `^[a-z0-9][a-z0-9._-]{0,63}$`, an unknown `--scope` or `--secrets` mode, a file without servers, an ambiguous id prefix, `--to` together with `--artifact-id`, a client without a project file.",
  client_not_found: "Unknown client id; `details.known` lists the supported ids.",
  profile_not_found:
    "Nothing was published for that client/profile (`get-config`, `verify --client`, `deploy-config`), or nothing published or deployed (`status --client C --profile P`).",
  artifact_not_found:
    "No artifact with that id or prefix in `artifacts/`, or the artifact was never published for the client/profile named.",
  server_not_found:
    "Not in the catalogue (`details.suggestions` holds close ids), or not in the draft (`remove-server`, `set-server`, `disable-server`, `enable-server`).",
  deployment_not_found:
    "No deployment with that id, nothing deployed to the client yet, or no earlier artifact to roll back to.",
  draft_not_found: "A draft that does not exist.",
  key_not_found:
    "No signing key in `keys/`: run `init` first (also before `trust add`); or `trust remove` names no trusted key (by trust name or key id).",
  remote_not_found:
    "`push`, `pull`, `sync`, `remote remove`: no remote of that name (`details.known` lists them), none configured, or several and none named.",
  remote_invalid:
    "`pull`/`sync`: the remote holds something that is not a profile repository: a path outside the layout (`..`, absolute, unknown), a symbolic link or other non-file entry, a file over the size limit, malformed JSON. Nothing was written.",
  rollback_refused:
    "`pull`/`sync`: the remote went backwards: its history no longer contains the commit last pulled or pushed (rewritten, force-pushed), or a profile's head is older than the version already pulled. Nothing was written. (`push` onto such a remote is `push_rejected`: it never builds on a history it did not verify.)",
  push_rejected:
    "`push`: the remote holds a newer version of the profile, or a history this profile does not extend (publish there, pull, or pick another profile name), or the remote moved during the push, or its history was rewritten since the last pull (`pull` then says `rollback_refused`). Nothing is ever forced.",
  git_failed:
    "`git` could not run (not installed) or failed: a remote that cannot be reached, refused credentials (git never prompts), a push the remote refused. `details.command` names the git command.",
  backup_not_found: "`rollback --restore` needs a pre-image that is missing from `backups/`.",
  validation_failed:
    "`publish-config` refused a draft that does not validate; `details` lists every error (`validate-config` itself exits 4 with its report).",
  signature_invalid: "A payload or record signature does not verify with the trusted key it names.",
  integrity_error:
    "A state file was altered or is malformed: an artifact whose bytes were re-encoded, whose id is not the hash of its payload or whose fields differ; a state file that is not JSON; a backup whose bytes no longer match its hash. `verify --all` reports every problem it found in one `integrity_error` (`details.problems`).",
  untrusted_key:
    "An artifact signed by a key that is not in `keys/trusted/` (never trusted, or removed with `trust remove`; `verify` also names its trust name).",
  index_invalid:
    "A signed profile index fails verification (altered, signed by an untrusted key, naming another client or profile, versions not consecutive), or no signed index lists the artifact (`deploy-config --artifact-id`, `verify ID`).",
  shadowed:
    "A deploy or rollback would write an entry that another file the client merges overrides: a same-name entry in a file it ranks higher (opencode's `opencode.jsonc` over `opencode.json`, Claude Code's local scope and `.mcp.json` over the user scope, a VS Code workspace file over the user one; `details.shadowed` names each server and file). `--force` writes anyway (the other entry still wins); `--dry-run` shows it and exits 6.",
  drift_detected:
    "A deploy, rollback or `connect` found a same-name entry it did not write, or one of its entries edited by hand (`details.conflicts`, secret values as `***`); or `rollback --restore` on a file changed since that deployment. `--force` overwrites entries (not files changed since a restore point).",
  conflict:
    "`trust remove` of this machine's own signing key without `--force` (its publishes would stop verifying).",
  concurrent_write:
    "The config file changed between our read and our write (another program wrote it): nothing was written.",
  lock_timeout: "Another process holds the lock of the state folder or of the config file.",
  already_exists:
    "`add-server`: a server of that name is already in the draft (use `--replace` or `--name`); `trust add`: the name already names another trusted key.",
  config_parse_error:
    "The client's config file does not parse (JSON, JSONC, YAML, TOML, or not UTF-8, or it starts with two byte order marks): nothing is written.",
  unreadable_file:
    "A file named on the command line (or a client config) cannot be read; a client config path that is a symbolic link leading to no file (dangling, or a loop), there or at a folder above it.",
  path_not_allowed:
    "A path outside the allowed places (the state folder, the known client config files, the files named on the command line); a path with a `..` segment or a NUL byte; a symlinked config file whose real target lies outside the allowed places; a client config file that is a file of the state folder under another name (a hard link), or, for a write, any file with more than one hard link.",
  check_failed:
    "`doctor` (and `check_server_health`, whose result says it in `summary.failed`) checked servers and at least one failed: the report (not an error document) lists each server's `cause` (`command_not_found`, `not_executable`, `exited`, `package_fetch_failed`, `bad_output`, `timeout`, `protocol_error`, `missing_env`, `connection_failed`, `tls_error`, `auth_required`, `invalid_entry`; `disabled` servers are skipped), the evidence and a fix.",
  internal_error: "An unexpected failure (a bug): please report it with the message.",
  io_error:
    "An operating-system I/O failure; or `registry sync` could not read the registry (unreachable, an HTTP error or redirect, a page that is not the API's JSON): what was read before stays, and the next sync reads the same changes again.",
};

/** validate-config issue codes: severity and when. */
const ISSUES: Record<string, { severity: string; when: string }[]> = {
  EMPTY_CONFIG: [{ severity: "error", when: "The draft has no servers." }],
  TOO_MANY_SERVERS: [{ severity: "error", when: "More than 50 servers." }],
  UNKNOWN_CLIENT: [{ severity: "error", when: "The client id is not a supported client." }],
  MISSING_COMMAND: [{
    severity: "error",
    when: "A local server without `command` (or an entry that is neither local nor remote).",
  }],
  INVALID_ARGS_TYPE: [{ severity: "error", when: "`args` is not a list of strings." }],
  INVALID_ENV_TYPE: [{ severity: "error", when: "`env` or `headers` is not an object of strings." }],
  TOO_MANY_ENV_VARS: [{ severity: "error", when: "More than 100 env vars in one server." }],
  INVALID_URL: [{ severity: "error", when: "A remote server's URL is not http(s)." }],
  MISSING_ENV: [{
    severity: "error",
    when: "A required env var with no value and no stored secret, or given empty.",
  }],
  MISSING_PARAM: [{
    severity: "error",
    when: "A required catalogue parameter was not given, or given empty.",
  }],
  INVALID_SERVER_NAME: [{
    severity: "error",
    when:
      "A server name the client's own reader refuses or drops (Claude Code: `constructor`; Codex: outside `^[a-zA-Z0-9_-]+$`; every client: `__proto__`).",
  }],
  INVALID_ENV_NAME: [{
    severity: "error",
    when:
      "An `env` or `headers` key every JavaScript object has (`constructor`, `__proto__`, `toString`...).",
  }],
  PLAINTEXT_SECRET: [
    {
      severity: "error",
      when:
        "A literal secret: a known token shape, a literal value under a secret name (`*_TOKEN`, `Authorization`...), a secret flag's value in `args` (`--api-key=V`, `--api-key V`, `NAME_TOKEN=V`, `Authorization: Bearer V`), a URL password (`postgresql://user:PASS@host`) or a secret query value (`?token=`, `?apiKey=`). Also how `registry import` refuses a server.json carrying one (`validation_failed`, one error per field).",
    },
    { severity: "warning", when: "A long random-looking literal." },
  ],
  UNRESOLVED_PLACEHOLDER: [
    {
      severity: "error",
      when:
        "A `{var}` template left in a value, or a `${VAR}` with no stored value for a client that cannot expand references.",
    },
    {
      severity: "warning",
      when: "A `${VAR}` with no stored value for a client that expands it from its environment.",
    },
  ],
  UNSUPPORTED_TRANSPORT: [
    { severity: "error", when: "A remote entry whose `type` is not `http` or `sse`." },
    {
      severity: "warning",
      when:
        "The client cannot load this remote server from its file; deploy bridges it through `npx -y mcp-remote`.",
    },
  ],
  EMPTY_ENV_VAR: [{ severity: "warning", when: "An env var with an empty value." }],
  RELATIVE_PATH: [{
    severity: "warning",
    when:
      "A catalogue input whose format is `filepath` given a relative path or `~` (clients start servers without a shell, in a folder of their choosing).",
  }],
  DEPRECATED_SERVER: [{
    severity: "warning",
    when:
      "A deprecated catalogue server (`successor` names its replacement), or one deprecated or deleted in the MCP registry `registry sync` read.",
  }],
  SERVER_NOT_IN_REGISTRY: [{
    severity: "warning",
    when: "A catalogue-sourced server that is no longer in the catalogue.",
  }],
};

/** The page. `validationSource` is the text of src/core/validation.ts; `srcText` every src file's text. */
export function errorsPage(validationSource: string, srcText: string): string {
  const codes = Object.entries(EXIT_CODES) as [string, number][];
  const missing = codes.filter(([c]) => !WHEN[c]).map(([c]) => c);
  if (missing.length) {
    throw new Error(`scripts/docs/errors_page.ts: describe the error codes ${missing.join(", ")} in WHEN`);
  }
  const issueCodes = [...new Set([...validationSource.matchAll(/code: "([A-Z_]+)"/g)].map((m) => m[1]))]
    .sort();
  const undescribed = issueCodes.filter((c) => !ISSUES[c]);
  if (undescribed.length) {
    throw new Error(
      `scripts/docs/errors_page.ts: describe the validation codes ${undescribed.join(", ")} in ISSUES`,
    );
  }
  const stale = Object.keys(ISSUES).filter((c) => !issueCodes.includes(c));
  if (stale.length) {
    throw new Error(
      `scripts/docs/errors_page.ts: ${stale.join(", ")} no longer exist in src/core/validation.ts`,
    );
  }
  const raised = (c: string) => srcText.includes(`"${c}"`);
  const exits = [...new Set([0, ...codes.map(([, e]) => e)])].sort((a, b) => a - b);
  return [
    "# Errors and exit codes",
    "",
    "<!-- Generated by `deno task docs` (scripts/gen_docs.ts) from EXIT_CODES in src/core/errors.ts and the issue codes of src/core/validation.ts. Do not edit: tests/docs_test.ts fails when this page differs. -->",
    "",
    "A failure is a value with a stable `code`, a message that names the action and quotes the value, and",
    "`details`. The CLI and the MCP server report the same document:",
    "",
    "```json",
    '{"error": "drift_detected", "message": "Cannot deploy artifact \\"13f5f023c362…\\" to \\"cursor\\": ...", "details": {"config_path": "...", "conflicts": [...], "hint": "..."}}',
    "```",
    "",
    "- With `--format json`, stdout holds exactly one JSON document, on success and on failure.",
    "- In text mode the message goes to stderr as `error: <message>`, then the hint, then `[<code>]`.",
    "- The MCP server returns the document as the text of a result with `isError: true`.",
    "- `details` never holds a secret value.",
    "",
    "## Exit codes",
    "",
    "| exit | meaning | error codes |",
    "|---|---|---|",
    ...exits.map((e) =>
      `| ${e} | ${EXIT_MEANING[e] ?? ""} | ${
        codes.filter(([, x]) => x === e).map(([c]) => `\`${c}\``).join(", ")
      } |`
    ),
    "",
    "`validate-config` exits 4 when the draft is invalid (its report is the result, not an error document).",
    "",
    "## Error codes",
    "",
    "| code | exit | when |",
    "|---|---|---|",
    ...codes.map(([c, e]) =>
      `| \`${c}\` | ${e} | ${WHEN[c]}${raised(c) ? "" : " Reserved: this version does not raise it."} |`
    ),
    "",
    "## Validation issues",
    "",
    "`validate-config` (and `publish-config`, which validates the draft first) reports issues as",
    "`{code, message, server?, field?, ...}`. Errors make the draft invalid; warnings do not.",
    "",
    "| code | severity | when |",
    "|---|---|---|",
    ...issueCodes.flatMap((c) => ISSUES[c].map((i) => `| \`${c}\` | ${i.severity} | ${i.when} |`)),
    "",
  ].join("\n");
}
