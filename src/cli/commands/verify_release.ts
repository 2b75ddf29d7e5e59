/** verify-release: the text form of its result (the command is declared by src/ops/specs/verify_release.ts). */
import { op } from "../../ops/specs/verify_release.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r, s) =>
  s.green("Verified") + "\n" + fields([
    ["signed by", r.key_id],
    ["checksums", r.sums],
  ]) + "\n" + r.files.map((f) => `  ${f.sha256}  ${f.file}`).join("\n");
