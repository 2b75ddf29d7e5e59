/**
 * validate-config: checks a client/profile draft against the target client and the catalogue.
 * Returns the result document (`valid: false` makes the CLI exit 4); publish refuses on errors.
 */
import { checkName } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { readDraft } from "../store/drafts.ts";
import { type ValidateConfigResult, validateDraft } from "../deploy/validate.ts";

export type { ValidateConfigResult };

/** Validates the stored draft of client/profile (a missing draft is EMPTY_CONFIG). */
export async function validateConfig(
  deps: Deps,
  input: { client?: string; profile?: string },
): Promise<ValidateConfigResult> {
  const client = checkName("client", input.client ?? "claude-desktop");
  const profile = checkName("profile", input.profile ?? "default");
  return validateDraft(deps, await readDraft(deps, client, profile));
}
