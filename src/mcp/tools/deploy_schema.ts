/** The output shape of deploy_config and rollback_deployment. */
import { z } from "zod";
import { obj } from "../schemas.ts";

/** A deploy result (status deployed / unchanged / dry_run; restored for a restore). */
export const deployOutput = obj({
  status: z.enum(["deployed", "unchanged", "dry_run", "restored"]),
  client_id: z.string(),
  config_path: z.string(),
  deployment_id: z.string().nullable(),
  restart_hint: z.string(),
});
