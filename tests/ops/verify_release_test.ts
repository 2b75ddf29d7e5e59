/**
 * verify-release against a release signed locally: with scripts/sign_release.sh (the release
 * workflow's own step: sha256sum + openssl pkeyutl -sign -rawin) when bash and openssl are here, else
 * with WebCrypto in the same formats.
 */
import { join } from "node:path";
import { assertEquals, assertRejectsCode } from "../core/assert.ts";
import { verifyRelease } from "../../src/ops/verify_release.ts";
import { base64, generateKeyPair, sign } from "../../src/core/signing.ts";
import { sha256Hex } from "../../src/core/digest.ts";
import { withHome } from "../helpers/home.ts";
import { runCli } from "../e2e/cli.ts";

const SCRIPT = new URL("../../scripts/sign_release.sh", import.meta.url).pathname;

function hasTools(): boolean {
  try {
    const ok = (cmd: string, args: string[]) =>
      new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
    return ok("bash", ["-c", "exit 0"]) && ok("openssl", ["version"]) && ok("sha256sum", ["--version"]);
  } catch {
    return false;
  }
}

async function run(cmd: string, args: string[], cwd?: string): Promise<void> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
}

/** A release folder: two fake binaries, SHA256SUMS, SHA256SUMS.sig, release-signing.pub. */
async function makeRelease(dir: string, withOpenssl: boolean): Promise<{ pub: string; otherPub: string }> {
  await Deno.writeFile(
    join(dir, "mcp-orchestration-x86_64-unknown-linux-gnu"),
    crypto.getRandomValues(new Uint8Array(65536)),
  );
  await Deno.writeTextFile(
    join(dir, "mcp-orchestration-x86_64-pc-windows-msvc.exe"),
    "MZ fake windows binary",
  );
  const other = await generateKeyPair();
  await Deno.writeTextFile(join(dir, "other.pub"), other.publicPem);
  if (withOpenssl) {
    const key = join(dir, "..", "release-signing.key");
    await run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", key]);
    await run("bash", [SCRIPT, dir, key]);
  } else {
    const pair = await generateKeyPair();
    const names = [
      "mcp-orchestration-x86_64-pc-windows-msvc.exe",
      "mcp-orchestration-x86_64-unknown-linux-gnu",
    ];
    const lines = await Promise.all(
      names.map(async (n) => `${await sha256Hex(await Deno.readFile(join(dir, n)))}  ${n}\n`),
    );
    const sums = new TextEncoder().encode(lines.join(""));
    await Deno.writeFile(join(dir, "SHA256SUMS"), sums);
    await Deno.writeFile(join(dir, "SHA256SUMS.sig"), base64.decode(await sign(pair.privatePem, sums)));
    await Deno.writeTextFile(join(dir, "release-signing.pub"), pair.publicPem);
  }
  return { pub: join(dir, "release-signing.pub"), otherPub: join(dir, "other.pub") };
}

for (const withOpenssl of [true, false]) {
  Deno.test({
    name: `verify-release: a release signed ${
      withOpenssl ? "by the workflow's script (openssl)" : "with WebCrypto"
    } verifies; any change fails`,
    ignore: withOpenssl && !hasTools(),
    fn: () =>
      withHome(async (h) => {
        const dir = join(h.userHome, "download");
        await Deno.mkdir(dir);
        const { pub, otherPub } = await makeRelease(dir, withOpenssl);
        const linux = join(dir, "mcp-orchestration-x86_64-unknown-linux-gnu");
        const sums = join(dir, "SHA256SUMS");
        const deps = h.deps();

        const one = await verifyRelease(deps, { files: [linux], key: pub });
        assertEquals([one.status, one.files.map((f) => f.file)], ["verified", [linux]]);
        assertEquals(one.files[0].sha256, await sha256Hex(await Deno.readFile(linux)));
        const all = await verifyRelease(deps, { sums, key: pub });
        assertEquals(all.files.length, 2);
        // The CLI, under the binary's permission flags.
        const cli = await runCli(["verify-release", linux, "--key", pub, "--format", "json"], h.env);
        assertEquals([cli.code, cli.json?.files?.[0]?.file], [0, linux], cli.stdout + cli.stderr);
        // The signature as base64 text is accepted too.
        const b64 = join(dir, "sig.b64");
        await Deno.writeTextFile(b64, base64.encode(await Deno.readFile(`${sums}.sig`)) + "\n");
        assertEquals((await verifyRelease(deps, { sums, signature: b64, key: pub })).status, "verified");

        await assertRejectsCode(() => verifyRelease(deps, { sums, key: otherPub }), "signature_invalid");
        await assertRejectsCode(() => verifyRelease(deps, { sums, key: sums }), "invalid_input");
        const stray = join(dir, "mcp-orchestration-extra");
        await Deno.writeTextFile(stray, "x");
        await assertRejectsCode(() => verifyRelease(deps, { files: [stray], key: pub }), "integrity_error");

        // One byte of a binary changed: its hash no longer matches.
        const bytes = await Deno.readFile(linux);
        bytes[100] ^= 1;
        await Deno.writeFile(linux, bytes);
        await assertRejectsCode(() => verifyRelease(deps, { files: [linux], key: pub }), "integrity_error");
        assertEquals((await runCli(["verify-release", linux, "--key", pub], h.env)).code, 5);
        // SHA256SUMS edited to match it: now the signature fails, before any line is trusted.
        const text = await Deno.readTextFile(sums);
        const fixed = text.replace(
          /^[0-9a-f]{64}(?= {2}mcp-orchestration-x86_64-unknown-linux-gnu)/m,
          await sha256Hex(bytes),
        );
        await Deno.writeTextFile(sums, fixed);
        await assertRejectsCode(() => verifyRelease(deps, { files: [linux], key: pub }), "signature_invalid");
      }),
  });
}
