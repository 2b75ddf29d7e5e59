/** init: the text form of its result (the command is declared by src/ops/specs/init.ts). */
import { op } from "../../ops/specs/init.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  (r.status === "already_exists"
    ? "Keys already exist (use --regenerate for a new key)\n"
    : `Keys ${r.status}\n`) +
  (r.trusted_existing_key
    ? `Trusted the existing key ${r.trusted_existing_key} (there was no keys/trusted/ folder: a Python tool state folder)\n`
    : "") +
  fields([
    ["key id", r.key_id],
    ["private key", r.private_key_path],
    ["public key", r.public_key_path],
    ["trusted keys", r.trusted_key_ids.join(", ")],
  ]);
