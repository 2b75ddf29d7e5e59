/** The text form of `verify --all` (kept apart so the CLI loads the checks only when they run). */
import type { VerifyAllResult } from "./verify_all.ts";

/** "Verified the state folder ...", the counts and every warning. */
export function verifyAllText(r: VerifyAllResult): string {
  const counts = Object.entries(r.checked).map(([k, v]) => `${v} ${k.replace("_", " ")}`).join(", ");
  const lines = [`Verified the state folder ${r.home}`, `  checked: ${counts}`];
  if (r.legacy_artifacts.length) {
    lines.push(`  legacy:  ${r.legacy_artifacts.length} artifacts of the Python tool (payload hash and payload signature only): ${r.legacy_artifacts.map((id) => id.slice(0, 12)).join(", ")}`);
  }
  if (r.legacy_indexes.length) lines.push(`  legacy:  ${r.legacy_indexes.length} unsigned Python profile indexes: ${r.legacy_indexes.join(", ")}`);
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join("\n");
}
