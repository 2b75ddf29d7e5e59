/** Result shapes several operations share (MCP output schemas). */
import { anyObject, arr, nullable, num, obj, oneOf, str } from "../shape.ts";

/** The summary every draft operation returns. */
export const DRAFT_SUMMARY = {
  client_id: str,
  profile_id: str,
  server_count: num,
  servers: arr(str),
  updated_at: nullable(str),
} as const;

/** A signed artifact with its version and changelog (get_config). */
export const ARTIFACT = obj({
  artifact_id: str,
  client_id: str,
  profile_id: str,
  created_at: str,
  payload: obj({ mcpServers: anyObject }),
  signature: str,
  signing_key_id: str,
  metadata: anyObject,
  version: num,
  changelog: str,
});

/** A deploy result (deployed / unchanged / dry_run; restored for a restore). */
export const DEPLOY_RESULT = obj({
  status: oneOf("deployed", "unchanged", "dry_run", "restored"),
  client_id: str,
  config_path: str,
  deployment_id: nullable(str),
  restart_hint: str,
});

/** A deployment record (hashes of entries, never values). */
export const DEPLOYMENT_RECORD = obj({
  deployment_id: str,
  action: str,
  client_id: str,
  profile_id: str,
  artifact_id: nullable(str),
  config_path: str,
  deployed_at: str,
});
