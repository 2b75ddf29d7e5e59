/** The output shape of a signed artifact (get_config, resources). */
import { z } from "zod";
import { anyObject, obj } from "../schemas.ts";

/** A signed artifact with its version and changelog. */
export const artifactOutput = obj({
  artifact_id: z.string(),
  client_id: z.string(),
  profile_id: z.string(),
  created_at: z.string(),
  payload: obj({ mcpServers: anyObject }),
  signature: z.string(),
  signing_key_id: z.string(),
  metadata: anyObject,
  version: z.number(),
  changelog: z.string(),
});
