/** `deno task start <args>`: runs the CLI from source with exactly the compiled binary's permissions. */
import { RUN_FLAGS } from "./permissions.ts";

const main = new URL("../main.ts", import.meta.url).pathname;
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "--quiet", ...RUN_FLAGS, main, ...Deno.args],
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.exit((await child.status).code);
