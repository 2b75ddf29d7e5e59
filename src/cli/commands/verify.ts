import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";
import type { VerifyAllResult } from "../../ops/verify_all.ts";

/** The text form of `verify --all`: "Verified the state folder ...", the counts and every warning. */
function verifyAllText(r: VerifyAllResult): string {
  const counts = Object.entries(r.checked).map(([k, v]) => `${v} ${k.replace("_", " ")}`).join(", ");
  const lines = [`Verified the state folder ${r.home}`, `  checked: ${counts}`];
  if (r.legacy_artifacts.length) {
    const ids = r.legacy_artifacts.map((id) => id.slice(0, 12)).join(", ");
    lines.push(
      `  legacy:  ${r.legacy_artifacts.length} artifacts of the Python tool (payload hash and payload signature only): ${ids}`,
    );
  }
  if (r.legacy_indexes.length) {
    lines.push(
      `  legacy:  ${r.legacy_indexes.length} unsigned Python profile indexes: ${r.legacy_indexes.join(", ")}`,
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join("\n");
}

export function register(program: Command, env: CliEnv): void {
  program.command("verify")
    .description(
      "Verify an artifact: id = hash of payload, signatures by a trusted key, listed in a signed index",
    )
    .argument("[artifact-id]", "artifact id or unique prefix (8+ hex)")
    .option("--client <id>", "verify the latest publish of this client")
    .option("--profile <name>", "profile (with --client)", "default")
    .option("--all", "check the whole state folder: artifacts, indexes, deployments, backups, file modes")
    .action(
      action(
        env,
        async (deps, id: string | undefined, o: { client?: string; profile?: string; all?: boolean }) =>
          o.all
            ? (await import("../../ops/verify_all.ts")).verifyAllInput(deps, {
              artifactId: id,
              client: o.client,
            })
            : (await import("../../ops/verify.ts")).verifyOp(deps, {
              artifactId: id,
              client: o.client,
              profile: o.profile,
            }),
        (r) =>
          "checked" in r
            ? verifyAllText(r)
            : (r.legacy ? "Verified (legacy artifact of the Python tool)\n" : "Verified\n") + fields([
              ["artifact id", r.artifact_id],
              [
                "signed by",
                r.legacy
                  ? `${r.signing_key_id} (labelled "${r.legacy_key_label}" in the file)`
                  : r.signing_key_id,
              ],
              [
                "listed in",
                r.indexed_in.map((i) =>
                  `${i.client_id}/${i.profile_id} v${i.version}${i.legacy ? " (unsigned Python index)" : ""}`
                ).join(", "),
              ],
              ["checks", r.checks.join(", ")],
            ]),
      ),
    );
}
