/**
 * Names users type for a catalogue server's inputs that are not its own: the names guides and READMEs
 * use (`path` for the filesystem server's `allowed_directory`, `GITHUB_TOKEN` for GitHub's
 * `GITHUB_PERSONAL_ACCESS_TOKEN`, `connection` for postgres' `connection_string`). A catalogue entry
 * lists them under `_meta["io.github.mcp-orchestration/catalog"].aliases` (`params` and `env`, alias ->
 * real name); add-server maps them before anything is resolved or stored, and says so.
 *
 * @example
 * // applyAliases(server, { path: "/x" }, {}) ->
 * // { params: { allowed_directory: "/x" }, env: {}, applied: [{ kind: "param", given: "path", used: "allowed_directory" }] }
 */
import { AppError } from "../core/errors.ts";
import { catalogMeta, type ServerJson } from "./server_json.ts";

/** One alias that was used: what the user gave and the catalogue's own name it stands for. */
export interface AliasUse {
  kind: "param" | "env";
  given: string;
  used: string;
}

/** The catalogue's aliases of `server` (empty maps when it lists none). */
export function aliasesOf(
  server: ServerJson,
): { params: Record<string, string>; env: Record<string, string> } {
  const a = catalogMeta(server).aliases;
  return { params: { ...(a?.params ?? {}) }, env: { ...(a?.env ?? {}) } };
}

function mapKeys<V>(
  kind: AliasUse["kind"],
  given: Record<string, V>,
  aliases: Record<string, string>,
  applied: AliasUse[],
  strip: (k: string) => string,
): Record<string, V> {
  const out: Record<string, V> = {};
  const from: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) {
    const bare = strip(k);
    const real = Object.hasOwn(aliases, bare) ? aliases[bare] : undefined;
    const key = real ?? bare;
    if (Object.hasOwn(out, key)) {
      const flag = kind === "param" ? "--param" : "--env";
      throw new AppError(
        "invalid_input",
        `Both ${JSON.stringify(from[key])} and ${
          JSON.stringify(k)
        } give ${key}: give it once (${flag} ${key}=...)`,
        { kind, name: key },
      );
    }
    out[key] = v;
    from[key] = k;
    if (real) applied.push({ kind, given: bare, used: real });
  }
  return out;
}

/** `params` and `env` with each alias replaced by the catalogue's own name; giving both is refused. */
export function applyAliases(
  server: ServerJson,
  params: Record<string, string | string[]>,
  env: Record<string, string>,
): { params: Record<string, string | string[]>; env: Record<string, string>; applied: AliasUse[] } {
  const a = aliasesOf(server);
  const applied: AliasUse[] = [];
  return {
    params: mapKeys("param", params, a.params, applied, (k) => k.replace(/^-+/, "")),
    env: mapKeys("env", env, a.env, applied, (k) => k),
    applied,
  };
}
