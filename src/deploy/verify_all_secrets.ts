/**
 * verify --all: literal secrets already sitting in artifacts and drafts (written before the extractor
 * covered every field, or by hand). The same rules as the extractor and validation
 * (`secret_extract.ts`); a finding names the artifact or draft, the server and the field, and how to
 * replace it, never the value.
 *
 * - An artifact that is the latest publish of a profile, and every draft: a problem (exit 5). Artifacts
 *   are never rewritten, so the fix is a new publish without the literal, and rotating the credential.
 * - An older artifact (superseded, or listed in no index): a warning telling to rotate the credential;
 *   it stays in the signed history, which verify cannot ask the user to break.
 * - A server.json in `<home>/registry/` carrying one (imported before `registry import` refused them):
 *   a problem; every add-server from it would copy the value into a draft.
 */
import { literalSecretFields } from "../core/secret_extract.ts";
import { secretSpans } from "../core/secret_spans.ts";
import type { Draft } from "../store/drafts.ts";
import { layout } from "../store/layout.ts";
import type { Deps } from "../platform/deps.ts";
import type { Report } from "./verify_all_checks.ts";
import { literalSecretsIn } from "../registry/literal_secrets.ts";
import { parseServerJsonText } from "../registry/server_json.ts";
import { readUserRegistryFiles } from "../registry/user_files.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `server "a" env.X, args[2]; server "b" url` for the servers of a payload that hold literals. */
function where(servers: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, entry] of Object.entries(servers)) {
    const fields = literalSecretFields(entry).map((f) => f.field);
    if (fields.length) out.push(`server ${JSON.stringify(name)} ${fields.join(", ")}`);
  }
  return out;
}

/** Every verified artifact whose payload holds a literal secret. */
export function checkArtifactSecrets(deps: Deps, r: Report): void {
  const l = layout(deps.home);
  for (const [id, a] of r.artifacts ?? []) {
    const servers = isObj(a.payload) && isObj(a.payload.mcpServers) ? a.payload.mcpServers : {};
    const found = where(servers);
    if (!found.length) continue;
    const short = `${id.slice(0, 12)}…`;
    const latestOf = r.latest?.get(id) ?? [];
    if (latestOf.length) {
      const [client, profile] = latestOf[0].split("/");
      r.problems.push({
        check: "secrets",
        path: l.artifact(id),
        message:
          `artifact ${short} (the latest publish of ${latestOf.join(", ")}) holds a literal secret in ${
            found.join("; ")
          }: ` +
          `publish a version with references (publish-config --client ${client} --profile ${profile} --file FILE moves ` +
          `literals to secrets.json; or import-config --replace, then publish-config), then rotate that credential: ` +
          `artifacts are never rewritten`,
      });
    } else {
      r.warnings.push({
        check: "secrets",
        path: l.artifact(id),
        message:
          `artifact ${short} (${a.client}/${a.profile}, not the latest publish) still holds a literal secret in ${
            found.join("; ")
          }: artifacts are never rewritten; rotate that credential`,
      });
    }
  }
}

/** A draft holding a literal secret in an entry or a kept parameter value. */
export function checkDraftSecrets(r: Report, path: string, d: Draft): void {
  const target = `--client ${d.client_id} --profile ${d.profile_id}`;
  for (const s of d.servers) {
    if (!isObj(s)) continue;
    const fields = literalSecretFields(s.entry).map((f) => f.field);
    for (const [k, v] of Object.entries(isObj(s.params) ? s.params : {})) {
      const list = Array.isArray(v) ? v : [v];
      if (list.some((x) => typeof x === "string" && secretSpans(x, { kind: "arg" }).length)) {
        fields.push(`params.${k}`);
      }
    }
    if (!fields.length) continue;
    const source: unknown = s.source;
    const from = isObj(source) && typeof source.imported_from === "string" ? source.imported_from : undefined;
    const fix = from
      ? `import-config ${target} --config-path '${from}' --replace (moves literals to secrets.json)`
      : `add-server ${s.name} ${target} --replace with the same values (moves literals to secrets.json)`;
    r.problems.push({
      check: "secrets",
      path,
      message:
        `draft "${d.client_id}/${d.profile_id}" holds a literal secret in server ${JSON.stringify(s.name)} ${
          fields.join(", ")
        }: ` +
        `run ${fix}, or remove-server ${s.name} ${target}`,
    });
  }
}

/** Every user registry file whose servers carry a literal secret (`literal_secrets.ts`). */
export async function checkRegistrySecrets(deps: Deps, r: Report): Promise<void> {
  const { files } = await readUserRegistryFiles(deps);
  for (const f of files) {
    const fields = parseServerJsonText(f.text, f.path).flatMap((s) =>
      literalSecretsIn(s).map((h) => h.field)
    );
    if (!fields.length) continue;
    r.problems.push({
      check: "secrets",
      path: f.path,
      message:
        `the registry file "${f.path}" holds a literal secret in ${
          fields.join(", ")
        }: remove the value from ` +
        `the file (users give it with add-server --env/--param, which stores it in secrets.json) and rotate that credential`,
    });
  }
}
