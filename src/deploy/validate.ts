/** Validation of a draft against its client and the catalogue: shared by validate-config and publish-config
 * (which refuses on errors). */
import { ALL_CLIENTS } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import { type ServerFacts, validateServers, type ValidationResult } from "../core/validation.ts";
import type { Deps } from "../platform/deps.ts";
import type { Catalog } from "../registry/catalog.ts";
import {
  inputsOf,
  inputValueProblems,
  refName,
  relativePathMessage,
  selectSource,
  type Transport,
} from "../registry/inputs.ts";
import { catalogMeta } from "../registry/server_json.ts";
import { loadCatalog } from "../registry/user_files.ts";
import type { Draft, DraftServer } from "../store/drafts.ts";
import { readSecrets } from "../store/secrets.ts";

export interface ValidateConfigResult extends ValidationResult {
  client_id: string;
  profile_id: string;
}

function given(s: DraftServer, name: string, secrets: Record<string, string>): boolean {
  const env = (s.entry as { env?: Record<string, unknown> }).env;
  const literal = typeof env?.[name] === "string" && !(env[name] as string).includes("${");
  return s.params[name] !== undefined || s.env[name] !== undefined || literal ||
    Object.hasOwn(secrets, name) ||
    Object.hasOwn(secrets, refName(name));
}

/** What the catalogue says about one draft server. */
export function factsOf(s: DraftServer, catalog: Catalog, secrets: Record<string, string>): ServerFacts {
  const facts: ServerFacts = { name: s.name, entry: s.entry };
  if (!("registry" in s.source)) return facts;
  const id = s.source.registry;
  let server;
  try {
    server = catalog.get(id).server;
  } catch {
    facts.notInRegistry =
      `Server '${s.name}' comes from the catalogue id "${id}", which is no longer in the registry`;
    return facts;
  }
  const meta = catalogMeta(server);
  if (meta.deprecated) facts.deprecated = meta.deprecated;
  let specs;
  try {
    specs = inputsOf(selectSource(server, s.transport as Transport | undefined));
  } catch {
    return facts;
  }
  const problems = inputValueProblems(specs, (n) => s.params[n] ?? s.env[n]);
  for (const p of problems) {
    const kind = specs.find((x) => x.name === p.input)?.kind === "env" ? "env" : "param";
    if (p.problem === "empty") (facts.emptyInputs ??= []).push({ name: p.input, kind });
    else (facts.relativePaths ??= []).push({ input: p.input, message: relativePathMessage(s.name, p) });
  }
  const empty = new Set((facts.emptyInputs ?? []).map((e) => e.name));
  for (const spec of specs) {
    if (empty.has(spec.name)) continue;
    if (!spec.isRequired || spec.default !== undefined || given(s, spec.name, secrets)) continue;
    if (spec.kind === "env") (facts.missingEnv ??= []).push(spec.name);
    else (facts.missingParams ??= []).push(spec.name);
  }
  return facts;
}

/** Validates an in-memory draft for its client. */
export async function validateDraft(deps: Deps, draft: Draft): Promise<ValidateConfigResult> {
  const client: ClientRecord | undefined = ALL_CLIENTS.find((c) => c.id === draft.client_id);
  const { catalog } = await loadCatalog(deps);
  const secrets = await readSecrets(deps);
  const r = validateServers(
    draft.client_id,
    client ?? null,
    draft.servers.map((s) => factsOf(s, catalog, secrets)),
    new Set(Object.keys(secrets)),
  );
  return { client_id: draft.client_id, profile_id: draft.profile_id, ...r };
}
