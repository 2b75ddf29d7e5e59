/** Running a program to completion with an optional text on its standard input (tests and benches). */

/** Spawns `cmd` with `options`, writes `stdin` (if given) and closes it, and waits for the output. */
export async function runWithInput(
  cmd: string,
  options: Omit<Deno.CommandOptions, "stdin" | "stdout" | "stderr">,
  stdin?: string,
): Promise<Deno.CommandOutput> {
  const child = new Deno.Command(cmd, {
    ...options,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  return await child.output();
}
