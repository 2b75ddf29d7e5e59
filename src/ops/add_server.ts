/**
 * add-server: adds a catalogue server (`ID`) or a custom one (`--command` / `--url`) to the draft of a
 * client/profile. Parameter defaults come from the catalogue; unknown parameters are refused with the
 * known ones; a name already in the draft is refused unless `replace`. Secret values (isSecret inputs,
 * *_TOKEN/_KEY/_SECRET/_PASSWORD/_PAT names, auth headers) go to secrets.json; the draft keeps `${VAR}`.
 */
import { getClient } from "../clients/registry.ts";
import { AppError } from "../core/errors.ts";
import { isSecretName } from "../core/secret_detect.ts";
import { entryRefs } from "../core/secret_extract.ts";
import type { Deps } from "../platform/deps.ts";
import { checkTransport, inputsOf, refName, selectSource } from "../registry/inputs.ts";
import { resolveServer } from "../registry/resolve.ts";
import { loadCatalog } from "../registry/user_files.ts";
import { type DraftServer, type DraftSummary, summarize, updateDraft } from "../store/drafts.ts";
import { setSecrets } from "../store/secrets.ts";
import { type CustomInput, customServer } from "../registry/custom_server.ts";

export interface AddServerInput extends CustomInput {
  /** Catalogue id, or the name of a custom server. */
  id: string;
  client?: string;
  profile?: string;
  params?: Record<string, string | string[]>;
  env?: Record<string, string>;
  name?: string;
  replace?: boolean;
  transport?: string;
}

export interface AddServerResult extends DraftSummary {
  action: "added" | "replaced";
  server: string;
  source: DraftServer["source"];
  /** Names of the secrets stored in secrets.json by this call (never their values). */
  secrets_stored: string[];
  missing: { params: string[]; env: string[] };
  warnings: string[];
}

/** A server name in a draft: 1-64 of letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const SERVER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkServerName(name: unknown): string {
  if (typeof name !== "string" || !SERVER_NAME_RE.test(name)) {
    throw new AppError(
      "invalid_input",
      `Invalid server name ${
        JSON.stringify(name)
      }: use 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit`,
      {
        name,
        pattern: SERVER_NAME_RE.source,
      },
    );
  }
  return name;
}

async function fromCatalog(deps: Deps, input: AddServerInput) {
  const transport = checkTransport(input.transport);
  const { catalog } = await loadCatalog(deps);
  const server = catalog.get(input.id).server;
  const params: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(input.params ?? {})) params[k.replace(/^-+/, "")] = v;
  const r = resolveServer(server, { params, env: input.env ?? {}, transport });
  const specs = inputsOf(selectSource(server, transport));
  const secretInput = (n: string) => specs.some((s) => s.name === n && s.isSecret) || isSecretName(n);
  const draftParams = Object.fromEntries(
    Object.entries(params).filter(([k]) => !secretInput(k) && !(refName(k) in r.secrets)),
  );
  const draftEnv = Object.fromEntries(
    Object.entries(input.env ?? {}).filter(([k]) => !secretInput(k) && !(k in r.secrets)),
  );
  const warnings = [...r.warnings];
  for (const p of r.missing.params) {
    warnings.push(`Server '${input.id}' requires the parameter ${p}: give --param ${p}=VALUE`);
  }
  for (const e of r.missing.env) warnings.push(`Server '${input.id}' requires ${e}: give --env ${e}=VALUE`);
  const spec: Omit<DraftServer, "name"> = {
    source: { registry: input.id },
    transport: r.transport,
    params: draftParams,
    env: draftEnv,
    secret_refs: entryRefs(r.entry),
    entry: r.entry,
  };
  return { spec, secrets: r.secrets, missing: r.missing, warnings };
}

/** Adds (or with `replace`, replaces) one server in the draft. */
export async function addServer(deps: Deps, input: AddServerInput): Promise<AddServerResult> {
  const client = getClient(input.client ?? "claude-desktop").id;
  const profile = input.profile ?? "default";
  const custom = input.command !== undefined || input.url !== undefined;
  if (!custom && (input.args?.length || input.headers)) {
    throw new AppError(
      "invalid_input",
      "--arg and --header describe a custom server: give --command or --url too",
    );
  }
  const name = checkServerName(input.name ?? input.id);
  const built = custom
    ? { ...customServer(name, input), missing: { params: [] as string[], env: [] as string[] } }
    : await fromCatalog(deps, input);
  const { replaced } = await setSecrets(deps, built.secrets);
  const warnings = [
    ...built.warnings,
    ...replaced.map((n) => `The stored secret ${n} was replaced with the new value`),
  ];
  const { result: action, draft } = await updateDraft(deps, client, profile, (d) => {
    const at = d.servers.findIndex((s) => s.name === name);
    if (at >= 0 && !input.replace) {
      throw new AppError(
        "already_exists",
        `Server "${name}" is already in the draft of "${client}/${profile}": use --replace or --name`,
        {
          name,
          servers: d.servers.map((s) => s.name),
        },
      );
    }
    const servers = [...d.servers];
    const entry: DraftServer = { name, ...built.spec };
    if (at >= 0) servers[at] = entry;
    else servers.push(entry);
    return { draft: { ...d, servers }, result: at >= 0 ? "replaced" as const : "added" as const };
  });
  return {
    action,
    server: name,
    source: built.spec.source,
    ...summarize(draft),
    secrets_stored: Object.keys(built.secrets).sort(),
    missing: built.missing,
    warnings,
  };
}
