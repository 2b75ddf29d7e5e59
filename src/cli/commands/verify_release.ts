import type { Command } from "../parser.ts";
import { action, type CliEnv, collect } from "../context.ts";
import { fields } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("verify-release")
    .description(
      "Check downloaded release binaries against SHA256SUMS and its Ed25519 signature (SHA256SUMS.sig)",
    )
    .argument("[file]", "a downloaded file (default: every file SHA256SUMS lists that is beside it)")
    .option("--file <file>", "one more downloaded file (repeat)", collect)
    .requiredOption("--key <file>", "the release public key (SPKI PEM, as published with the project)")
    .option("--sums <file>", "the checksum list (default: SHA256SUMS beside the first file)")
    .option("--signature <file>", "its signature (default: <sums>.sig)")
    .action(
      action(
        env,
        async (
          deps,
          file: string | undefined,
          o: { file?: string[]; key: string; sums?: string; signature?: string },
        ) =>
          (await import("../../ops/verify_release.ts")).verifyRelease(deps, {
            files: [...(file ? [file] : []), ...(o.file ?? [])],
            key: o.key,
            sums: o.sums,
            signature: o.signature,
          }),
        (r, s) =>
          s.green("Verified") + "\n" + fields([
            ["signed by", r.key_id],
            ["checksums", r.sums],
          ]) + "\n" + r.files.map((f) => `  ${f.sha256}  ${f.file}`).join("\n"),
      ),
    );
}
