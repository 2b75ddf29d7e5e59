/** The output shape of one deployment record. */
import { z } from "zod";
import { obj } from "../schemas.ts";

/** A deployment record (hashes of entries, never values). */
export const deploymentRecord = obj({
  deployment_id: z.string(),
  action: z.string(),
  client_id: z.string(),
  profile_id: z.string(),
  artifact_id: z.string().nullable(),
  config_path: z.string(),
  deployed_at: z.string(),
});
