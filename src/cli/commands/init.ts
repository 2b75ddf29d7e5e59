import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("init")
    .description("Create the state folder and the Ed25519 signing key (trusted for deploys)")
    .option("--regenerate", "make a new signing key; the old public key stays trusted")
    .action(
      action(
        env,
        async (deps, o: { regenerate?: boolean }) =>
          (await import("../../ops/init.ts")).init(deps, { regenerate: o.regenerate }),
        (r) =>
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
          ]),
      ),
    );
}
