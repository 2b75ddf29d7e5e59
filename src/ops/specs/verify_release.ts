/** verify-release: check downloaded release files against SHA256SUMS and its Ed25519 signature (CLI only). */
import { absent, bind, defineSpec } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "verify-release",
    description:
      "Check downloaded release binaries against SHA256SUMS and its Ed25519 signature (SHA256SUMS.sig)",
    examples: [
      [
        "mcp-orchestration-x86_64-unknown-linux-gnu --key release-signing.pub",
        "the signature of SHA256SUMS first, then the file's SHA-256",
      ],
    ],
  },
  mcp: absent(
    "it checks files the user downloaded, named by path: a step for the user's shell, not an assistant",
  ),
  input: {
    file: {
      kind: "text",
      cli: {
        flag: "[file]",
        description: "a downloaded file (default: every file SHA256SUMS lists that is beside it)",
      },
    },
    files: {
      kind: "texts",
      cli: { flag: "--file <file>", description: "one more downloaded file (repeat)" },
    },
    key: {
      kind: "text",
      cli: {
        flag: "--key <file>",
        description: "the release public key (SPKI PEM, as published with the project)",
        required: true,
      },
    },
    sums: {
      kind: "text",
      cli: {
        flag: "--sums <file>",
        description: "the checksum list (default: SHA256SUMS beside the first file)",
      },
    },
    signature: {
      kind: "text",
      cli: { flag: "--signature <file>", description: "its signature (default: <sums>.sig)" },
    },
  },
});

export const op = bind(spec, () => import("../verify_release.ts"), (m, deps, input) =>
  m.verifyRelease(deps, {
    files: [...(input.file ? [input.file] : []), ...(input.files ?? [])],
    key: input.key,
    sums: input.sums,
    signature: input.signature,
  }));
