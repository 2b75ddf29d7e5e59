/** `deno task start <args>`: runs the CLI from source with exactly the compiled binary's permissions, in
 * the folder the task was started from (Deno runs a task in the clone's folder and names the caller's in
 * `INIT_CWD`): relative paths (`--file servers.json`, `--project-dir .`, `--scope project`) mean what
 * they mean to the user. */
import { RUN_FLAGS } from "./permissions.ts";

const main = new URL("../main.ts", import.meta.url).pathname;
const config = new URL("../deno.json", import.meta.url).pathname;
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "--quiet", ...RUN_FLAGS, "--config", config, main, ...Deno.args],
  cwd: Deno.env.get("INIT_CWD") || Deno.cwd(),
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.exit((await child.status).code);
