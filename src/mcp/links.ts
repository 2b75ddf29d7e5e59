/**
 * Results link what they made: a `resource_link` content item (protocol 2025-06-18 and later) after a
 * tool's JSON text, pointing at the resource that now shows it. `publish_config` links the profile's
 * `config://C/P/latest`, `deploy_config` and `rollback_deployment` its `config://C/P/deployed` (one
 * link per client deployed); a dry run made nothing and links nothing.
 */

/** A `resource_link` content item. */
export interface ResourceLink {
  type: "resource_link";
  uri: string;
  name: string;
  title: string;
  mimeType: "application/json";
}

/** The first protocol version with `resource_link` content. */
const LINKS_SINCE = "2025-06-18";

/** True when a session on `protocolVersion` can receive `resource_link` items (versions are dates). */
export function linksSupported(protocolVersion: string | undefined): boolean {
  return typeof protocolVersion === "string" && protocolVersion >= LINKS_SINCE;
}

const enc = (s: string) => encodeURIComponent(s);

function link(client: string, profile: string, kind: "latest" | "deployed"): ResourceLink {
  return {
    type: "resource_link",
    uri: `config://${enc(client)}/${enc(profile)}/${kind}`,
    name: `${client}/${profile} ${kind}`,
    title: kind === "latest"
      ? `Latest published configuration of ${client}/${profile}`
      : `Deployed configuration of ${client}/${profile}`,
    mimeType: "application/json",
  };
}

type Value = Record<string, unknown>;
const str = (x: unknown): string | undefined => (typeof x === "string" && x ? x : undefined);
const MADE = new Set(["deployed", "unchanged", "restored"]);

/** The links of a successful result of `tool`. */
export function linksFor(tool: string, value: unknown): ResourceLink[] {
  const v = (value ?? {}) as Value;
  if (tool === "publish_config") {
    const c = str(v.client_id), p = str(v.profile_id);
    return c && p ? [link(c, p, "latest")] : [];
  }
  if (tool === "deploy_config" || tool === "rollback_deployment") {
    const rows: Value[] = Array.isArray(v.results) ? v.results as Value[] : [v];
    const out: ResourceLink[] = [];
    for (const r of rows) {
      const c = str(r.client_id), p = str(r.profile_id) ?? str(v.profile_id);
      if (c && p && r.ok !== false && MADE.has(String(r.status))) out.push(link(c, p, "deployed"));
    }
    return out;
  }
  return [];
}
