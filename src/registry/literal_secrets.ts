/**
 * Literal secrets inside a server.json, pure. A catalogue entry describes what a user must give; a
 * value it carries itself is copied into every draft made from it, so `registry import` refuses one
 * that holds a credential: a `value` or `default` of a secret input (`isSecret`, a secret name, an auth
 * header, a secret flag), a URL password or secret query value, a known token shape anywhere. `{var}`
 * templates are not values.
 *
 * @example
 * literalSecretsIn(server); // [{ field: "packages[0].environmentVariables[0].default", name: "GITHUB_TOKEN" }]
 */
import { KNOWN_TOKENS } from "../core/secret_detect.ts";
import { type Place, secretSpans } from "../core/secret_spans.ts";
import { isSecretName } from "../core/secret_detect.ts";
import { isSecretParam } from "../core/secret_spans.ts";

/** One field holding a literal secret (never the value). */
export interface SecretInServerJson {
  field: string;
  /** The input's name, when it has one. */
  name?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{var}` templates read as references, so only literal parts are judged. */
const asRefs = (s: string) => s.replace(/(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)\}/g, "$${$1}");

/** The fields of a (normalised) server.json that hold a literal secret. */
export function literalSecretsIn(server: unknown): SecretInServerJson[] {
  const out: SecretInServerJson[] = [];
  const seen = new Set<string>();
  const hit = (field: string, name?: string) => {
    if (!seen.has(field)) out.push(name === undefined ? { field } : { field, name });
    seen.add(field);
  };
  /** An input (argument, env var, header, variable): its fixed value and its default. */
  const input = (path: string, i: Obj, place: Place, secretNamed: boolean, name?: string) => {
    for (const k of ["value", "default"] as const) {
      const v = i[k];
      if (typeof v !== "string" || v === "") continue;
      const text = asRefs(v);
      const literal = !/\$\{[^}]*\}/.test(text);
      if (((i.isSecret === true || secretNamed) && literal) || secretSpans(text, place).length) {
        hit(`${path}.${k}`, name);
      }
    }
    if (isObj(i.variables)) {
      for (const [n, vi] of Object.entries(i.variables)) {
        if (isObj(vi)) {
          input(`${path}.variables.${n}`, vi, { kind: "text" }, isSecretName(n) || isSecretParam(n, true), n);
        }
      }
    }
  };
  const args = (path: string, list: unknown) => {
    if (!Array.isArray(list)) return;
    list.forEach((a, j) => {
      if (!isObj(a)) return;
      const name = typeof a.name === "string" ? a.name : undefined;
      const place: Place = name ? { kind: "arg", prev: name } : { kind: "arg" };
      input(`${path}[${j}]`, a, place, name !== undefined && isSecretParam(name), name);
    });
  };
  const kvs = (path: string, list: unknown, kind: "env" | "header") => {
    if (!Array.isArray(list)) return;
    list.forEach((kv, j) => {
      if (!isObj(kv) || typeof kv.name !== "string") return;
      input(`${path}[${j}]`, kv, { kind, key: kv.name }, false, kv.name);
    });
  };
  const url = (path: string, u: unknown) => {
    if (typeof u === "string" && secretSpans(asRefs(u), { kind: "url" }).length) hit(path);
  };
  if (!isObj(server)) return out;
  (Array.isArray(server.packages) ? server.packages : []).forEach((p, i) => {
    if (!isObj(p)) return;
    const at = `packages[${i}]`;
    args(`${at}.runtimeArguments`, p.runtimeArguments);
    args(`${at}.packageArguments`, p.packageArguments);
    kvs(`${at}.environmentVariables`, p.environmentVariables, "env");
    if (isObj(p.transport)) {
      url(`${at}.transport.url`, p.transport.url);
      kvs(`${at}.transport.headers`, p.transport.headers, "header");
    }
  });
  (Array.isArray(server.remotes) ? server.remotes : []).forEach((r, i) => {
    if (!isObj(r)) return;
    url(`remotes[${i}].url`, r.url);
    kvs(`remotes[${i}].headers`, r.headers, "header");
    if (isObj(r.variables)) input(`remotes[${i}]`, { variables: r.variables }, { kind: "text" }, false);
  });
  // Anything else (descriptions, _meta...): a known token shape is a credential wherever it is.
  const walk = (v: unknown, path: string) => {
    if (typeof v === "string") {
      if (KNOWN_TOKENS.some((re) => re.test(v))) hit(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (isObj(v)) { for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k); }
  };
  walk(server, "");
  return out;
}
