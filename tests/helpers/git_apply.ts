/** Applies a unified diff with the real `git apply` (outside any repository) in a temp folder. */

/** Runs `git apply -p<strip>` on `patch` with `dir` as the working folder; the patch file itself is
 * written outside `dir`. Returns git's exit status and stderr. */
export async function gitApply(
  dir: string,
  patch: string,
  strip = 1,
): Promise<{ ok: boolean; stderr: string }> {
  const patchDir = await Deno.makeTempDir({ prefix: "mcpo-patch-" });
  try {
    const file = `${patchDir}/change.patch`;
    await Deno.writeTextFile(file, patch);
    const out = await new Deno.Command("git", {
      args: ["apply", `-p${strip}`, "--verbose", file],
      cwd: dir,
      clearEnv: true,
      env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: patchDir, GIT_CONFIG_NOSYSTEM: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { ok: out.success, stderr: new TextDecoder().decode(out.stderr) };
  } finally {
    await Deno.remove(patchDir, { recursive: true });
  }
}

/** The `-p` that strips the folder `root` (absolute) from the absolute paths in a patch's headers. */
export function stripFor(root: string): number {
  return root.replace(/\/+$/, "").split("/").length;
}
