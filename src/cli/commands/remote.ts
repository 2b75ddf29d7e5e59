/** remote: the text form of its result (the command is declared by src/ops/specs/remote.ts). */
import { op } from "../../ops/specs/remote.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

export const text: TextOf<typeof op> = (r) => {
  if (r.action === "add") return `Added remote ${r.remote!.name}: ${r.remote!.url}`;
  if (r.action === "remove") {
    return `Removed remote ${r.remote!.name} (${r.remote!.url}); the profiles pulled from it stay`;
  }
  if (r.remotes.length === 0) return "No remotes (add one: remote add NAME URL)";
  const w = Math.max(...r.remotes.map((x) => x.name.length));
  return r.remotes.map((x) => `${x.name.padEnd(w)}  ${x.url}`).join("\n");
};
