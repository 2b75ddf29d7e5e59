/** `logs --follow`, the real CLI under the binary's flags: it prints the last lines, then each line appended,
 * goes on after the file is truncated and after it is rotated (renamed away, a new one in its place), never
 * prints a secret, and runs until it is killed. HOME in a temp folder. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

Deno.test("logs --follow: an append, a truncation and a rotation are followed until the process is killed", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-follow-" }));
  const log = join(home, ".codex", "log", "codex-tui.log");
  await Deno.mkdir(join(home, ".codex", "log"), { recursive: true });
  await Deno.writeTextFile(log, "old 1\nold 2\n");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, "logs", "--client", "codex", "--lines", "1", "--follow"],
    env: { DENO_DIR: await realDenoDir(), PATH: Deno.env.get("PATH") ?? "", HOME: home },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  /** Reads stdout until it holds `text` (the test's own timeout is the limit). */
  const until = async (text: string) => {
    while (!out.includes(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stdout ended before "${text}":\n${out}`);
      out += value;
    }
  };
  try {
    await until("codex-tui.log: old 2");
    assert.ok(!out.includes("old 1"), "--lines 1");
    await Deno.writeTextFile(log, `appended line with ${TOKEN}\n`, { append: true });
    await until("codex-tui.log: appended line with ***");
    await Deno.writeTextFile(log, "after truncation\n");
    await until("codex-tui.log: after truncation");
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, "in the new file\n");
    await until("codex-tui.log: in the new file");
    assert.ok(!out.includes(TOKEN), out);
    assertEquals(out.split("\n").filter((l) => l.includes("old 2")).length, 1, "nothing printed twice");
  } finally {
    child.kill("SIGTERM");
    await reader.cancel();
    const status = await child.status;
    assertEquals(status.success, false, "it ran until it was killed");
    await child.stderr.cancel().catch(() => {});
    await Deno.remove(home, { recursive: true });
  }
});
