/** install-server: the text form of its result (the command is declared by src/ops/specs/install_server.ts). */
import { op } from "../../ops/specs/install_server.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  r.command
    ? `${r.command}\n  ${r.note}${
      r.runtime_found ? "" : `\n  warning: the package manager for ${r.runtime} is not on PATH`
    }`
    : r.note;
