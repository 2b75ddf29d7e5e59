/** remove-server: the text form of its result (the command is declared by src/ops/specs/remove_server.ts). */
import { op } from "../../ops/specs/remove_server.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) => `Removed ${r.server}\n${draftLine(r)}`;
