/** trust: the text form of its results (the command is declared by src/ops/specs/trust.ts). */
import { op } from "../../ops/specs/trust.ts";
import type { TrustAddResult, TrustListResult, TrustRemoveResult } from "../../ops/trust.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";
import type { Style } from "../style.ts";

export { op };

function listText(r: TrustListResult, s: Style): string {
  const head = r.count === 0 ? "No trusted keys" : table([
    ["NAME", "KEY ID", "ADDED"],
    ...r.keys.map((k) => [
      (k.name ?? "-") + (k.own ? s.dim(" (this machine)") : ""),
      k.key_id,
      k.added_at ?? "-",
    ]),
  ], "");
  return [head, ...r.warnings.map((w) => `warning: ${w}`)].join("\n");
}

function addText(r: TrustAddResult): string {
  const who = `${r.name} (${r.key_id}${r.own ? ", this machine's key" : ""})`;
  if (r.status === "added") return `Trusted ${who}: deploys now accept what it signs`;
  if (r.status === "named") {
    return `Already trusted: ${r.key_id} is now named ${r.name}` +
      (r.previous_name ? ` (was ${r.previous_name})` : "");
  }
  return `Already trusted: ${who}`;
}

const removeText = (r: TrustRemoveResult) => r.message;

export const text: TextOf<typeof op> = (r, s) =>
  r.action === "list" ? listText(r, s) : r.action === "add" ? addText(r) : removeText(r);
